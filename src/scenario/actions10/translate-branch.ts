/**
 * Translates a list of ACTIONS10 items (a branch's `actions`, or `events.ready`) into one canonical
 * block, item by item, in a given scope (branch-scope.ts). Every item is translated even after an
 * error, so one pass reports all of them.
 */
import { childPath } from '../compiler/paths.js';
import type { BlockWriter } from './block-writer.js';
import type { BranchScope } from './branch-scope.js';
import type { TranslateContext } from './translate-context.js';
import { translateItem } from './translate-item.js';

export function translateItems(
  ctx: TranslateContext,
  raw: unknown,
  path: string,
  out: BlockWriter,
  scope: BranchScope,
): void {
  if (!Array.isArray(raw)) {
    ctx.error('TYPE', path, 'must be a list of actions');
    return;
  }
  const recurse = (items: unknown, itemsPath: string, writer: BlockWriter, itemsScope: BranchScope): void =>
    translateItems(ctx, items, itemsPath, writer, itemsScope);
  raw.forEach((item: unknown, index) => {
    const place = { path: childPath(path, index), out, scope, isLast: index === raw.length - 1 };
    translateItem(ctx, item, place, recurse);
  });
}
