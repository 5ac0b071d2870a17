/** `/voice/ivr/1/scenarios` (seed 02, SCENARIO-LANGUAGE.md section 9.1). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/index.js';
import type { Scenario } from '../../../core/scenarios/types.js';
import type { ScenarioIssue } from '../../../scenario/compiler/index.js';
import { formatScenarioTime } from '../../../scenario/interpreter/scenario-clock.js';
import { tenantOf } from '../../plugins/authenticate.js';
import { ListQuery, ScenarioBody, ScenarioIdParams, ScenarioView } from '../schemas.js';

const tags = ['scenarios'];

/** The seed's times (`2023-09-14T15:13:36.735+0000`) from the stored ISO form. */
function formatSeedTime(iso: string): string {
  return formatScenarioTime(Date.parse(iso));
}

export function formatScenario(scenario: Scenario, warnings: readonly ScenarioIssue[] = []) {
  return {
    id: scenario.id,
    name: scenario.name,
    description: scenario.description,
    createTime: formatSeedTime(scenario.createdAt),
    updateTime: formatSeedTime(scenario.updatedAt),
    lastUsageDate: scenario.lastUsageDate,
    script: scenario.script,
    ...(scenario.onHangup === undefined ? {} : { onHangup: scenario.onHangup }),
    ...(scenario.variables === undefined ? {} : { variables: scenario.variables }),
    ...(scenario.record === undefined ? {} : { record: scenario.record }),
    ...(scenario.notifyUrl === undefined ? {} : { notifyUrl: scenario.notifyUrl }),
    ...(scenario.notifyContentType === undefined ? {} : { notifyContentType: scenario.notifyContentType }),
    ...(warnings.length === 0 ? {} : { warnings: [...warnings] }),
  };
}

export function scenarioRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/scenarios',
      {
        schema: {
          tags,
          summary: 'Create a Voice IVR scenario',
          body: ScenarioBody,
          response: { 200: ScenarioView },
        },
      },
      async (request) => {
        const saved = await core.scenarios.create(tenantOf(request).tenant, request.body);
        return formatScenario(saved.scenario, saved.warnings);
      },
    );

    app.get(
      '/scenarios',
      {
        schema: {
          tags,
          summary: 'List Voice IVR scenarios, newest first',
          querystring: ListQuery,
          response: { 200: Type.Array(ScenarioView) },
        },
      },
      async (request) => {
        const { page, pageSize, name, lastUsageDateSince, lastUsageDateUntil } = request.query;
        const list = await core.scenarios.list(tenantOf(request).tenant, {
          page: page ?? 1,
          pageSize: pageSize ?? 50,
          ...(name === undefined ? {} : { name }),
          ...(lastUsageDateSince === undefined ? {} : { lastUsageDateSince }),
          ...(lastUsageDateUntil === undefined ? {} : { lastUsageDateUntil }),
        });
        return list.map((scenario) => formatScenario(scenario));
      },
    );

    app.get(
      '/scenarios/:id',
      {
        schema: {
          tags,
          summary: 'Get a Voice IVR scenario',
          params: ScenarioIdParams,
          response: { 200: ScenarioView },
        },
      },
      async (request) =>
        formatScenario(await core.scenarios.get(tenantOf(request).tenant, request.params.id)),
    );

    app.put(
      '/scenarios/:id',
      {
        schema: {
          tags,
          summary: 'Update (replace) a Voice IVR scenario',
          params: ScenarioIdParams,
          body: ScenarioBody,
          response: { 200: ScenarioView },
        },
      },
      async (request) => {
        const saved = await core.scenarios.replace(tenantOf(request).tenant, request.params.id, request.body);
        return formatScenario(saved.scenario, saved.warnings);
      },
    );

    app.delete(
      '/scenarios/:id',
      { schema: { tags, summary: 'Delete a Voice IVR scenario', params: ScenarioIdParams } },
      async (request, reply) => {
        await core.scenarios.delete(tenantOf(request).tenant, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
