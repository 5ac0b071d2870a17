/**
 * Schemas of CDR search (`/voxgate/v1/cdr`): seed 04's `CDR.SearchFilters` and `Search.Options`
 * as query parameters, `Search.Results` of `CDR.In` / `CDR.Out` as the answer, with the seed's own
 * property names (the JSON-RPC `cdr.search` answers the same objects).
 */
import { Type, type TSchema } from 'typebox';
import { RANGE_TIME_PATTERN } from '../../core/cdr/time-range.js';
import { CDR_DEFAULT_QUANTITY, CDR_MAX_QUANTITY } from '../../core/cdr/types.js';
import { NumberText, ScenarioRef } from './number-schemas.js';

const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A range end: seed `datetime` or RFC 3339 in UTC; the route also checks it names a real instant. */
export const RangeTime = (description: string) =>
  Type.String({
    pattern: RANGE_TIME_PATTERN,
    description: `${description}: YYYY-MM-DD HH:MM:SS (UTC), or YYYY-MM-DDTHH:MM:SS[.sss]Z`,
  });

export const CdrTypeSchema = Type.Enum(['IN', 'OUT'], {
  description: 'IN: inbound calls; OUT: outbound calls',
});

const DidHash = Type.String({
  pattern: '^[0-9A-Za-z]{8}$',
  description: "A DID hash of yours (8 characters); another account's matches nothing",
});

export const CdrSearchQuery = Type.Object(
  {
    type: CdrTypeSchema,
    from: Type.Optional(RangeTime('Calls that started at or after')),
    to: Type.Optional(RangeTime('Calls that started at or before (the whole second)')),
    app: Type.Optional(ScenarioRef),
    did: Type.Optional(DidHash),
    number: Type.Optional(NumberText),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    quantity: Type.Optional(
      Type.Integer({ minimum: 1, maximum: CDR_MAX_QUANTITY, default: CDR_DEFAULT_QUANTITY }),
    ),
  },
  { additionalProperties: false },
);

const SeedTime = Type.String({ description: 'YYYY-MM-DD HH:MM:SS, UTC' });
const Amount = Type.String({
  description: 'amount: cents with 2 decimals; Voxgate bills nothing, so "0.00"',
});

const CdrCommon = {
  answer: OrNull(SeedTime),
  billing_customer_cost_label: Type.String(),
  billing_customer_credit_eur: Amount,
  billing_customer_debit_eur: Amount,
  callid: Type.Integer(),
  cli_name: Type.String(),
  cli_number: Type.String(),
  cli_pres: Type.Enum(['allowed_passed_screen', 'prohib_passed_screen']),
  customer_field: Type.String(),
  duration: Type.Integer(),
  duration_answered: Type.Integer(),
  duration_billed: Type.Integer(),
  hangup: OrNull(SeedTime),
  hangupcause: Type.Integer(),
  hangupsource: OrNull(Type.Enum(['CALLER', 'CALLEE', 'GATEWAY'])),
  package_name: Type.String(),
  scenario_hash: Type.String(),
  scenario_name: Type.String(),
  start: SeedTime,
};

export const CdrInView = Type.Object({
  ...CdrCommon,
  cli_country_code: Type.String(),
  cli_number_type: Type.String(),
  did_hash: Type.String(),
  did_intl_number: Type.String(),
});

export const CdrOutView = Type.Object({
  ...CdrCommon,
  callid_in: Type.Integer(),
  dialstatus: Type.String(),
  number: Type.String(),
  number_country_code: Type.String(),
  number_type: Type.String(),
});

export const CdrSearchResults = Type.Object({
  offset: Type.Integer(),
  total: Type.Integer(),
  has_more: Type.Boolean({ description: 'offset + hits.length < total' }),
  hits: Type.Array(Type.Union([CdrInView, CdrOutView]), { description: 'CDR.In (IN) or CDR.Out (OUT)' }),
});
