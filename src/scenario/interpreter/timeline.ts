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
 * Events are kept in columns (type, place, data) and built as objects only when read: a call
 * parked mid-scenario holds a hundred or more events, and the columns cost a fraction of the objects.
 * Times change only when the call waits, so they are kept as runs: the first event of each run
 * and its time.
 */
export class Timeline {
  /** Index of the first event of each run of events stamped with the same time. */
  readonly #runStarts: number[] = [];
  /** The time of each run. */
  readonly #runTimes: number[] = [];
  readonly #types: string[] = [];
  readonly #places: (EventPlace | undefined)[] = [];
  /** The event's data, or its duration for `action.finished` (built as `{durationMs}` when read). */
  readonly #data: (Readonly<Record<string, unknown>> | number)[] = [];
  readonly #max: number;
  readonly #now: () => number;
  readonly #listener: ((event: TimelineEvent) => void) | undefined;
  readonly #listenTypes: ReadonlySet<string> | undefined;
  #built: TimelineEvent[] = [];
  #truncated = false;

  constructor(
    now: () => number,
    max = DEFAULT_MAX_TIMELINE_EVENTS,
    listener?: (event: TimelineEvent) => void,
    /** The only types the listener hears; every type when absent. Others are not built for it. */
    listenTypes?: ReadonlySet<string>,
  ) {
    this.#now = now;
    this.#max = max;
    this.#listener = listener;
    this.#listenTypes = listenTypes;
  }

  #hears(type: string): boolean {
    return this.#listener !== undefined && (this.#listenTypes === undefined || this.#listenTypes.has(type));
  }

  add(type: string, data: Readonly<Record<string, unknown>> = EMPTY, where?: EventPlace): void {
    if (this.#truncated) return;
    const full = this.#types.length >= this.#max - 1;
    this.#stamp();
    this.#types.push(full ? 'timeline.truncated' : type);
    this.#places.push(full ? undefined : where);
    this.#data.push(full ? { max: this.#max } : data);
    this.#truncated = full;
    if (this.#hears(this.#types[this.#types.length - 1] ?? type))
      this.#listener?.(this.#build(this.#types.length - 1));
  }

  /** `action.finished` with its duration: the most frequent event, stored as a number until read. */
  addFinished(durationMs: number, where: EventPlace): void {
    if (this.#truncated || this.#types.length >= this.#max - 1) {
      this.add('action.finished', { durationMs }, where);
      return;
    }
    this.#stamp();
    this.#types.push('action.finished');
    this.#places.push(where);
    this.#data.push(durationMs);
    if (this.#hears('action.finished')) this.#listener?.(this.#build(this.#types.length - 1));
  }

  /** Stamps the event about to be added: a new run when the time moved. */
  #stamp(): void {
    const now = this.#now();
    const runs = this.#runTimes.length;
    if (runs > 0 && this.#runTimes[runs - 1] === now) return;
    this.#runStarts.push(this.#types.length);
    this.#runTimes.push(now);
  }

  /** The run holding event `index`: the last run starting at or before it. */
  #runOf(index: number): number {
    let low = 0;
    let high = this.#runStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.#runStarts[middle] ?? 0) <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  get length(): number {
    return this.#types.length;
  }

  get events(): readonly TimelineEvent[] {
    const count = this.#types.length;
    let index = this.#built.length;
    if (index === count) return this.#built;
    // Sized once: pushing one by one regrew the array several times per call.
    const built = new Array<TimelineEvent>(count);
    for (let copied = 0; copied < index; copied += 1) built[copied] = this.#built[copied] as TimelineEvent;
    // One stamp per run of events: an action's start, its variables and its end share a moment.
    let run = this.#runOf(index);
    let runEnd = this.#runStarts[run + 1] ?? count;
    let at = formatScenarioTime(this.#runTimes[run] ?? 0);
    for (; index < count; index += 1) {
      if (index >= runEnd) {
        run += 1;
        runEnd = this.#runStarts[run + 1] ?? count;
        at = formatScenarioTime(this.#runTimes[run] ?? 0);
      }
      built[index] = this.#build(index, at);
    }
    this.#built = built;
    return built;
  }

  #build(index: number, at = formatScenarioTime(this.#runTimes[this.#runOf(index)] ?? 0)): TimelineEvent {
    const place = this.#places[index];
    const seq = index + 1;
    const type = this.#types[index] ?? '';
    const stored = this.#data[index] ?? EMPTY;
    // Most actions take no time: their `action.finished` events share one frozen data object.
    const data =
      typeof stored !== 'number' ? stored : stored === 0 ? FINISHED_AT_ONCE : { durationMs: stored };
    // Literal objects of three fixed shapes: spreads here cost more than the rest of the call.
    if (place === undefined) return { seq, at, type, data };
    if (place.actionId === null) return { seq, at, type, path: place.path, data };
    return { seq, at, type, path: place.path, actionId: place.actionId, data };
  }
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});
const FINISHED_AT_ONCE: Readonly<Record<string, unknown>> = Object.freeze({ durationMs: 0 });
