/**
 * Go To targets (section 5.9): the target must lie in a block enclosing the
 * Go To, at or before the Go To's own position in it — an earlier action on
 * the current path, or an enclosing action such as the surrounding Switch.
 */
import type { BuildContext } from './build-context.js';
import { childPath } from './paths.js';

export function resolveGoTos(ctx: BuildContext): void {
  for (const { node, chain, path } of ctx.gotos) {
    const targetPath = childPath(path, 'goTo');
    const target = ctx.actionIds.get(node.target);
    if (target === undefined) {
      ctx.sink.error('GOTO_UNKNOWN_TARGET', targetPath, `no action has actionId ${node.target}`);
      continue;
    }
    const at = target.chain[target.chain.length - 1];
    if (at === undefined) continue;
    const enclosing = chain.findIndex((position) => position.blockId === at.blockId);
    if (enclosing === -1) {
      ctx.sink.error(
        'GOTO_OUT_OF_SCOPE',
        targetPath,
        `actionId ${node.target} is not in a block enclosing this Go To`,
      );
      continue;
    }
    const here = chain[enclosing];
    const isSelf = enclosing === chain.length - 1 && here?.index === at.index;
    if (here === undefined || at.index > here.index || isSelf) {
      ctx.sink.error('GOTO_NOT_BACKWARD', targetPath, `actionId ${node.target} is not before this Go To`);
      continue;
    }
    node.targetBlockId = at.blockId;
    node.targetIndex = at.index;
  }
}
