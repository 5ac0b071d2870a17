/** Schemas of the numbers routes (`/admin/numbers`, `/voxgate/v1/numbers`). Fields are snake_case. */
import { Type } from 'typebox';
import { PageQuery } from './schemas.js';

/** The text of a number; its E.164 rule is core's (`toE164`), checked by the route so the issue names the field. */
export const NumberText = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'E.164 number, with or without the leading +',
});

export const ScenarioRef = Type.String({
  pattern: '^[0-9A-Fa-f]{32}$',
  description: 'A scenario of the same account (32 hex characters)',
});

export const ReceptionistRef = Type.String({
  minLength: 4,
  maxLength: 40,
  description: 'A receptionist of the same account (its seed 01 id, base64 of a decimal id)',
});

export const AppRef = Type.String({
  pattern: '^[0-9A-Fa-f]{8}$',
  description: 'A real-time app of the same account (its 8 hex character hash)',
});

export const NumberView = Type.Object({
  number: Type.String({ description: 'Canonical E.164, with +' }),
  hash: Type.String({ description: "Seed 04's DID hash (8 upper-case hex characters)" }),
  account_id: Type.Integer(),
  scenario_id: Type.Union([Type.String(), Type.Null()], {
    description: 'Where inbound calls go; null: unrouted',
  }),
  receptionist: Type.Union([Type.String(), Type.Null()], {
    description: 'The receptionist (seed 01 id) inbound calls meet; null when another route is set',
  }),
  app: Type.Union([Type.String(), Type.Null()], {
    description: 'The real-time app inbound calls go to instead of a scenario; null: none',
  }),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});

export const NewNumber = Type.Object(
  { account_id: Type.Integer({ minimum: 1 }), number: NumberText },
  { additionalProperties: false },
);

/**
 * `scenario_id` as every own-API field, or `scenarioId` as issue 5 and the seeds' camelCase
 * clients write it, or `app` for a real-time app: exactly one of the three (the route checks,
 * naming the field); null unroutes.
 */
export const NumberRouting = Type.Object(
  {
    scenario_id: Type.Optional(Type.Union([ScenarioRef, Type.Null()])),
    scenarioId: Type.Optional(Type.Union([ScenarioRef, Type.Null()])),
    app: Type.Optional(Type.Union([AppRef, Type.Null()])),
    receptionist: Type.Optional(Type.Union([ReceptionistRef, Type.Null()])),
  },
  { additionalProperties: false },
);

export const NumberParams = Type.Object({ number: NumberText });

export const AdminNumberQuery = Type.Object(
  { ...PageQuery.properties, account_id: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);
