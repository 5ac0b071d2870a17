/**
 * `bridge@v1` (section 1.1): "only last in an `answerOnBranch` branch: ends `onAnswer`". A canonical
 * Dial bridges when its `onAnswer` block ends, so the bridge itself writes nothing; anywhere else it
 * is `A10_BRIDGE_CONTEXT`. A conditional bridge (`if: e`) releases the callee when `e` is false:
 * `{"if": "${!(e)}", "then": ["hangup"]}`, since a Hang-up in `onAnswer` releases the callee (5.4).
 */
import { childPath } from '../../compiler/paths.js';
import type { ActionSpec } from './action-spec.js';

export const bridgeAction: ActionSpec = {
  versions: ['v1'],
  params: [],
  ownsCondition: true,
  translate({ ctx, scope, path, out, condition, isLast }) {
    if (scope.kind !== 'onAnswer' || !isLast) {
      ctx.error(
        'A10_BRIDGE_CONTEXT',
        path,
        "bridge@v1 must be the last action of a branch named by a dial's answerOnBranch",
      );
      return;
    }
    scope.bridged = true;
    if (condition === null) return;
    out.push({ if: `\${!(${condition})}`, then: ['hangup'] }, path, [
      { at: ['if'], source: childPath(path, 'if') },
    ]);
  },
};
