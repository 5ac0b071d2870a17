import { parseDecimal } from './decimal.js';
import { MAX_SIP_MESSAGE_BYTES } from './sip-limits.js';

const LF = 0x0a;
const CR = 0x0d;
const INITIAL_CAPACITY_BYTES = 4_096;

/** What one {@link SipStreamFramer.push} produced. */
export interface SipFramingResult {
  /** Whole messages, in arrival order: each a copy of its header section and body bytes. */
  readonly messages: readonly Buffer[];
  /**
   * Set when the stream can no longer be framed (a header section or Content-Length past the cap,
   * or an unreadable Content-Length): the transport answers nothing more and closes the
   * connection. Messages framed before the defect are still in `messages`.
   */
  readonly error?: string;
}

/** Caps of a {@link SipStreamFramer}. */
export interface SipStreamFramerOptions {
  /** The largest message, header section and body together; default {@link MAX_SIP_MESSAGE_BYTES}. */
  readonly maxMessageBytes?: number;
}

/**
 * Cuts a TCP or TLS byte stream into SIP messages. "If a stream-based protocol (such as TCP) is
 * used as transport, the header field MUST be used" (Content-Length,
 * https://www.rfc-editor.org/rfc/rfc3261#section-20.14; framing,
 * https://www.rfc-editor.org/rfc/rfc3261#section-18.3): a message is its header section up to
 * the empty line, then Content-Length octets. CRLFs between messages (section 7.5, and the
 * CRLFCRLF keep-alives of RFC 5626 section 3.5.1) are skipped.
 *
 * A message without Content-Length is framed with an empty body: parsing it with
 * `{ stream: true }` then refuses it with a 400, and the connection stays usable.
 *
 * Bytes are gathered in one growing buffer, compacted as messages leave it, so a message split
 * into many small chunks costs no quadratic copying, and the search for the empty line resumes
 * where it stopped.
 */
export class SipStreamFramer {
  readonly #maxMessageBytes: number;
  #buffer = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  /** Where the search for the empty line resumes; only meaningful while `#messageEnd` is -1. */
  #scanFrom = 0;
  /** The end of the message being gathered once its header section is known, else -1. */
  #messageEnd = -1;
  #error: string | undefined;

  constructor(options: SipStreamFramerOptions = {}) {
    this.#maxMessageBytes = options.maxMessageBytes ?? MAX_SIP_MESSAGE_BYTES;
  }

  /** Bytes received and not yet part of a whole message. */
  get buffered(): number {
    return this.#end - this.#start;
  }

  /** Adds received bytes and returns the messages they complete. */
  push(chunk: Uint8Array): SipFramingResult {
    if (this.#error !== undefined) return { messages: [], error: this.#error };
    this.#append(chunk);
    const messages: Buffer[] = [];
    for (;;) {
      if (this.#messageEnd === -1 && !this.#readHeaderSection()) break;
      if (this.#error !== undefined) return { messages, error: this.#error };
      if (this.#end < this.#messageEnd) break;
      messages.push(Buffer.from(this.#buffer.subarray(this.#start, this.#messageEnd)));
      this.#start = this.#messageEnd;
      this.#scanFrom = this.#start;
      this.#messageEnd = -1;
    }
    return { messages };
  }

  /**
   * Skips keep-alive line ends, then looks for the empty line ending the next header section.
   * True when found (the message's end is then known) or when a fatal error was recorded.
   */
  #readHeaderSection(): boolean {
    if (this.#scanFrom === this.#start) {
      while (
        this.#start < this.#end &&
        (this.#buffer[this.#start] === CR || this.#buffer[this.#start] === LF)
      ) {
        this.#start++;
      }
      this.#scanFrom = this.#start;
    }
    for (let i = this.#scanFrom; i < this.#end; i++) {
      if (this.#buffer[i] !== LF) continue;
      const next = this.#buffer[i + 1];
      const bodyStart = next === LF ? i + 2 : next === CR ? i + 3 : -1;
      if (i + 1 >= this.#end || (next === CR && i + 2 >= this.#end)) {
        this.#scanFrom = i; // the empty line may be completed by the next chunk
        return this.#checkPendingSize();
      }
      if (bodyStart === -1 || (next === CR && this.#buffer[i + 2] !== LF)) continue;
      return this.#startBody(i + 1, bodyStart);
    }
    this.#scanFrom = this.#end;
    return this.#checkPendingSize();
  }

  /** Reads Content-Length from the header section `[start, headEnd)` and fixes the message's end. */
  #startBody(headEnd: number, bodyStart: number): boolean {
    const length = readContentLength(this.#buffer.toString('latin1', this.#start, headEnd));
    if (length === undefined) return this.#fail('Malformed Content-Length header');
    if (bodyStart - this.#start + length > this.#maxMessageBytes) return this.#fail('Message too large');
    this.#messageEnd = bodyStart + length;
    return true;
  }

  /** Records a fatal error when the unfinished header section has outgrown the cap. */
  #checkPendingSize(): boolean {
    return this.#end - this.#start > this.#maxMessageBytes ? this.#fail('Header section too large') : false;
  }

  #fail(reason: string): true {
    this.#error = reason;
    this.#buffer = Buffer.alloc(0);
    this.#start = this.#end = 0;
    return true;
  }

  /** Copies `chunk` after the buffered bytes, compacting or growing the buffer as needed. */
  #append(chunk: Uint8Array): void {
    const pending = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      const needed = pending + chunk.length;
      const target =
        needed <= this.#buffer.length
          ? this.#buffer
          : Buffer.allocUnsafe(Math.max(needed, this.#buffer.length * 2, INITIAL_CAPACITY_BYTES));
      this.#buffer.copy(target, 0, this.#start, this.#end);
      this.#buffer = target;
      this.#scanFrom -= this.#start;
      if (this.#messageEnd !== -1) this.#messageEnd -= this.#start;
      this.#start = 0;
      this.#end = pending;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }
}

/**
 * The Content-Length of a header section (read as latin1: only ASCII matters here): 0 when absent,
 * undefined when malformed or given twice with different values (two readers could then disagree
 * on where the message ends).
 */
function readContentLength(head: string): number | undefined {
  let length: number | undefined;
  let lineStart = 0;
  while (lineStart < head.length) {
    const lf = head.indexOf('\n', lineStart);
    const lineEnd = lf === -1 ? head.length : lf;
    const colon = head.indexOf(':', lineStart);
    // A line starting with SP or HTAB continues the previous field (section 7.3.1): reading it as
    // a field of its own could frame differently from the parser.
    const continuation = head.charCodeAt(lineStart) === 0x20 || head.charCodeAt(lineStart) === 0x09;
    if (colon !== -1 && colon < lineEnd && !continuation) {
      const name = head.slice(lineStart, colon).trim().toLowerCase();
      if (name === 'content-length' || name === 'l') {
        const value = parseDecimal(head.slice(colon + 1, lineEnd).trim(), Number.MAX_SAFE_INTEGER);
        if (value === undefined || (length !== undefined && length !== value)) return undefined;
        length = value;
      }
    }
    lineStart = lineEnd + 1;
  }
  return length ?? 0;
}
