/**
 * Voxgate's own `scenario.action_result` events: what an action of a call's scenario produced
 * (digits collected, speech recognised, a Call API exchange, a dial's outcome, a recording, an SMS
 * sent, an answering machine detected), sent while the call goes on, so a customer's system can act
 * on an input before the call ends. They come from the engine's timeline as it is written; values
 * the script masks (`sendToReports`) are masked here too, and an input it keeps out of reports
 * never makes an event.
 *
 * The engine calls back synchronously and must not wait on storage: writes are chained in order
 * on the call's own queue, and `flush` waits for them before the call's record closes, so every
 * result event is written before the `call.*_hangup` one.
 */
import type { Db } from '../../db/database.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import type { Outbox } from '../events/outbox.js';

/** The timeline events that carry an action's result, and the only ones sent. */
export const RESULT_EVENT_TYPES: ReadonlySet<string> = new Set([
  'input.collected',
  'speech.recognized',
  'http.exchange',
  'dial.result',
  'recording.saved',
  'sms.sent',
  'machine.detected',
]);

export interface ActionResultSource {
  readonly accountId: number;
  /** The call record's id: seed 04's `callid`. */
  readonly callId: string;
  readonly scenarioId: string;
}

export interface ActionResultRecorder {
  /** The engine's `onEvent`. */
  onEvent(event: TimelineEvent): void;
  /** Waits until every result seen so far is written. */
  flush(): Promise<void>;
}

export function createActionResultRecorder(
  {
    db,
    outbox,
    onError,
  }: { readonly db: Db; readonly outbox: Outbox; readonly onError?: (error: unknown) => void },
  source: ActionResultSource,
): ActionResultRecorder {
  let queue: Promise<void> = Promise.resolve();
  return {
    onEvent(event) {
      if (!RESULT_EVENT_TYPES.has(event.type)) return;
      const data = {
        callid: Number(source.callId),
        scenario_hash: source.scenarioId,
        action: event.type,
        path: event.path ?? null,
        action_id: event.actionId ?? null,
        at: event.at,
        result: event.data,
      };
      queue = queue
        .then(() => outbox.record(db, { accountId: source.accountId, type: 'scenario.action_result', data }))
        .then(
          () => undefined,
          (error: unknown) => onError?.(error),
        );
    },
    flush: () => queue,
  };
}
