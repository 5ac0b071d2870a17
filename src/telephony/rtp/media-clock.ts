/**
 * The one media clock: a single timer paces every outgoing RTP stream at the packet time, however
 * many calls are up, instead of a timer per call (DESIGN.md, "one media clock drives every outgoing
 * stream").
 *
 * Tick n is due at `epoch + n * PTIME_MS` on a monotonic time source. Each deadline is computed from
 * the epoch, never by adding 20 ms to the previous firing, so timer lateness and the time the
 * subscribers take never accumulate into drift: the packet rate matches the sampling clock the RTP
 * timestamps claim (RFC 3550 section 5.1, https://www.rfc-editor.org/rfc/rfc3550#section-5.1).
 *
 * When the event loop was blocked past one or more deadlines, the missed ticks run back to back, up
 * to `maxCatchUpTicks`: a receiver's jitter buffer (typically 40-100 ms) absorbs a short burst and
 * plays the audio, whereas dropping those ticks would cut the audio. After a longer stall the
 * missed audio is already too late to be played, so the clock skips to the current tick on the same
 * grid and counts the skip; subscribers see the jump in `tickIndex` (a timestamp gap for RTP, as after
 * silence suppression).
 *
 * Precision: measured on Node 20, `setTimeout` with the fractional delay to the deadline fires within
 * about ±1.5 ms of it (median 0.2 ms early), because libuv counts time in whole milliseconds. On the
 * main thread that is the best there is (spinning on `setImmediate` for the last 2 ms tripled the CPU
 * the clock costs): a tick may run up to `EARLY_TOLERANCE_MS` before its deadline, and earlier than
 * that it waits for a second, short timer. A thread that does nothing but media can do better: a
 * source with `sleepUntil` (threadSleepingClockSource) has its timer fire `SLEEP_LEAD_MS` early and
 * then sleeps in the kernel to the deadline, which wakes it within a tenth of a millisecond; packets
 * that arrive meanwhile wait in the socket's buffer and are read right after the tick.
 */

/** RTP packet time of every stream: 20 ms, 160 samples at 8000 Hz (RFC 3551 section 4.5). */
export const PTIME_MS = 20;
/** Most ticks run in one burst after a stall (100 ms of audio); more than that and the clock skips. */
export const MAX_CATCH_UP_TICKS = 5;
/** A tick that runs later than this after its deadline is counted late. */
export const LATE_THRESHOLD_MS = 5;
/** Timers fire up to about a millisecond early (libuv counts whole milliseconds); that is on time. */
export const EARLY_TOLERANCE_MS = 0.5;

/** How early a sleeping source's timer fires, to sleep the rest: more than libuv's whole-ms error. */
export const SLEEP_LEAD_MS = 2;

/** A stream paced by the clock. */
export interface MediaClockSubscriber {
  /** Called once per tick; `tickIndex` grows by one per packet time, and jumps after a skip. */
  onTick(tickIndex: number): void;
}

/** Where the clock gets time and timers; tests hand in a virtual one. */
export interface MediaClockSource {
  /** Monotonic milliseconds. */
  now(): number;
  schedule(delayMs: number, fn: () => void): unknown;
  cancel(handle: unknown): void;
  /**
   * Blocks the thread until `now()` reaches `deadline`. Only for a thread of its own (it stops the
   * event loop meanwhile); the clock calls it for at most {@link SLEEP_LEAD_MS} and a bit.
   */
  sleepUntil?(deadline: number): void;
}

/** Counters the benchmark reads. */
export interface MediaClockStats {
  /** Ticks run. */
  ticks: number;
  /** Ticks run more than the late threshold after their deadline. */
  lateTicks: number;
  /** Largest delay between a deadline and its tick. */
  maxLatenessMs: number;
  /** Longest time one tick took to run every subscriber. */
  maxTickMs: number;
  /** Ticks run back to back to catch up after a stall. */
  catchUpTicks: number;
  /** Ticks never run because a stall lasted longer than the catch-up bound. */
  skippedTicks: number;
  /** Times the clock skipped to the current tick. */
  resyncs: number;
  /** Exceptions thrown by subscribers' `onTick`. */
  subscriberErrors: number;
}

