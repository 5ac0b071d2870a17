/** The run-time budgets of sections 6.4 and 8, with their defaults; operator settings may change them. */

export interface RunSettings {
  readonly maxSteps: number;
  readonly maxLoopIterations: number;
  readonly maxGotoJumps: number;
  readonly maxCallDurationMs: number;
  readonly hangupMaxSteps: number;
  readonly hangupTimeoutMs: number;
  /** A Dial's onAnswer block on the callee's leg (section 8, ON_ANSWER_TIMEOUT_S). */
  readonly onAnswerTimeoutMs: number;
  readonly maxHttpRequests: number;
  readonly httpMaxResponseBytes: number;
  readonly maxSms: number;
  readonly typeaheadDigits: number;
  readonly maxTimelineEvents: number;
  readonly amdAnalysisMs: number;
  /** After MACHINE, the next prompt waits for the greeting's end at most this long (AMD_GREETING_MAX_S). */
  readonly amdGreetingMaxMs: number;
  readonly maxRecordS: number;
  /** Actions run without waiting before the interpreter yields the event loop. */
  readonly yieldEveryActions: number;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = Object.freeze({
  maxSteps: 10_000,
  maxLoopIterations: 100,
  maxGotoJumps: 1000,
  maxCallDurationMs: 14_400_000,
  hangupMaxSteps: 500,
  hangupTimeoutMs: 30_000,
  onAnswerTimeoutMs: 60_000,
  maxHttpRequests: 100,
  httpMaxResponseBytes: 64 * 1024,
  maxSms: 10,
  typeaheadDigits: 64,
  maxTimelineEvents: 2000,
  amdAnalysisMs: 4000,
  amdGreetingMaxMs: 30_000,
  maxRecordS: 3600,
  yieldEveryActions: 100,
});
