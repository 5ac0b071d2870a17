/**
 * The main thread's handle on the media thread: starts the worker (media-worker.ts), opens legs
 * on it, and routes its events to the legs (thread-leg-media.ts). One per process, like the media
 * clock it hosts. See media-host.ts for why media runs on a thread of its own.
 */
import type { Worker } from 'node:worker_threads';
import type { MediaClockStats } from '../rtp/media-clock.js';
import type { MediaCommand, MediaEvent, MediaThreadSettings } from './media-protocol.js';
import { startModuleWorker } from './module-worker.js';
import { ThreadLegMedia } from './thread-leg-media.js';
import { describePriority } from './thread-priority.js';

/** What the media thread logs through. */
export interface MediaThreadLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** How long the worker may take to load and bind nothing yet: generous for tsx's first compile. */
const READY_TIMEOUT_MS = 30_000;
/** How long closing waits for the legs' sockets to be closed before the thread is ended anyway. */
const CLOSE_GRACE_MS = 1000;

export interface MediaThreadStats {
  readonly clock: MediaClockStats;
  /** Legs whose ports the thread holds. */
  readonly legs: number;
}

/** The sibling `media-worker` module, as built or as source, on a worker thread. */
function startWorker(settings: MediaThreadSettings): Worker {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return startModuleWorker(new URL(`./media-worker.${extension}`, import.meta.url), { workerData: settings });
}

export class MediaThread {
  readonly capacity: number;
  readonly #worker: Worker;
  readonly #log: MediaThreadLog;
  readonly #legs = new Map<number, ThreadLegMedia>();
  readonly #opening = new Map<number, (leg: ThreadLegMedia | null) => void>();
  readonly #stats = new Map<number, (stats: MediaThreadStats | null) => void>();
  #allClosed: (() => void) | null = null;
  #next = 0;
  #gone = false;

  private constructor(worker: Worker, capacity: number, log: MediaThreadLog) {
    this.#worker = worker;
    this.capacity = capacity;
    this.#log = log;
    worker.on('message', (event: MediaEvent) => this.#receive(event));
    worker.on('error', (error) => this.#lost(error));
    worker.on('exit', (code) => this.#lost(new Error(`the media thread exited with code ${code}`)));
  }

  static async start(settings: MediaThreadSettings, log: MediaThreadLog): Promise<MediaThread> {
    const worker = startWorker(settings);
    const ready = await new Promise<Extract<MediaEvent, { op: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('the media thread did not start in time')),
        READY_TIMEOUT_MS,
      );
      const settle = (outcome: () => void): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', reject).off('exit', onExit);
        outcome();
      };
      const onMessage = (event: MediaEvent): void => {
        if (event.op === 'ready') settle(() => resolve(event));
      };
      const onExit = (code: number): void =>
        settle(() => reject(new Error(`the media thread exited with code ${code} before it was ready`)));
      worker
        .on('message', onMessage)
        .once('error', (error) => settle(() => reject(error)))
        .once('exit', onExit);
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    const { asked, refused } = ready.priority;
    if (asked !== null && refused !== null)
      log.info(
        { asked: describePriority(asked), reason: refused },
        'media thread runs at normal priority (grant CAP_SYS_NICE to raise it)',
      );
    return new MediaThread(worker, ready.capacity, log);
  }

  /** Legs open now. */
  get legCount(): number {
    return this.#legs.size;
  }

  /** Binds an RTP/RTCP port pair for a new leg; null when none is free or the thread is gone. */
  openLeg(): Promise<ThreadLegMedia | null> {
    if (this.#gone) return Promise.resolve(null);
    const leg = (this.#next += 1);
    return new Promise((resolve) => {
      this.#opening.set(leg, resolve);
      this.#post({ op: 'open', leg });
    });
  }

  /** The media clock's counters and the thread's open legs. */
  stats(): Promise<MediaThreadStats | null> {
    if (this.#gone) return Promise.resolve(null);
    const request = (this.#next += 1);
    return new Promise((resolve) => {
      this.#stats.set(request, resolve);
      this.#post({ op: 'stats', request });
    });
  }

  /** Closes every leg, gives the thread a moment to release their ports, and ends it. */
  async close(): Promise<void> {
    if (!this.#gone && this.#legs.size > 0) {
      const closed = new Promise<void>((resolve) => (this.#allClosed = resolve));
      for (const leg of [...this.#legs.values()]) leg.close();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]);
    }
    this.#gone = true;
    await this.#worker.terminate();
  }

  #post(command: MediaCommand): void {
    if (!this.#gone) this.#worker.postMessage(command);
  }

  #receive(event: MediaEvent): void {
    switch (event.op) {
      case 'opened':
        this.#opened(event.leg, event.port);
        return;
      case 'played':
        this.#legs.get(event.leg)?.played(event.play, event.end);
        return;
      case 'digit':
        this.#legs.get(event.leg)?.digit(event.digit);
        return;
      case 'keysSent':
        this.#legs.get(event.leg)?.keysSent(event.request, event.sent);
        return;
      case 'closed': {
        const leg = this.#legs.get(event.leg);
        this.#legs.delete(event.leg);
        leg?.ended(event.report);
        if (this.#legs.size === 0) this.#allClosed?.();
        return;
      }
      case 'stats': {
        const settle = this.#stats.get(event.request);
        this.#stats.delete(event.request);
        settle?.({ clock: event.clock, legs: event.legs });
        return;
      }
      case 'warning':
        this.#log.warn({ detail: event.detail }, event.message);
        return;
      case 'ready':
        return;
    }
  }

  #opened(id: number, port: number | null): void {
    const settle = this.#opening.get(id);
    this.#opening.delete(id);
    if (port === null) {
      settle?.(null);
      return;
    }
    const leg = new ThreadLegMedia(id, port, { post: (command) => this.#post(command) });
    this.#legs.set(id, leg);
    settle?.(leg);
  }

  /** The thread died (a bug, or out of memory): calls lose their media, new ones are refused. */
  #lost(error: Error): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#log.warn({ err: error }, 'the media thread stopped: calls have no media until restart');
    for (const settle of this.#opening.values()) settle(null);
    this.#opening.clear();
    for (const settle of this.#stats.values()) settle(null);
    this.#stats.clear();
    for (const leg of this.#legs.values()) leg.ended(null);
    this.#legs.clear();
  }
}
