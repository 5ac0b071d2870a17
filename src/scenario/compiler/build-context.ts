/**
 * State shared while one scenario compiles: the issue sink, limits, block
 * numbering, where each actionId sits (for Go To), and which variables the
 * script writes and reads (for the lint).
 */
import {
  parseExpression,
  parseTemplate,
  type Expression,
  type ExpressionLimits,
  type Template,
} from '../expressions/index.js';
import type { Block, GoToNode } from '../ast/nodes.js';
import type { Addon, CompilerLimits } from './compiler-limits.js';
import type { IssueSink } from './scenario-issue.js';
import { checkVariableName } from './variable-names.js';

/** Where an action sits: its block and its index there. */
export interface Position {
  readonly blockId: number;
  readonly index: number;
}

export interface PendingGoTo {
  node: { -readonly [K in keyof GoToNode]: GoToNode[K] };
  /** Positions from the root block down to the Go To itself. */
  readonly chain: readonly Position[];
  readonly path: string;
}

export interface BuildScope {
  /** Positions from the root block down to the block being built (exclusive of its actions). */
  readonly chain: readonly Position[];
  readonly inHook: boolean;
  readonly inOnAnswer: boolean;
}

export class BuildContext {
  readonly sink: IssueSink;
  readonly limits: CompilerLimits;
  readonly addons: ReadonlySet<Addon>;
  readonly internalNames: boolean;
  readonly actionIds = new Map<number, { readonly path: string; readonly chain: readonly Position[] }>();
  readonly gotos: PendingGoTo[] = [];
  readonly written = new Set<string>();
  /** Each variable's writes in document order, and whether a loop may repeat them. */
  readonly writes = new Map<string, { readonly order: number; readonly inLoop: boolean }[]>();
  /** Reads in document order (none after a collecting Call API: its response may set anything). */
  readonly reads: { readonly name: string; readonly path: string; readonly order: number }[] = [];
  /** Loop bodies being built around the current action. */
  loopDepth = 0;
  #order = 0;
  readonly blocks = new Map<number, Block>();
  actionCount = 0;
  #nextBlockId = 0;
  /** A collecting Call API was built: its response may set any variable read after it. */
  #responseMaySetAny = false;

  constructor(sink: IssueSink, limits: CompilerLimits, addons: ReadonlySet<Addon>, internalNames: boolean) {
    this.sink = sink;
    this.limits = limits;
    this.addons = addons;
    this.internalNames = internalNames;
  }

  newBlockId(): number {
    const id = this.#nextBlockId;
    this.#nextBlockId += 1;
    return id;
  }

  get expressionLimits(): ExpressionLimits {
    return {
      maxLength: this.limits.maxExpressionLength,
      maxNodes: this.limits.maxExpressionNodes,
      maxDepth: this.limits.maxExpressionDepth,
    };
  }

  /** An interpolated string, or null with the issue reported. */
  template(source: string, path: string): Template | null {
    const parsed = parseTemplate(source, this.expressionLimits);
    return parsed.ok ? this.#reading(parsed.template, path) : this.#refuse(parsed.issue, path);
  }

  /** A condition, or null with the issue reported. */
  expression(source: string, path: string): Expression | null {
    const parsed = parseExpression(source, this.expressionLimits);
    return parsed.ok ? this.#reading(parsed.expression, path) : this.#refuse(parsed.issue, path);
  }

  #reading<T extends { readonly variables: readonly string[] }>(parsed: T, path: string): T {
    for (const name of parsed.variables) this.noteRead(name, path);
    return parsed;
  }

  #refuse(issue: { code: string; message: string; offset: number }, path: string): null {
    this.sink.error(
      issue.code.replace('VG_ERR_SCENARIO_', ''),
      path,
      `${issue.message} at offset ${issue.offset}`,
    );
    return null;
  }

  /** A variable the script writes: checked against section 3's rules. */
  target(name: string, path: string): string {
    const check = checkVariableName(name, { internal: this.internalNames });
    if (check === 'invalid')
      this.sink.error('INVALID_VARIABLE_NAME', path, `"${name}" is not a valid variable name`);
    if (check === 'reserved')
      this.sink.error('RESERVED_VARIABLE', path, `"${name}" is set by the engine and cannot be written`);
    this.noteWrite(name);
    return name;
  }

  noteWrite(name: string): void {
    this.written.add(name);
    this.#order += 1;
    const list = this.writes.get(name) ?? [];
    list.push({ order: this.#order, inLoop: this.loopDepth > 0 });
    this.writes.set(name, list);
  }

  noteRead(name: string, path: string): void {
    if (this.#responseMaySetAny) return;
    this.#order += 1;
    this.reads.push({ name, path, order: this.#order });
  }

  /** A Call API with collectResponse: reads built after it may be of its response fields (section 5.1). */
  noteResponseWrites(): void {
    this.#responseMaySetAny = true;
  }

  requireAddon(addon: Addon, path: string): void {
    if (!this.addons.has(addon))
      this.sink.error('ADDON_DISABLED', path, `the ${addon} add-on is not enabled for this account`);
  }
}
