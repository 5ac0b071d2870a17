/**
 * Where each generated canonical element came from in the YAML (SCENARIO-LANGUAGE.md section 1:
 * "translators report errors with paths into the original document"). The translator records, per
 * canonical path, the YAML path it was written from; the canonical compiler's issues are then moved
 * back onto the author's document, e.g. `script[1].case.support[0].options.ringTimeout` to
 * `branches.support.actions[0].params.targets[0].timeout`.
 */

export interface SourceEntry {
  /** The YAML path. */
  readonly source: string;
  /** The canonical subtree below has the YAML's shape (a body, headers): append the rest of the path. */
  readonly mirror: boolean;
  /** Generated scaffolding (the dispatcher): its lint warnings say nothing about the author's YAML. */
  readonly scaffold: boolean;
}

export interface ResolvedSource {
  readonly path: string;
  readonly scaffold: boolean;
}

const LAST_SEGMENT = /(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

/** `a.b[2]` -> `a.b`; `a` -> `""`; the inverse of the compiler's `childPath`. */
export function parentPath(path: string): string {
  const match = LAST_SEGMENT.exec(path);
  return match === null ? '' : path.slice(0, match.index);
}

export class SourcePathMap {
  readonly #entries = new Map<string, SourceEntry>();

  set(canonical: string, source: string, flags: { mirror?: boolean; scaffold?: boolean } = {}): void {
    this.#entries.set(canonical, {
      source,
      mirror: flags.mirror === true,
      scaffold: flags.scaffold === true,
    });
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The YAML path for a canonical one: its own entry, else its nearest recorded ancestor's (plus the
   * rest of the path under a mirrored subtree); null when nothing above it was recorded.
   */
  resolve(canonical: string): ResolvedSource | null {
    let path = canonical;
    for (;;) {
      const entry = this.#entries.get(path);
      if (entry !== undefined) {
        const rest = canonical.slice(path.length);
        const exact = rest === '';
        return {
          path: entry.mirror ? `${entry.source}${rest}` : entry.source,
          scaffold: entry.scaffold && exact,
        };
      }
      if (path === '') return null;
      path = parentPath(path);
    }
  }
}
