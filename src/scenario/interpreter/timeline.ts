/**
 * A call's event timeline (section 6.5): ordered, stamped, capped. Read by
 * call history, the console, and the simulator, whose answer is this list.
 */
import { formatScenarioTime } from './scenario-clock.js';

export interface TimelineEvent {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly path?: string;
  readonly actionId?: number;
  readonly data: Readonly<Record<string, unknown>>;
}

export const DEFAULT_MAX_TIMELINE_EVENTS = 2000;

/** Where an event happened: the action node, whose path and actionId the event shows. */
interface EventPlace {
  readonly path: string;
  readonly actionId: number | null;
}

/**
 * Events are kept in columns (time, type, place, data) and built as objects only when read: a call
 * parked mid-scenario holds a hundred or more events, and the columns cost a fraction of the objects.
 */
export class Timeline {
  readonly #times: number[] = [];
  readonly #types: string[] = [];
  readonly #places: (EventPlace | undefined)[] = [];
  /** The event's data, or its duration for `action.finished` (built as `{durationMs}` when read). */
  readonly #data: (Readonly<Record<string, unknown>> | number)[] = [];
  readonly #max: number;
  readonly #now: () => number;
  readonly #listener: ((event: TimelineEvent) => void) | undefined;
  #built: TimelineEvent[] = [];
  #truncated = false;

  constructor(
    now: () => number,
    max = DEFAULT_MAX_TIMELINE_EVENTS,
    listener?: (event: TimelineEvent) => void,
  ) {
    this.#now = now;
    this.#max = max;
    this.#listener = listener;
  }

  add(type: string, data: Readonly<Record<string, unknown>> = EMPTY, where?: EventPlace): void {
    if (this.#truncated) return;
    const full = this.#types.length >= this.#max - 1;
    this.#times.push(this.#now());
    this.#types.push(full ? 'timeline.truncated' : type);
    this.#places.push(full ? undefined : where);
    this.#data.push(full ? { max: this.#max } : data);
    this.#truncated = full;
    if (this.#listener !== undefined) this.#listener(this.#build(this.#types.length - 1));
  }

  /** `action.finished` with its duration: the most frequent event, stored as a number until read. */
  addFinished(durationMs: number, where: EventPlace): void {
    if (this.#truncated || this.#types.length >= this.#max - 1) {
      this.add('action.finished', { durationMs }, where);
      return;
    }
    this.#times.push(this.#now());
    this.#types.push('action.finished');
    this.#places.push(where);
    this.#data.push(durationMs);
    if (this.#listener !== undefined) this.#listener(this.#build(this.#types.length - 1));
  }

  get length(): number {
    return this.#types.length;
  }

  get events(): readonly TimelineEvent[] {
    for (let index = this.#built.length; index < this.#types.length; index += 1)
      this.#built.push(this.#build(index));
    return this.#built;
  }

  #build(index: number): TimelineEvent {
    const place = this.#places[index];
    const seq = index + 1;
    const at = formatScenarioTime(this.#times[index] ?? 0);
    const type = this.#types[index] ?? '';
    const stored = this.#data[index] ?? EMPTY;
    const data = typeof stored === 'number' ? { durationMs: stored } : stored;
    // Literal objects of three fixed shapes: spreads here cost more than the rest of the call.
    if (place === undefined) return { seq, at, type, data };
    if (place.actionId === null) return { seq, at, type, path: place.path, data };
    return { seq, at, type, path: place.path, actionId: place.actionId, data };
  }
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});
