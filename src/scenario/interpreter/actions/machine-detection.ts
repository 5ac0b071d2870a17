/** Machine Detection (section 5.12): up to the analysis time of far-end audio; a digit means HUMAN. */
import { ENGINE_ABORT } from '../abort-reason.js';
import type { MachineDetectionNode } from '../../ast/nodes.js';
import { NEXT } from '../flow.js';
import type { ActionHandler } from './action-handler.js';

export const machineDetection: ActionHandler<MachineDetectionNode> = {
  needsCall: true,
  async run(node, run) {
    if (run.signal.aborted) return NEXT;
    const analysis = new AbortController();
    const onHangup = (): void => analysis.abort(ENGINE_ABORT);
    run.signal.addEventListener('abort', onHangup, { once: true });
    let pressed = run.digits.size > 0;
    const unwatch = run.digits.watch(() => {
      pressed = true;
      analysis.abort(ENGINE_ABORT);
    });
    try {
      const detected = pressed
        ? 'HUMAN'
        : await run.call.detectMachine(run.settings.amdAnalysisMs, analysis.signal);
      if (run.signal.aborted) return NEXT;
      const result = pressed ? 'HUMAN' : detected;
      run.setStatus('machineAnswered', result === 'MACHINE' ? 'true' : 'false');
      run.setStatus('machineDetectionResult', result);
      run.greetingPending = result === 'MACHINE';
      run.timeline.add('machine.detected', { result }, node);
      return NEXT;
    } finally {
      unwatch();
      run.signal.removeEventListener('abort', onHangup);
    }
  },
};
