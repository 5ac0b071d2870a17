/**
 * `/voxgate/v1/analytics/calls/*` and `/voxgate/v1/analytics/sms/*`: seed 04's `Analytics.Calls.*`
 * and `Analytics.SMS.*` over an inclusive range (CALLR-METHODS.md 2.10). The JSON-RPC
 * `analytics/calls.*` and `analytics/sms.*` come with the platform issue and call the same core.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { TOP_LIMIT_DEFAULT } from '../../../core/analytics/figures.js';
import type { SmsField } from '../../../core/analytics/sms.js';
import type { TimeRange } from '../../../core/cdr/time-range.js';
import type { Core } from '../../../core/index.js';
import { tenantOf } from '../../plugins/authenticate.js';
import {
  AppView,
  CallsHistoryView,
  CallsSummaryView,
  CountryView,
  DestinationView,
  DidView,
  RangeQuery,
  SmsFieldsQuery,
  SmsHistoryByStatusView,
  SmsHistoryOutView,
  SmsHistoryView,
  SmsSummaryByStatusView,
  SmsSummaryOutView,
  SmsSummaryView,
  TopAppsQuery,
  TopQuery,
} from '../analytics-schemas.js';
import { ErrorBody } from '../schemas.js';
import { rangeOf } from './cdr.js';

const tags = ['analytics'];
const security = [{ bearer: [] }, { basic: [] }, { accessTokenHeader: [] }];

/** Both ends are required by the schema, so the checked range has both. */
function fullRange(query: { from: string; to: string }): TimeRange {
  return rangeOf(query) as TimeRange;
}

function topOf(query: Static<typeof TopQuery>) {
  return { ...fullRange(query), sort: query.sort ?? 'count', limit: query.limit ?? TOP_LIMIT_DEFAULT };
}

function fieldsOf(query: Static<typeof SmsFieldsQuery>): SmsField[] | undefined {
  return query.fields === undefined ? undefined : (query.fields.split(',') as SmsField[]);
}

export function analyticsRoutes(core: Core) {
  return async (instance: FastifyInstance): Promise<void> => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    const { calls, sms } = core.analytics;
    const schema = <Q extends TSchema, R extends TSchema>(summary: string, querystring: Q, view: R) => ({
      schema: { tags, security, summary, querystring, response: { 200: view, 400: ErrorBody } },
    });

    app.get(
      '/analytics/calls/summary',
      schema('Inbound and outbound call totals over a range', RangeQuery, CallsSummaryView),
      (request) => calls.summary(tenantOf(request).tenant, fullRange(request.query)),
    );
    app.get(
      '/analytics/calls/history',
      schema(
        'Call totals per hour (up to 2 days), day (up to 92 days) or month',
        RangeQuery,
        CallsHistoryView,
      ),
      (request) => calls.history(tenantOf(request).tenant, fullRange(request.query)),
    );
    app.get(
      '/analytics/calls/top-apps',
      schema('Busiest apps (scenarios) of one direction', TopAppsQuery, Type.Array(AppView)),
      (request) => calls.topApps(tenantOf(request).tenant, request.query.type, topOf(request.query)),
    );
    app.get(
      '/analytics/calls/inbound-dids',
      schema('Busiest DIDs (inbound calls)', TopQuery, Type.Array(DidView)),
      (request) => calls.inboundDids(tenantOf(request).tenant, topOf(request.query)),
    );
    app.get(
      '/analytics/calls/outbound-countries',
      schema('Outbound calls by destination country', TopQuery, Type.Array(CountryView)),
      (request) => calls.outboundCountries(tenantOf(request).tenant, topOf(request.query)),
    );
    app.get(
      '/analytics/calls/outbound-destinations',
      schema('Outbound calls by billing destination (the country)', TopQuery, Type.Array(DestinationView)),
      (request) => calls.outboundDestinations(tenantOf(request).tenant, topOf(request.query)),
    );
    app.get(
      '/analytics/calls/cli-countries',
      schema("Inbound calls by caller's country", TopQuery, Type.Array(CountryView)),
      (request) => calls.cliCountries(tenantOf(request).tenant, topOf(request.query)),
    );

    app.get(
      '/analytics/sms/summary',
      schema('SMS totals over a range (IN is {})', RangeQuery, SmsSummaryView),
      (request) => sms.summary(tenantOf(request).tenant, fullRange(request.query)),
    );
    app.get(
      '/analytics/sms/history',
      schema('SMS totals per bucket (IN is [])', RangeQuery, SmsHistoryView),
      (request) => sms.history(tenantOf(request).tenant, fullRange(request.query)),
    );
    app.get(
      '/analytics/sms/summary-out',
      schema('Outbound SMS totals', SmsFieldsQuery, SmsSummaryOutView),
      (request) =>
        sms.summaryOut(tenantOf(request).tenant, fullRange(request.query), fieldsOf(request.query)),
    );
    app.get(
      '/analytics/sms/history-out',
      schema('Outbound SMS totals per bucket', SmsFieldsQuery, SmsHistoryOutView),
      (request) =>
        sms.historyOut(tenantOf(request).tenant, fullRange(request.query), fieldsOf(request.query)),
    );
    app.get(
      '/analytics/sms/summary-out-by-status',
      schema('Outbound SMS totals by status', RangeQuery, SmsSummaryByStatusView),
      (request) => sms.summaryOutByStatus(tenantOf(request).tenant, fullRange(request.query)),
    );
    app.get(
      '/analytics/sms/history-out-by-status',
      schema('Outbound SMS totals per bucket, by status', RangeQuery, SmsHistoryByStatusView),
      (request) => sms.historyOutByStatus(tenantOf(request).tenant, fullRange(request.query)),
    );
  };
}
