/**
 * Keeps docs/scenario-language.md and the action schemas from drifting apart.
 *
 * The document's convention, which this test parses:
 * - each action has a `### Title` section whose next non-blank line is the
 *   marker `<!-- action: <kind> -->`, `<kind>` being an {@link ActionKind};
 *   the section runs to the next `##` or `###` heading;
 * - the section's first ```json block is the action's example;
 * - its field table has one row per field, the first cell being the field
 *   path in backticks: `options.timeout` for a nested object, `dialToMany[].number`
 *   for the objects of an array (the paths of {@link fieldPaths}). A bare-string
 *   action has no table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ActionKind, detectActionKind } from './action-kinds.js';
import { assertValid } from './assert-schema.js';
import { fieldPaths } from './field-paths.js';
import { ACTION_SCHEMAS } from './index.js';

interface ActionSection {
  readonly kind: string;
  readonly example: string | undefined;
  readonly fields: readonly string[];
}

const MARKER = /^<!-- action: (\S+) -->$/;

function parseSection(kind: string, lines: readonly string[]): ActionSection {
  const fence = lines.findIndex((line) => line.trim() === '```json');
  const close = lines.findIndex((line, i) => i > fence && line.trim() === '```');
  const example = fence < 0 || close < 0 ? undefined : lines.slice(fence + 1, close).join('\n');
  const fields: string[] = [];
  for (const line of lines) {
    const firstCell = line.startsWith('|') ? line.split(/(?<!\\)\|/)[1]?.trim() : undefined;
    const path = firstCell === undefined ? undefined : /^`([^`]+)`$/.exec(firstCell)?.[1];
    if (path !== undefined) fields.push(path);
  }
  return { kind, example, fields };
}

function readSections(): ActionSection[] {
  const lines = readFileSync(new URL('../../../docs/scenario-language.md', import.meta.url), 'utf8').split(
    '\n',
  );
  const sections: ActionSection[] = [];
  lines.forEach((line, i) => {
    const kind = MARKER.exec(line.trim())?.[1];
    if (kind === undefined) return;
    const rest = lines.slice(i + 1);
    const end = rest.findIndex((l) => /^#{2,3} /.test(l));
    sections.push(parseSection(kind, end < 0 ? rest : rest.slice(0, end)));
  });
  return sections;
}

function isActionKind(kind: string): kind is ActionKind {
  return Object.hasOwn(ActionKind, kind);
}

const sections = readSections();

test('the document has exactly one section per action kind', () => {
  assert.deepEqual(sections.map((s) => s.kind).sort(), Object.values(ActionKind).sort());
});

for (const section of sections) {
  test(`${section.kind}: the first example is detected as ${section.kind} and validates`, () => {
    assert.ok(isActionKind(section.kind), `unknown kind ${section.kind}`);
    assert.ok(section.example !== undefined, 'no ```json example');
    const example: unknown = JSON.parse(section.example);
    assert.deepEqual(detectActionKind(example), { ok: true, kind: section.kind });
    assertValid(ACTION_SCHEMAS[section.kind], example);
  });

  test(`${section.kind}: the field table names exactly the schema's fields`, () => {
    assert.ok(isActionKind(section.kind), `unknown kind ${section.kind}`);
    const documented = [...section.fields].sort();
    assert.equal(new Set(documented).size, documented.length, 'a field is documented twice');
    assert.deepEqual(documented, fieldPaths(ACTION_SCHEMAS[section.kind]).sort());
  });
}
