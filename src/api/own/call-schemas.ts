/** Schemas of the call records routes (`/voxgate/v1/calls`). Fields are snake_case. */
import { Type, type TSchema } from 'typebox';
import { NumberText, ScenarioRef } from './number-schemas.js';
import { PageQuery } from './schemas.js';

const Direction = Type.Enum(['inbound', 'outbound']);
const HangupSource = Type.Enum(['CALLER', 'CALLEE', 'GATEWAY']);
const Time = Type.String({ format: 'date-time' });
const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CallIdParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,18}$', description: 'A call id (decimal digits)' }),
});

export const CallListQuery = Type.Object(
  {
    ...PageQuery.properties,
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Calls started at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Calls started at or before' })),
    direction: Type.Optional(Direction),
    number: Type.Optional(NumberText),
    cli: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The caller's number" })),
    scenario_id: Type.Optional(ScenarioRef),
    hangup_source: Type.Optional(HangupSource),
    live: Type.Optional(Type.Boolean({ description: 'true: calls in progress; false: ended calls' })),
  },
  { additionalProperties: false },
);

/** Seed 04's CDR.In / CDR.Out, in Voxgate's words (docs/numbers-and-calls.md maps the names). */
export const CallView = Type.Object({
  id: Type.String(),
  account_id: Type.Integer(),
  direction: Direction,
  status: Type.Enum(['live', 'ended']),
  node_id: Type.String(),
  sip_call_id: Type.String(),
  cli_number: OrNull(Type.String()),
  cli_name: OrNull(Type.String()),
  cli_pres: Type.Enum(['allowed_passed_screen', 'prohib_passed_screen']),
  number: Type.String({ description: 'The number called: DID (inbound) or destination (outbound)' }),
  scenario_id: OrNull(Type.String()),
  scenario_name: OrNull(Type.String()),
  started_at: Time,
  answered_at: OrNull(Time),
  ended_at: OrNull(Time),
  duration: OrNull(Type.Integer({ description: 'Seconds from start to hang-up' })),
  duration_answered: OrNull(Type.Integer({ description: 'Seconds from answer to hang-up' })),
  hangup_cause: OrNull(Type.Integer({ description: 'ITU-T Q.850 cause' })),
  hangup_source: Type.Union([HangupSource, Type.Null()]),
});

const TimelineEventView = Type.Object(
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

export const CallDetailView = Type.Object({
  ...CallView.properties,
  timeline: Type.Union([Type.Array(TimelineEventView), Type.Null()], {
    description: "The scenario engine's events; null while live or when the node stopped mid-call",
  }),
});
