/**
 * Simulations (`POST /voxgate/v1/simulations`, `voxgate simulate`): a stored
 * or inline scenario run against a scripted caller on a virtual clock. Call
 * API requests are real; SMS are not sent.
 */
import type { CompiledScenario } from '../../scenario/ast/nodes.js';
import type { ScenarioIssue } from '../../scenario/compiler/index.js';
import type { RunSettings } from '../../scenario/interpreter/run-settings.js';
import type { HttpClient } from '../../scenario/interpreter/services.js';
import { simulate, type CallerScript, type SimulationResult } from '../../scenario/simulator/index.js';
import type { Tenant } from '../accounts/types.js';
import type { ScenariosService } from '../scenarios/service.js';
import type { ScenarioDocumentFields } from '../scenarios/types.js';
import { createDryRunSmsSender } from './dry-run-sms.js';

export interface SimulationInput {
  /** A stored scenario, or `document` for an inline one. */
  readonly scenarioId?: string;
  readonly document?: ScenarioDocumentFields;
  readonly from: string;
  readonly to: string;
  readonly direction?: 'inbound' | 'outbound';
  readonly parameters?: Readonly<Record<string, string>>;
  readonly caller: CallerScript;
}

export interface SimulationOutput extends SimulationResult {
  readonly warnings: readonly ScenarioIssue[];
}

export interface SimulationsServiceOptions {
  readonly scenarios: ScenariosService;
  readonly http: HttpClient;
  readonly settings?: Partial<RunSettings>;
}

export type SimulationsService = ReturnType<typeof createSimulationsService>;

export function createSimulationsService({ scenarios, http, settings }: SimulationsServiceOptions) {
  return {
    async run(tenant: Tenant, input: SimulationInput): Promise<SimulationOutput> {
      let tree: CompiledScenario;
      let warnings: readonly ScenarioIssue[] = [];
      let identity = { scenarioId: '', scenarioName: '', accountId: String(tenant.accountId) };
      if (input.scenarioId !== undefined) {
        const stored = await scenarios.compiled(tenant, input.scenarioId);
        tree = stored.tree;
        identity = { ...identity, scenarioId: stored.scenario.id, scenarioName: stored.scenario.name };
      } else {
        const inline = scenarios.compileInline(input.document ?? { script: [] });
        tree = inline.tree;
        warnings = inline.warnings;
      }
      const result = await simulate({
        scenario: tree,
        caller: input.caller,
        from: input.from,
        to: input.to,
        ...(input.direction === undefined ? {} : { direction: input.direction }),
        ...(input.parameters === undefined ? {} : { parameters: input.parameters }),
        identity,
        http,
        sms: createDryRunSmsSender(),
        ...(settings === undefined ? {} : { settings }),
      });
      return { ...result, warnings };
    },
  };
}