/** Settings of a {@link MediaClock}. */
export interface MediaClockOptions {
  readonly source?: MediaClockSource;
  readonly ptimeMs?: number;
  readonly maxCatchUpTicks?: number;
  readonly lateThresholdMs?: number;
  /**
   * Told of an exception from one subscriber's tick; the other subscribers still get theirs. Without
   * it the first exception of a tick is rethrown once the next tick is scheduled.
   */
  readonly onSubscriberError?: (error: unknown, subscriber: MediaClockSubscriber) => void;
}

/** `performance.now()` and `setTimeout`: see the module comment for why there is no spin. */
export const systemMediaClockSource: MediaClockSource = {
  now: () => performance.now(),
  schedule: (delayMs, fn) => setTimeout(fn, delayMs),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One cell to wait on that nobody ever notifies: `Atomics.wait` on it is a plain timed sleep. */
const SLEEP_CELL = new Int32Array(new SharedArrayBuffer(4));

/** `performance.now()`, `setTimeout`, and a kernel sleep for the last stretch: for the media thread. */
export const threadSleepingClockSource: MediaClockSource = {
  ...systemMediaClockSource,
  sleepUntil: (deadline) => {
    const ms = deadline - performance.now();
    if (ms > 0) Atomics.wait(SLEEP_CELL, 0, 0, ms);
  },
};

function emptyStats(): MediaClockStats {
  return {
    ticks: 0,
    lateTicks: 0,
    maxLatenessMs: 0,
    maxTickMs: 0,
    catchUpTicks: 0,
    skippedTicks: 0,
    resyncs: 0,
    subscriberErrors: 0,
  };
}

/** Paces every subscriber on one timer; see the module comment. */
export class MediaClock {
  readonly #source: MediaClockSource;
  readonly #ptimeMs: number;
  readonly #maxCatchUpTicks: number;
  readonly #lateThresholdMs: number;
  readonly #onSubscriberError: MediaClockOptions['onSubscriberError'];
  /** In the order added. A subscriber removed during a tick leaves a null, compacted after it. */
  readonly #subscribers: (MediaClockSubscriber | null)[] = [];
  #count = 0;
  #ticking = false;
  #handle: unknown = null;
  #scheduled = false;
  /** Deadlines are `#epoch + (tick - #epochTick) * ptime`; both reset when the clock restarts. */
  #epoch = 0;
  #epochTick = 0;
  /** The index of the next tick to run. */
  #next = 0;
  #stats: MediaClockStats = emptyStats();

  constructor(options: MediaClockOptions = {}) {
    this.#source = options.source ?? systemMediaClockSource;
    this.#ptimeMs = options.ptimeMs ?? PTIME_MS;
    this.#maxCatchUpTicks = options.maxCatchUpTicks ?? MAX_CATCH_UP_TICKS;
    this.#lateThresholdMs = options.lateThresholdMs ?? LATE_THRESHOLD_MS;
    this.#onSubscriberError = options.onSubscriberError;
  }

  /** Number of subscribers. */
  get size(): number {
    return this.#count;
  }

  /** Whether a tick is scheduled; false once the last subscriber is gone. */
  get running(): boolean {
    return this.#scheduled;
  }

  /** Live counters since construction or the last `resetStats()`. */
  get stats(): Readonly<MediaClockStats> {
    return this.#stats;
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  /**
   * Paces `subscriber` from the next tick on (added during a tick, it waits for the next one). The
   * first subscriber of an idle clock starts it, with a tick due at once.
   */
  add(subscriber: MediaClockSubscriber): void {
    if (this.#subscribers.includes(subscriber)) return;
    this.#subscribers.push(subscriber);
    this.#count += 1;
    if (this.#scheduled || this.#ticking) return;
    this.#epoch = this.#source.now();
    this.#epochTick = this.#next;
    this.#scheduleNext(this.#epoch);
  }

  /** Stops pacing `subscriber`, at once even during a tick; the last one out stops the timer. */
  remove(subscriber: MediaClockSubscriber): void {
    const index = this.#subscribers.indexOf(subscriber);
    if (index < 0) return;
    if (this.#ticking) this.#subscribers[index] = null;
    else this.#subscribers.splice(index, 1);
    this.#count -= 1;
    if (this.#count === 0 && this.#scheduled) {
      this.#source.cancel(this.#handle);
      this.#scheduled = false;
      this.#handle = null;
    }
  }

  #deadline(tick: number): number {
    return this.#epoch + (tick - this.#epochTick) * this.#ptimeMs;
  }

  #scheduleNext(now: number): void {
    const lead = this.#source.sleepUntil === undefined ? 0 : SLEEP_LEAD_MS;
    this.#handle = this.#source.schedule(Math.max(0, this.#deadline(this.#next) - lead - now), this.#fire);
    this.#scheduled = true;
  }

  readonly #fire = (): void => {
    this.#scheduled = false;
    this.#handle = null;
    let now = this.#source.now();
    const deadline = this.#deadline(this.#next);
    if (this.#source.sleepUntil !== undefined && now < deadline && deadline - now <= 2 * SLEEP_LEAD_MS) {
      this.#source.sleepUntil(deadline);
      now = this.#source.now();
    }
    if (now < deadline - EARLY_TOLERANCE_MS) {
      this.#scheduleNext(now);
      return;
    }
    let due = Math.max(1, Math.floor((now - deadline) / this.#ptimeMs) + 1);
    if (due > this.#maxCatchUpTicks) {
      this.#stats.skippedTicks += due - 1;
      this.#stats.resyncs += 1;
      this.#next += due - 1;
      due = 1;
    } else {
      this.#stats.catchUpTicks += due - 1;
    }
    let error: { readonly thrown: unknown } | null = null;
    for (let i = 0; i < due && this.#count > 0; i++) {
      this.#record(now - this.#deadline(this.#next));
      const thrown = this.#tick(this.#next);
      error ??= thrown;
      this.#next += 1;
      const after = this.#source.now();
      this.#stats.maxTickMs = Math.max(this.#stats.maxTickMs, after - now);
      now = after;
    }
    if (this.#count > 0) this.#scheduleNext(now);
    if (error !== null) throw error.thrown;
  };

  #record(latenessMs: number): void {
    const stats = this.#stats;
    stats.ticks += 1;
    if (latenessMs > this.#lateThresholdMs) stats.lateTicks += 1;
    if (latenessMs > stats.maxLatenessMs) stats.maxLatenessMs = latenessMs;
  }

  /** Runs one tick; answers the first exception to rethrow when no error delegate is set. */
  #tick(tickIndex: number): { readonly thrown: unknown } | null {
    const subscribers = this.#subscribers;
    const length = subscribers.length;
    let first: { readonly thrown: unknown } | null = null;
    this.#ticking = true;
    try {
      for (let i = 0; i < length; i++) {
        const subscriber = subscribers[i];
        if (subscriber === null || subscriber === undefined) continue;
        try {
          subscriber.onTick(tickIndex);
        } catch (thrown) {
          this.#stats.subscriberErrors += 1;
          if (this.#onSubscriberError) this.#onSubscriberError(thrown, subscriber);
          else first ??= { thrown };
        }
      }
    } finally {
      this.#ticking = false;
      if (this.#count !== subscribers.length) this.#compact();
    }
    return first;
  }

  /** Drops the nulls left by removals during a tick, in place. */
  #compact(): void {
    const subscribers = this.#subscribers;
    let kept = 0;
    for (const subscriber of subscribers) if (subscriber !== null) subscribers[kept++] = subscriber;
    subscribers.length = kept;
  }
}
