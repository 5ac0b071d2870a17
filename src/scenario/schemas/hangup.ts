/** Hang-up (section 5.10): ends the call; a bare string with no fields. */
import { Type, type Static } from 'typebox';

export const HangupAction = Type.Literal('hangup', {
  description: 'Ends the main script and the call (603 Decline if never answered); onHangup then runs',
});
export type HangupAction = Static<typeof HangupAction>;
