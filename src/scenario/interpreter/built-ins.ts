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

/**
 * ACTIONS10's serialised contexts (section 1.1, `JSON.stringify(call|app|run|recording)`): the
 * call's facts, the app (scenario), the run's variables, and the last recording.
 */
function jsonContext(name: string, run: RunContext, identity: RunIdentity): Record<string, unknown> {
  const read = (variable: string): string => run.variables.get(variable) ?? '';
  switch (name) {
    case '__json_call':
      return {
        id: run.call.info.callId,
        fromNumber: run.call.info.from,
        toNumber: run.call.info.to,
        direction: run.call.info.direction,
      };
    case '__json_app':
      return { hash: identity.scenarioId, name: identity.scenarioName };
    case '__json_run':
      return { variables: run.variables.snapshot() };
    default:
      return {
        id: read('recordingId'),
        url: read('recordingUrl'),
        duration: read('recordingDuration'),
        status: read('recordStatus'),
      };
  }
}

/** Reads a built-in by name, or undefined for any other name. */
export type BuiltInReader = (name: string) => string | undefined;

function text(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * One reader function per call rather than a map of closures: a call parked mid-scenario holds it,
 * and section 3's built-ins are read live (callDuration, localTime, hangupBy...).
 */
export function builtInVariables(
  run: () => RunContext,
  identity: RunIdentity,
  startedAt: number,
): BuiltInReader {
  const timezone = identity.timezone ?? 'UTC';
  return (name) => {
    switch (name) {
      case 'to':
      case 'from':
      case 'callerName':
      case 'callId':
      case 'direction':
        return run().call.info[name];
      case 'scenarioId':
      case 'scenarioName':
      case 'bulkId':
      case 'messageId':
      case 'campaignId':
      case 'campaignType':
      case 'accountId':
      case 'firstName':
      case 'lastName':
        return text(identity[name]);
      case 'attempt':
        return text(identity.attempt ?? 1);
      case 'startTime':
        return formatScenarioTime(startedAt);
      case 'answerTime': {
        const answeredAt = run().answeredAt;
        return answeredAt === null ? '' : formatScenarioTime(answeredAt);
      }
      case 'callDuration': {
        const answeredAt = run().answeredAt;
        return answeredAt === null
          ? '0'
          : String(Math.floor((run().services.clock.now() - answeredAt) / 1000));
      }
      case 'localTime':
        return zoned(run().services.clock.now(), timezone).time;
      case 'weekday':
        return zoned(run().services.clock.now(), timezone).weekday;
      case 'hangupBy':
        return run().hangupBy;
      case 'hangupCause':
        return run().hangupCause;
      case 'lastError':
        return run().lastError;
      case '__json_call':
      case '__json_app':
      case '__json_run':
      case '__json_recording':
        return JSON.stringify(jsonContext(name, run(), identity));
      default:
        return undefined;
    }
  };
}
