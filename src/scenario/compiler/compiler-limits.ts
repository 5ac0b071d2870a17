/** The compile-time limits of section 8, with their defaults; operator settings may change them. */

export interface CompilerLimits {
  /** `script` + `onHangup` serialised. */
  readonly maxScriptBytes: number;
  readonly maxActions: number;
  readonly maxDepth: number;
  readonly maxStringLength: number;
  readonly maxHttpBodyBytes: number;
  readonly maxExpressionLength: number;
  readonly maxExpressionNodes: number;
  readonly maxExpressionDepth: number;
  readonly httpTimeoutS: number;
  readonly ringTimeoutS: number;
  readonly maxDialTargets: number;
  readonly maxRecordS: number;
  readonly queueTimeoutS: number;
  readonly maxCallDurationS: number;
}

export const DEFAULT_COMPILER_LIMITS: CompilerLimits = Object.freeze({
  maxScriptBytes: 256 * 1024,
  maxActions: 1000,
  maxDepth: 16,
  maxStringLength: 4096,
  maxHttpBodyBytes: 16 * 1024,
  maxExpressionLength: 1024,
  maxExpressionNodes: 256,
  maxExpressionDepth: 32,
  httpTimeoutS: 5,
  ringTimeoutS: 30,
  maxDialTargets: 20,
  maxRecordS: 3600,
  queueTimeoutS: 300,
  maxCallDurationS: 14_400,
});

export type Addon = 'amd' | 'recording' | 'speech';
export const ALL_ADDONS: readonly Addon[] = ['amd', 'recording', 'speech'];
