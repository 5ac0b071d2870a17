import type { ScenarioIssue } from '../../scenario/compiler/index.js';

/** The parts of a scenario the language reads (SCENARIO-LANGUAGE.md section 2, extensions). */
export interface ScenarioDocumentFields {
  readonly script: unknown[];
  readonly onHangup?: unknown[];
  readonly variables?: Record<string, string>;
  readonly record?: boolean;
  readonly notifyUrl?: string;
  readonly notifyContentType?: string;
}

export interface ScenarioInput extends ScenarioDocumentFields {
  readonly name: string;
  readonly description?: string;
}

export interface Scenario extends ScenarioDocumentFields {
  readonly id: string;
  readonly accountId: number;
  readonly name: string;
  readonly description: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastUsageDate: string | null;
}

export interface SavedScenario {
  readonly scenario: Scenario;
  readonly warnings: readonly ScenarioIssue[];
}

export interface ScenarioListQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly name?: string;
  /** `YYYY-MM-DD`; compared with lastUsageDate, or the creation date when never used. */
  readonly lastUsageDateSince?: string;
  readonly lastUsageDateUntil?: string;
}
