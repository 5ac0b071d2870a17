/**
 * What one ACTIONS10 translation shares: its issues, the map from canonical paths back to YAML
 * paths, the branch table, and the `onHangup` block that both the `hangup` branch and recording
 * `events.ready` actions write to. Also the small readers every action uses, so a `${{ … }}` or an
 * `if:` is rewritten, and its failure reported, the same way everywhere.
 */
import { BlockWriter } from './block-writer.js';
import { HANGUP_BRANCH, type Branch, type BranchTable } from './branch-table.js';
import { rewriteCondition } from './expression-rewrite.js';
import { IssueCollector } from './issue-collector.js';
import { SourcePathMap } from './source-paths.js';
import { rewriteText } from './text-rewrite.js';
import type { FieldReader } from './yaml-fields.js';

export class TranslateContext {
  readonly issues: IssueCollector;
  readonly paths: SourcePathMap;
  readonly table: BranchTable;
  /** The translated `onHangup`: the `hangup` branch, then recording `events.ready` actions. */
  readonly hook: BlockWriter;
  readonly #readyWritten = new Set<string>();

  constructor(issues: IssueCollector, paths: SourcePathMap, table: BranchTable) {
    this.issues = issues;
    this.paths = paths;
    this.table = table;
    const hangup = table.branches.get(HANGUP_BRANCH);
    this.hook = new BlockWriter('onHangup', paths);
    paths.set('onHangup', hangup?.actionsPath ?? 'branches');
  }

  error(code: string, path: string, message: string): void {
    this.issues.error(code, path, message);
  }

  /** A writer whose output and paths are thrown away: for translating only to find errors. */
  scratch(path: string): BlockWriter {
    return new BlockWriter(path, new SourcePathMap());
  }

  /** A string with `${{ … }}` as a canonical interpolated string; undefined (reported) if it fails. */
  text(raw: unknown, path: string): string | undefined {
    if (typeof raw !== 'string') {
      this.error('TYPE', path, 'must be a string');
      return undefined;
    }
    const rewritten = rewriteText(raw);
    if (!rewritten.ok) {
      this.error(rewritten.code, path, rewritten.message);
      return undefined;
    }
    return rewritten.text;
  }

  /** A string field of `fields`, rewritten as `text` does. */
  textField(fields: FieldReader, key: string, required = false): string | undefined {
    const raw = fields.get(key);
    if (raw === undefined) {
      if (required) this.error('REQUIRED_FIELD', fields.pathOf(key), `"${key}" is required`);
      return undefined;
    }
    return this.text(raw, fields.pathOf(key));
  }

  /** An item's `if:` as a section 4 expression (no `${}` around it); null (reported) if it fails. */
  condition(raw: unknown, path: string): string | null {
    const rewritten = rewriteCondition(raw);
    if (!rewritten.ok) {
      this.error(rewritten.code, path, rewritten.message);
      return null;
    }
    return rewritten.text;
  }

  /**
   * The branch a `goto` or an `answerOnBranch` at `path` names, or null with the reason reported:
   * missing, unsupported, or `hangup` (which runs after the call, never on request).
   */
  branch(name: string, path: string): Branch | null {
    if (this.table.unsupported.has(name)) {
      this.error('A10_UNSUPPORTED_BRANCH', path, `branch "${name}" is not supported`);
      return null;
    }
    if (name === HANGUP_BRANCH) {
      this.error(
        'A10_UNKNOWN_BRANCH',
        path,
        'the hangup branch runs when the call ends; it cannot be a target',
      );
      return null;
    }
    const branch = this.table.branches.get(name);
    if (branch === undefined) this.error('A10_UNKNOWN_BRANCH', path, `no branch is named "${name}"`);
    return branch ?? null;
  }

  /** True the first time the `events.ready` at `path` is written to `onHangup` (a branch inlined twice). */
  claimReady(path: string): boolean {
    if (this.#readyWritten.has(path)) return false;
    this.#readyWritten.add(path);
    return true;
  }
}
