/**
 * The RFC 3261 timer values (section 17, table 4) and the clock the
 * transactions run on. The clock is injected so tests fire Timer B or H at
 * once instead of waiting 32 seconds; production uses Node's timers, as SIP
 * timers must stay exact (STYLE.md habit 11).
 * https://www.rfc-editor.org/rfc/rfc3261#appendix-A
 */

/** RTT estimate. */
export const T1_MS = 500;
/** Maximum retransmit interval for non-INVITE requests and INVITE responses. */
export const T2_MS = 4000;
/** Maximum duration a message will remain in the network. */
export const T4_MS = 5000;
/** Timers B, F, H, J and L, M of RFC 6026: 64*T1. */
export const TIMEOUT_64T1_MS = 64 * T1_MS;

export interface TimerHandle {
  readonly cancel: () => void;
}

/** Where transactions get their timers. */
export interface TimerClock {
  setTimer(delayMs: number, callback: () => void): TimerHandle;
}

/** Node's timers, unref'd: a pending Timer K never keeps the process alive. */
export const systemTimerClock: TimerClock = {
  setTimer(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
