/**
 * Appends canonical actions to one block while recording, for each, the canonical path it lands on
 * and the YAML path it came from (see source-paths.ts). Translators never compute indices by hand,
 * so a source path cannot drift from the element it describes.
 */
import { childPath } from '../compiler/paths.js';
import type { CanonicalAction } from './canonical-json.js';
import type { SourcePathMap } from './source-paths.js';

/** A field of the pushed action, relative to it (`['options', 'ringTimeout']`), and its YAML path. */
export interface FieldSource {
  readonly at: readonly (string | number)[];
  readonly source: string;
  /** The canonical value below has the YAML value's shape (see SourceEntry.mirror). */
  readonly mirror?: boolean;
}

export class BlockWriter {
  readonly path: string;
  readonly actions: CanonicalAction[];
  readonly paths: SourcePathMap;

  constructor(path: string, paths: SourcePathMap, actions: CanonicalAction[] = []) {
    this.path = path;
    this.paths = paths;
    this.actions = actions;
  }

  /** Appends `action`, written from the YAML at `source`; answers its canonical path. */
  push(action: CanonicalAction, source: string, fields: readonly FieldSource[] = []): string {
    const path = childPath(this.path, this.actions.length);
    this.actions.push(action);
    this.paths.set(path, source);
    for (const field of fields) this.note(path, field);
    return path;
  }

  /** Appends generated scaffolding: errors point at `source`, lint warnings on it are dropped. */
  pushScaffold(action: CanonicalAction, source: string): string {
    const path = childPath(this.path, this.actions.length);
    this.actions.push(action);
    this.paths.set(path, source, { scaffold: true });
    return path;
  }

  /** Records a field of an action already pushed at `actionPath`. */
  note(actionPath: string, field: FieldSource): void {
    const path = field.at.reduce<string>((parent, key) => childPath(parent, key), actionPath);
    this.paths.set(path, field.source, { mirror: field.mirror === true });
  }

  /** Removes the last action (a wrapper that ended up empty because of an error). */
  dropLast(): void {
    this.actions.pop();
  }

  /** A writer for a block nested in an action, e.g. an If's `then` at `script[2].then`. */
  nested(path: string, actions: CanonicalAction[], source: string): BlockWriter {
    this.paths.set(path, source);
    return new BlockWriter(path, this.paths, actions);
  }

  get lastAction(): CanonicalAction | undefined {
    return this.actions.at(-1);
  }
}
