/**
 * Arrange and assert helpers shared by the ACTIONS10 tests: documents written as data and turned
 * into YAML (so tests read as the structure they exercise), and translations that must succeed or
 * fail, reported with the issues when they do not.
 */
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import type { ScenarioIssue } from '../compiler/scenario-issue.js';
import { translateActions10, type TranslateActions10Options } from './translate.js';

type Item = Record<string, unknown>;

/** YAML text of a document given as data. */
export function yamlOf(document: unknown): string {
  return stringify(document);
}

/** A document whose only branch is `inbound-call`, holding `items`. */
export function inbound(...items: Item[]): string {
  return yamlOf({ branches: { 'inbound-call': { actions: items } } });
}

/** A document with these branches (name -> items). */
export function withBranches(branches: Record<string, Item[]>, extra: Record<string, unknown> = {}): string {
  const entries = Object.entries(branches).map(([name, actions]) => [name, { actions }] as const);
  return yamlOf({ ...extra, branches: Object.fromEntries(entries) });
}

export function translateOk(source: string, options: TranslateActions10Options = {}) {
  const result = translateActions10(source, options);
  assert.ok(result.ok, `expected a translation, got ${JSON.stringify(!result.ok && result.errors, null, 2)}`);
  return result;
}

export function translateErrors(
  source: string,
  options: TranslateActions10Options = {},
): readonly ScenarioIssue[] {
  const result = translateActions10(source, options);
  assert.ok(!result.ok, `expected errors, got ${JSON.stringify(result.ok && result.document)}`);
  return result.errors;
}

/** `[code, path]` of each issue, for compact assertions. */
export function codesAndPaths(issues: readonly ScenarioIssue[]): [string, string][] {
  return issues.map((issue) => [issue.code, issue.path]);
}

/** The script of a translation, as plain JSON. */
export function scriptOf(source: string, options: TranslateActions10Options = {}): unknown {
  return translateOk(source, options).document.script;
}
