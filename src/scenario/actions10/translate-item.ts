/**
 * One item of a branch's `actions` (section 1.1): `action` with `params`, or `goto`, either one
 * optionally guarded by `if: e`, which becomes `{"if": "${e'}", "then": [item]}`. Unknown item
 * keys are `UNKNOWN_FIELD`; an item with both `action` and `goto` is `AMBIGUOUS_ACTION`, as an
 * object with two distinctive keys is in the canonical language (section 2).
 */
import { childPath } from '../compiler/paths.js';
import { findAction } from './action-catalog.js';
import type { ActionSpec, TranslateItems } from './actions/action-spec.js';
import type { BlockWriter } from './block-writer.js';
import type { BranchScope } from './branch-scope.js';
import type { CanonicalAction } from './canonical-json.js';
import { translateGoto } from './goto.js';
import type { TranslateContext } from './translate-context.js';
import { FieldReader, isMapping } from './yaml-fields.js';

const ITEM_KEYS = ['action', 'params', 'if', 'goto'];

export interface ItemPlace {
  readonly path: string;
  readonly out: BlockWriter;
  readonly scope: BranchScope;
  readonly isLast: boolean;
}

/** The block the item writes to: `out`, or the `then` of an If pushed for its `if:`. */
function guardedBlock(ctx: TranslateContext, item: FieldReader, place: ItemPlace): BlockWriter {
  const ifPath = item.pathOf('if');
  // On a failed rewrite the If still holds the item, so its own errors are found; the result is refused.
  const condition = ctx.condition(item.get('if'), ifPath) ?? 'false';
  const then: CanonicalAction[] = [];
  const wrapperPath = place.out.push({ if: `\${${condition}}`, then }, place.path, [
    { at: ['if'], source: ifPath },
  ]);
  return place.out.nested(childPath(wrapperPath, 'then'), then, place.path);
}

function translateAction(
  ctx: TranslateContext,
  spec: ActionSpec,
  item: FieldReader,
  place: ItemPlace,
  translateItems: TranslateItems,
): void {
  const params = FieldReader.of(ctx.issues, item.get('params'), item.pathOf('params'), spec.params);
  if (params === null) return;
  const guarded = item.has('if') && spec.ownsCondition !== true;
  const out = guarded ? guardedBlock(ctx, item, place) : place.out;
  const condition = item.has('if') && !guarded ? ctx.condition(item.get('if'), item.pathOf('if')) : null;
  spec.translate({
    ctx,
    scope: place.scope,
    params,
    item,
    path: place.path,
    out,
    condition,
    isLast: place.isLast,
    translateItems,
  });
  // An action that wrote nothing (because of an error) leaves no empty If behind.
  if (guarded && out.actions.length === 0) place.out.dropLast();
}

export function translateItem(
  ctx: TranslateContext,
  raw: unknown,
  place: ItemPlace,
  translateItems: TranslateItems,
): void {
  if (!isMapping(raw)) {
    ctx.error('TYPE', place.path, 'must be a mapping with "action" or "goto"');
    return;
  }
  const hasAction = Object.hasOwn(raw, 'action');
  const hasGoto = Object.hasOwn(raw, 'goto');
  const spec = hasAction ? findAction(ctx.issues, raw['action'], childPath(place.path, 'action')) : null;
  const item = new FieldReader(ctx.issues, raw, place.path, [...ITEM_KEYS, ...(spec?.itemKeys ?? [])]);
  if (hasAction && hasGoto) {
    ctx.error('AMBIGUOUS_ACTION', place.path, 'an item has either "action" or "goto", not both');
    return;
  }
  if (hasGoto) {
    const out = item.has('if') ? guardedBlock(ctx, item, place) : place.out;
    translateGoto(ctx, item, out, place.scope);
    if (item.has('if') && out.actions.length === 0) place.out.dropLast();
    return;
  }
  if (!hasAction) {
    ctx.error('REQUIRED_FIELD', childPath(place.path, 'action'), 'an item needs "action" (or "goto")');
    return;
  }
  if (spec !== null) translateAction(ctx, spec, item, place, translateItems);
}
