/**
 * Where a branch's actions are being translated, which decides what they may do: the main flow
 * (the entry branch and the branches `goto` reaches, under the dispatcher), a Dial's `onAnswer`
 * (an `answerOnBranch` branch, run on the callee's leg, which `bridge@v1` ends), or `onHangup` (the
 * `hangup` branch, run after the call). A scope that does not emit translates only to report errors
 * (a branch nothing reaches, the entry branch of the other start).
 */

export type ScopeKind = 'main' | 'onAnswer' | 'hook';

export interface BranchScope {
  readonly kind: ScopeKind;
  readonly emitting: boolean;
  /** onAnswer: a `startRecording@v1` asked the Dial to record the bridge. */
  record: boolean;
  /** onAnswer: a `bridge@v1` ends the branch, so the callee is connected. */
  bridged: boolean;
}

export function createScope(kind: ScopeKind, emitting: boolean): BranchScope {
  return { kind, emitting, record: false, bridged: false };
}
