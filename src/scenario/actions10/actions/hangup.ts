/** `hangup@v1` (section 1.1): the canonical bare `"hangup"` (section 5.10). */
import type { ActionSpec } from './action-spec.js';

export const hangupAction: ActionSpec = {
  versions: ['v1'],
  params: [],
  translate({ path, out }) {
    out.push('hangup', path);
  },
};
