/**
 * The port through which core acts on calls in progress. The telephony layer
 * implements it (core never imports telephony: STYLE.md section 2) and the
 * composition root hands it to createCore.
 */
export interface LiveCallControl {
  /**
   * Hangs up the call with this record id (a BYE, or a final response when not answered yet).
   * Resolves true once the hang-up is under way, false when no such call runs on this node.
   * The call's own end then closes its record, as any other hang-up does.
   */
  hangup(callId: string): Promise<boolean>;
}

/** The control of a node without telephony (tests, the CLI): it holds no calls. */
export const noLiveCalls: LiveCallControl = Object.freeze({
  hangup: () => Promise.resolve(false),
});
