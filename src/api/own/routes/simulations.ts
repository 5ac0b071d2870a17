/** `POST /voxgate/v1/simulations`: run a scenario against a scripted caller and answer with its events. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Core } from '../../../core/index.js';
import { CallerScript } from '../../../scenario/simulator/index.js';
import { ValidationFailed } from '../../../errors.js';
import { tenantOf } from '../../plugins/authenticate.js';

const Number164 = Type.String({ pattern: '^\\+?[0-9]{3,15}$', description: 'E.164 number, + optional' });

export const SimulationBody = Type.Object(
  {
    scenarioId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'A stored scenario' })),
    script: Type.Optional(
      Type.Array(Type.Unknown(), { description: 'An inline script, instead of scenarioId' }),
    ),
    onHangup: Type.Optional(Type.Array(Type.Unknown())),
    variables: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 4096 }))),
    from: Number164,
    to: Number164,
    direction: Type.Optional(Type.Enum(['inbound', 'outbound'], { default: 'inbound' })),
    parameters: Type.Optional(
      Type.Record(Type.String(), Type.String({ maxLength: 4096 }), { description: 'Launch parameters' }),
    ),
    caller: Type.Optional(CallerScript),
  },
  { additionalProperties: false },
);

const Event = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String(),
    type: Type.String(),
    path: Type.Optional(Type.String()),
    actionId: Type.Optional(Type.Integer()),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);

export const SimulationView = Type.Object({
  events: Type.Array(Event, { description: 'The call timeline, in order' }),
  variables: Type.Record(Type.String(), Type.String(), { description: 'Variables at the end of the call' }),
  ended: Type.Object({ hangupBy: Type.String(), hangupCause: Type.String(), durationS: Type.Integer() }),
  elapsedMs: Type.Integer({ description: 'Virtual milliseconds from call start to end' }),
  warnings: Type.Array(Type.Object({ code: Type.String(), path: Type.String(), message: Type.String() })),
});

export function simulationRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/simulations',
      {
        schema: {
          tags: ['simulator'],
          summary: 'Run a scenario against a scripted caller (virtual time) and return the events',
          body: SimulationBody,
          response: { 200: SimulationView },
        },
      },
      async (request) => {
        const body = request.body;
        if ((body.scenarioId === undefined) === (body.script === undefined)) {
          throw ValidationFailed({
            message: 'give either scenarioId or script',
            issues: [
              { path: ['body', 'scenarioId'], rule: 'oneOf', message: 'give either scenarioId or script' },
            ],
          });
        }
        const result = await core.simulations.run(tenantOf(request).tenant, {
          ...(body.scenarioId === undefined ? {} : { scenarioId: body.scenarioId }),
          ...(body.script === undefined
            ? {}
            : {
                document: {
                  script: body.script,
                  ...(body.onHangup === undefined ? {} : { onHangup: body.onHangup }),
                  ...(body.variables === undefined ? {} : { variables: body.variables }),
                },
              }),
          from: body.from,
          to: body.to,
          ...(body.direction === undefined ? {} : { direction: body.direction }),
          ...(body.parameters === undefined ? {} : { parameters: body.parameters }),
          caller: body.caller ?? {},
        });
        return {
          events: result.events.map((event) => ({ ...event, data: { ...event.data } })),
          variables: { ...result.variables },
          ended: { hangupBy: result.hangupBy, hangupCause: result.hangupCause, durationS: result.durationS },
          elapsedMs: result.elapsedMs,
          warnings: result.warnings.map((w) => ({ ...w })),
        };
      },
    );
  };
}
