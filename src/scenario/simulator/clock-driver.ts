/**
 * Moves a simulation's virtual time. The engine waits only on the virtual
 * clock, on real work (counted here) and on its own event-loop yields
 * (announced), and otherwise runs in microtasks. So once the microtask queue
 * has drained, the engine waits on the clock, and the driver fires the next
 * timer then: no event-loop turn per step, though it still gives the loop a
 * turn every few steps, so many simulations share a process fairly.
 *
 * Callbacks rather than an async loop: a call takes dozens of steps, and a
 * promise, its resolvers and an await per step were a good part of what a
 * simulated call allocated. The callbacks take the driver as their argument
 * (nextTick, then and setImmediate pass it on), so a parked call holds no
 * closure of the driver's.
 */
import type { HttpClient, RecordingLookup, SmsSender } from '../interpreter/services.js';
import type { VirtualClock } from './virtual-clock.js';

/** Clock steps between two event-loop turns: cheap steps, yet I/O and other calls wait little. */
export const STEPS_PER_TURN = 16;

/** Counts real requests in flight, so the driver knows not to move time meanwhile. */
export class RealWork {
  inFlight = 0;
  #waiting: ClockDriver | null = null;

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      const waiting = this.#waiting;
      this.#waiting = null;
      waiting?.checkAfterDrain();
    }
  }

  /** Lets `driver` check again once the work in flight has settled. */
  wakeWhenSettled(driver: ClockDriver): void {
    this.#waiting = driver;
  }
}

// Methods, not arrow properties: tsx names each arrow property at run time, for every call.

export function countedHttp(real: RealWork, http: HttpClient): HttpClient {
  return {
    exchange(request) {
      return real.run(() => http.exchange(request));
    },
  };
}

/** SMS and recording services may do real I/O (a database) too. */
export function countedSms(real: RealWork, sms: SmsSender): SmsSender {
  return {
    send(request) {
      return real.run(() => sms.send(request));
    },
  };
}

export function countedRecordings(real: RealWork, recordings: RecordingLookup): RecordingLookup {
  return {
    findByIdentifier(identifier) {
      return real.run(() => recordings.findByIdentifier(identifier));
    },
  };
}

function toTick(driver: ClockDriver): void {
  process.nextTick(step, driver);
}

function step(driver: ClockDriver): void {
  driver.step();
}

function checkAfterDrain(driver: ClockDriver): void {
  driver.checkAfterDrain();
}

export class ClockDriver {
  /** Set by the run's onYield: the engine waits for an event-loop turn, so the driver waits behind it. */
  yielded = false;
  /** Set once the run has ended (or failed): the next check settles {@link driven}. */
  finished = false;
  /** Settles when the run has finished, or rejects when time cannot move any more. */
  readonly driven: Promise<void>;
  readonly #clock: VirtualClock;
  readonly #real: RealWork;
  /** Resolves to the driver itself, so `then` hands it to toTick without a closure. */
  readonly #self: Promise<ClockDriver>;
  #resolve: () => void = noop;
  #reject: (error: Error) => void = noop;
  #steps = 0;

  constructor(clock: VirtualClock, real: RealWork) {
    this.#clock = clock;
    this.#real = real;
    this.#self = Promise.resolve(this);
    this.driven = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /**
   * Runs the next step once the microtask queue has drained: from a microtask, a tick runs only
   * after the whole queue (Node drains it before its tick queue), whatever the engine queues meanwhile.
   */
  checkAfterDrain(): void {
    void this.#self.then(toTick);
  }

  step(): void {
    if (this.finished) {
      this.#resolve();
      return;
    }
    if (this.#real.inFlight > 0) {
      this.#real.wakeWhenSettled(this);
      return;
    }
    if (this.yielded) {
      this.yielded = false;
      setImmediate(checkAfterDrain, this);
      return;
    }
    let advanced: boolean;
    try {
      advanced = this.#clock.advance();
    } catch (error) {
      this.#reject(error instanceof Error ? error : new Error('simulation failed', { cause: error }));
      return;
    }
    if (!advanced) {
      this.#reject(new Error('simulation stalled: the engine waits on nothing the clock can move'));
      return;
    }
    this.#steps += 1;
    if (this.#steps % STEPS_PER_TURN === 0) setImmediate(checkAfterDrain, this);
    else this.checkAfterDrain();
  }
}

function noop(): void {}
