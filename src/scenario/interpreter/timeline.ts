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

export class Timeline {
  readonly #events: TimelineEvent[] = [];
  readonly #max: number;
  readonly #now: () => number;
  readonly #listener: ((event: TimelineEvent) => void) | undefined;
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

  add(
    type: string,
    data: Record<string, unknown> = {},
    where?: { path: string; actionId: number | null },
  ): void {
    if (this.#truncated) return;
    const full = this.#events.length >= this.#max - 1;
    const event: TimelineEvent = {
      seq: this.#events.length + 1,
      at: formatScenarioTime(this.#now()),
      type: full ? 'timeline.truncated' : type,
      ...(where === undefined || full ? {} : { path: where.path }),
      ...(where?.actionId === null || where === undefined || full ? {} : { actionId: where.actionId }),
      data: full ? { max: this.#max } : data,
    };
    this.#events.push(event);
    this.#truncated = full;
    this.#listener?.(event);
  }

  get events(): readonly TimelineEvent[] {
    return this.#events;
  }
}
