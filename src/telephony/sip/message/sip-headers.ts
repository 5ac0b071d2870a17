import { isToken } from './sip-grammar.js';
import { lookupHeaderName } from './header-names.js';

/** One header field value with the name it is written under. */
export type SipHeaderEntry = readonly [name: string, value: string];

/**
 * The header fields of one SIP message, in order, with repeated names kept as separate values.
 *
 * Names are case-insensitive and compact forms are expanded: `get('v')`, `get('VIA')` and
 * `get('Via')` read the same values, and output spells every known name canonically (`Call-ID`).
 * https://www.rfc-editor.org/rfc/rfc3261#section-7.3.1
 *
 * Values are stored as given: the parser splits comma-separated lists (Via, Contact, Route...)
 * into one value each, but `append('Allow', 'INVITE, ACK')` stores one value.
 *
 * The storage is three plain own properties rather than `#private` fields so that
 * `assert.deepStrictEqual` compares two messages' headers instead of passing any two.
 */
export class SipHeaders implements Iterable<SipHeaderEntry> {
  private readonly names: string[] = [];
  private readonly keys: string[] = [];
  private readonly values: string[] = [];

  constructor(entries?: Iterable<readonly [string, string]>) {
    if (entries !== undefined) for (const [name, value] of entries) this.append(name, value);
  }

  /** The number of values held, over all names. */
  get size(): number {
    return this.values.length;
  }

  /** The first value of the field, or undefined when absent. */
  get(name: string): string | undefined {
    const index = this.keys.indexOf(lookupHeaderName(name).key);
    return index === -1 ? undefined : this.values[index];
  }

  /** Every value of the field, in message order. */
  getAll(name: string): string[] {
    const key = lookupHeaderName(name).key;
    const found: string[] = [];
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === key) found.push(this.values[i] ?? '');
    return found;
  }

  /** True when the field has at least one value. */
  has(name: string): boolean {
    return this.keys.includes(lookupHeaderName(name).key);
  }

  /** How many values the field has. */
  count(name: string): number {
    const key = lookupHeaderName(name).key;
    let n = 0;
    for (const k of this.keys) if (k === key) n++;
    return n;
  }

  /** Replaces every value of the field by `value`, where the first one stood (or at the end). */
  set(name: string, value: string): this {
    const header = lookupHeaderName(name);
    checkField(header.canonical, value);
    const first = this.keys.indexOf(header.key);
    if (first === -1) return this.append(name, value);
    this.names[first] = header.canonical;
    this.values[first] = value;
    for (let i = this.keys.length - 1; i > first; i--) if (this.keys[i] === header.key) this.removeAt(i);
    return this;
  }

  /** Adds a value after every other header field. */
  append(name: string, value: string): this {
    const header = lookupHeaderName(name);
    checkField(header.canonical, value);
    this.names.push(header.canonical);
    this.keys.push(header.key);
    this.values.push(value);
    return this;
  }

  /**
   * Adds a value before the field's first value (or at the end when absent): how a proxy pushes
   * its Via or a Route. https://www.rfc-editor.org/rfc/rfc3261#section-16.6
   */
  prepend(name: string, value: string): this {
    const header = lookupHeaderName(name);
    checkField(header.canonical, value);
    const first = this.keys.indexOf(header.key);
    if (first === -1) return this.append(name, value);
    this.names.splice(first, 0, header.canonical);
    this.keys.splice(first, 0, header.key);
    this.values.splice(first, 0, value);
    return this;
  }

  /** Removes every value of the field; true when there was one. */
  delete(name: string): boolean {
    const key = lookupHeaderName(name).key;
    let removed = false;
    for (let i = this.keys.length - 1; i >= 0; i--) {
      if (this.keys[i] === key) {
        this.removeAt(i);
        removed = true;
      }
    }
    return removed;
  }

  /** An independent copy. */
  clone(): SipHeaders {
    const copy = new SipHeaders();
    copy.names.push(...this.names);
    copy.keys.push(...this.keys);
    copy.values.push(...this.values);
    return copy;
  }

  /** Every value with its canonical name, in message order. */
  *entries(): IterableIterator<SipHeaderEntry> {
    for (let i = 0; i < this.values.length; i++) yield [this.names[i] ?? '', this.values[i] ?? ''];
  }

  [Symbol.iterator](): IterableIterator<SipHeaderEntry> {
    return this.entries();
  }

  private removeAt(index: number): void {
    this.names.splice(index, 1);
    this.keys.splice(index, 1);
    this.values.splice(index, 1);
  }
}

/**
 * Refuses a name that is not a token or a value holding CR or LF: either would let text reach the
 * wire as a header line of its own (header injection). Such a call is a bug in the caller.
 */
function checkField(name: string, value: string): void {
  if (!isToken(name)) throw new RangeError(`invalid SIP header name ${JSON.stringify(name)}`);
  if (value.includes('\r') || value.includes('\n')) {
    throw new RangeError(`SIP header ${name} has a line break in its value`);
  }
}
