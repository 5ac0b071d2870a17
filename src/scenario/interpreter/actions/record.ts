/**
 * Record (section 5.16): clears the type-ahead buffer, records until the
 * duration, silence, an escape digit or hang-up. Digits are read by the
 * Record while it runs: escape digits end it (consumed), others are ignored.
 */
import { ENGINE_ABORT } from '../abort-reason.js';
import type { RecordNode } from '../../ast/nodes.js';
import { NEXT } from '../flow.js';
import type { ActionHandler } from './action-handler.js';

export const record: ActionHandler<RecordNode> = {
  needsCall: true,
  async run(node, run) {
    if (run.signal.aborted) return NEXT;
    run.digits.clear();
    const recording = new AbortController();
    const onHangup = (): void => recording.abort(ENGINE_ABORT);
    run.signal.addEventListener('abort', onHangup, { once: true });
    let escapedBy: string | null = null;
    const release = run.digits.divert((digit) => {
      if (escapedBy === null && node.escapeDigits.includes(digit)) {
        escapedBy = digit;
        recording.abort(ENGINE_ABORT);
      }
    });
    try {
      const result = await run.call.record(
        {
          maxDurationS: node.maxDurationS ?? run.settings.maxRecordS,
          escapeDigits: node.escapeDigits,
          beep: node.beep,
          maxSilenceS: node.maxSilenceS,
        },
        recording.signal,
      );
      const status = run.signal.aborted ? 'HANGUP' : escapedBy !== null ? 'ESCAPED' : result.status;
      const kept = status !== 'EMPTY' && status !== 'FAILED';
      if (kept) run.recordings.push(result.recordingId);
      run.setStatus('recordStatus', status);
      run.setStatus('recordingId', kept ? result.recordingId : '');
      run.setStatus('recordingUrl', kept ? `recording:${result.recordingId}` : '');
      run.setStatus('recordingDuration', kept ? String(result.durationS) : '0');
      run.timeline.add(
        'recording.saved',
        { recordingId: kept ? result.recordingId : null, durationS: result.durationS, status },
        node,
      );
      if (identifierProblem(node, run))
        run.error('VG_RT_INVALID_IDENTIFIER', 'a digits-only identifier was not kept', node);
      return NEXT;
    } finally {
      release();
      run.signal.removeEventListener('abort', onHangup);
    }
  },
};

function identifierProblem(node: RecordNode, run: Parameters<typeof record.run>[1]): boolean {
  return node.identifier !== null && /^[0-9]+$/.test(run.render(node.identifier, node));
}
