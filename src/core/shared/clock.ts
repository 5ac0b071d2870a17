/** Where core reads the time, so tests can move it without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The stored form of a time: ISO-8601 in UTC with milliseconds. */
export function toStoredTime(date: Date): string {
  return date.toISOString();
}
