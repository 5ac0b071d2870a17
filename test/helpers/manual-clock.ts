/** A core Clock a test moves by hand (`clock.at += ms`). */
import type { Clock } from '../../src/core/shared/clock.js';

export class ManualClock implements Clock {
  /** Milliseconds since the epoch. */
  at: number;

  constructor(at = Date.now()) {
    this.at = at;
  }

  now(): Date {
    return new Date(this.at);
  }
}
