/** The read-only built-in variables of section 3, read live from the run. */
import { formatScenarioTime } from './scenario-clock.js';
import type { RunContext } from './run-context.js';

/** Who the call is for and how it started: what a launcher knows before the call runs. */
export interface RunIdentity {
  readonly scenarioId: string;
  readonly scenarioName: string;
  readonly accountId?: string;
  /** IANA zone of the tenant, for localTime and weekday. */
  readonly timezone?: string;
  readonly bulkId?: string;
  readonly messageId?: string;
  readonly attempt?: number;
  readonly campaignId?: string;
  readonly campaignType?: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function zoned(epochMs: number, timezone: string): { time: string; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'long',
  }).formatToParts(new Date(epochMs));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday').toLowerCase();
  return { time: `${part('hour')}:${part('minute')}`, weekday: WEEKDAYS.includes(weekday) ? weekday : '' };
}

export function builtInVariables(
  run: () => RunContext,
  identity: RunIdentity,
  startedAt: number,
): Map<string, () => string> {
  const info = () => run().call.info;
  const now = () => run().services.clock.now();
  const timezone = identity.timezone ?? 'UTC';
  const constant = (value: string | number | undefined) => () => (value === undefined ? '' : String(value));
  return new Map<string, () => string>([
    ['to', () => info().to],
    ['from', () => info().from],
    ['callerName', () => info().callerName],
    ['callId', () => info().callId],
    ['direction', () => info().direction],
    ['scenarioId', constant(identity.scenarioId)],
    ['scenarioName', constant(identity.scenarioName)],
    ['bulkId', constant(identity.bulkId)],
    ['messageId', constant(identity.messageId)],
    ['attempt', constant(identity.attempt ?? 1)],
    ['campaignId', constant(identity.campaignId)],
    ['campaignType', constant(identity.campaignType)],
    ['accountId', constant(identity.accountId)],
    ['firstName', constant(identity.firstName)],
    ['lastName', constant(identity.lastName)],
    ['startTime', constant(formatScenarioTime(startedAt))],
    ['answerTime', () => (run().answeredAt === null ? '' : formatScenarioTime(run().answeredAt ?? 0))],
    [
      'callDuration',
      () => (run().answeredAt === null ? '0' : String(Math.floor((now() - (run().answeredAt ?? 0)) / 1000))),
    ],
    ['localTime', () => zoned(now(), timezone).time],
    ['weekday', () => zoned(now(), timezone).weekday],
    ['hangupBy', () => run().hangupBy],
    ['hangupCause', () => run().hangupCause],
    ['lastError', () => run().lastError],
  ]);
}
