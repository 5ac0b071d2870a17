/**
 * Schemas of the analytics routes (`/voxgate/v1/analytics/...`): seed 04's `Analytics.Calls.*` and
 * `Analytics.SMS.*`, with the seed's property names.
 */
import { Type } from 'typebox';
import { TOP_LIMIT_DEFAULT, TOP_LIMIT_MAX, TOP_LIMIT_MIN, TOP_SORTS } from '../../core/analytics/figures.js';
import { CdrTypeSchema, RangeTime } from './cdr-schemas.js';

const Range = {
  from: RangeTime('From'),
  to: RangeTime('To, inclusive'),
};

export const RangeQuery = Type.Object(Range, { additionalProperties: false });

export const TopQuery = Type.Object(
  {
    ...Range,
    sort: Type.Optional(
      Type.Enum([...TOP_SORTS], { description: 'Largest first (default count); credit and debit are zero' }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: TOP_LIMIT_MIN, maximum: TOP_LIMIT_MAX, default: TOP_LIMIT_DEFAULT }),
    ),
  },
  { additionalProperties: false },
);

export const TopAppsQuery = Type.Object(
  { type: CdrTypeSchema, ...TopQuery.properties },
  { additionalProperties: false },
);

export const SmsFieldsQuery = Type.Object(
  {
    ...Range,
    fields: Type.Optional(
      Type.String({
        pattern: '^(count|credit|debit|parts)(,(count|credit|debit|parts))*$',
        description: 'Comma-separated properties to keep (count, credit, debit, parts); all by default',
      }),
    ),
  },
  { additionalProperties: false },
);

const Amount4 = Type.String({ description: 'amount_4: cents with 4 decimals; Voxgate bills nothing' });
const SeedTime = Type.String({ description: 'Bucket start, YYYY-MM-DD HH:MM:SS (UTC)' });

const CallFigures = {
  aloc: Type.Integer({ description: 'Average answered duration, whole seconds' }),
  count: Type.Integer(),
  credit: Amount4,
  debit: Amount4,
  duration: Type.Integer({ description: 'Answered seconds' }),
};

export const CallsSummaryView = Type.Object({
  IN: Type.Object({ ...CallFigures, unique_callers: Type.Integer() }),
  OUT: Type.Object(CallFigures),
});

const HistoryCall = Type.Object({ ...CallFigures, date: SeedTime });
export const CallsHistoryView = Type.Object({ IN: Type.Array(HistoryCall), OUT: Type.Array(HistoryCall) });

export const AppView = Type.Object({
  ...CallFigures,
  hash: Type.String({ description: 'The app (scenario) id' }),
});
export const DidView = Type.Object({
  ...CallFigures,
  billing_label: Type.String({ description: "The DID's country name" }),
  hash: Type.String({ description: 'The DID hash; "" when the number is no longer yours' }),
  intl: Type.String(),
});
export const CountryView = Type.Object({
  ...CallFigures,
  country_code: Type.String({ description: 'ISO 3166-1 alpha-2; "" when unknown' }),
});
export const DestinationView = Type.Object({
  ...CallFigures,
  billing_label: Type.String({ description: 'The destination country name; "Unknown" when unknown' }),
});

const SmsFigures = {
  count: Type.Integer(),
  credit: Amount4,
  debit: Amount4,
  parts: Type.Integer(),
};
const SmsFull = Type.Object(SmsFigures);
const SmsHistoryFull = Type.Object({ ...SmsFigures, date: SeedTime });
/** With `fields`, only the named properties (and a bucket's date) are present. */
const SmsTrimmed = Type.Partial(SmsFull);
const SmsHistoryTrimmed = Type.Object({ ...Type.Partial(SmsFull).properties, date: SeedTime });

export const SmsSummaryView = Type.Object({ IN: Type.Object({}), OUT: SmsFull });
export const SmsHistoryView = Type.Object({
  IN: Type.Array(Type.Object({})),
  OUT: Type.Array(SmsHistoryFull),
});
export const SmsSummaryOutView = SmsTrimmed;
export const SmsHistoryOutView = Type.Array(SmsHistoryTrimmed);
export const SmsSummaryByStatusView = Type.Record(Type.String(), SmsFull);
export const SmsHistoryByStatusView = Type.Record(Type.String(), Type.Array(SmsHistoryFull));
