/**
 * The contract between the item translator and one ACTIONS10 action (`say@v2`, `dial@v1`, …): the
 * versions and parameters it accepts, and a function that writes its canonical actions. The item
 * translator checks the name, version and parameter names, and wraps the result in an If when the
 * item has `if:`, so each action only maps its own parameters.
 */
import type { BlockWriter } from '../block-writer.js';
import type { BranchScope } from '../branch-scope.js';
import type { TranslateContext } from '../translate-context.js';
import type { FieldReader } from '../yaml-fields.js';

/** Translates a list of items (a branch, `events.ready`) into `out`; handed in to avoid an import cycle. */
export type TranslateItems = (raw: unknown, path: string, out: BlockWriter, scope: BranchScope) => void;

export interface ActionInput {
  readonly ctx: TranslateContext;
  readonly scope: BranchScope;
  /** The item's `params`, unknown names already reported. */
  readonly params: FieldReader;
  /** The item itself, for keys beyond `action`/`params`/`if`/`goto` (`events`). */
  readonly item: FieldReader;
  /** The YAML path of the item: `branches.support.actions[0]`. */
  readonly path: string;
  readonly out: BlockWriter;
  /** The item's `if:` as a section 4 expression, when it has one (only `ownsCondition` actions see it). */
  readonly condition: string | null;
  /** The item is the last of its branch. */
  readonly isLast: boolean;
  readonly translateItems: TranslateItems;
}

export interface ActionSpec {
  readonly versions: readonly string[];
  readonly params: readonly string[];
  /** Item keys this action adds to `action`, `params`, `if` (e.g. `events`). */
  readonly itemKeys?: readonly string[];
  /** The action handles `if:` itself instead of being wrapped in `{"if": …, "then": [ … ]}`. */
  readonly ownsCondition?: boolean;
  readonly translate: (input: ActionInput) => void;
}
