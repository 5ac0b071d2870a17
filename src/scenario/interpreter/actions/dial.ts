/**
 * The dial family (sections 5.4 to 5.7) over the port's `dial`. An answered
 * dial bridges; when the bridge ends the script continues in post-bridge mode
 * (section 6.2). An unanswered dial never ends the call.
 */
import { ENGINE_ABORT } from '../abort-reason.js';
import type { DialNode, DialToConversationsNode, DialToManyNode, DialToWebRtcNode } from '../../ast/nodes.js';
import type { DialRequest, DialResult, OnAnswerHook } from '../../call-port.js';
import { NEXT } from '../flow.js';
import type { RunContext } from '../run-context.js';
import { isDialableNumber } from '../../compiler/literal-checks.js';
import type { ActionHandler, Executor } from './action-handler.js';

type AnyDial = DialNode | DialToManyNode | DialToWebRtcNode | DialToConversationsNode;

async function runDial(node: AnyDial, run: RunContext, request: DialRequest | null): Promise<void> {
  let result: DialResult;
  if (request === null) {
    result = { status: 'NODIAL', answeredNumber: '', durationS: 0, hangupBy: null };
  } else {
    for (const target of request.targets) run.timeline.add('dial.attempt', { number: target.number }, node);
    const dialing = { controller: new AbortController(), callerHungUp: false };
    const stopDial = (): void => dialing.controller.abort(ENGINE_ABORT);
    run.signal.addEventListener('abort', stopDial, { once: true });
    run.dialing = dialing;
    try {
      result = await run.call.dial(request, dialing.controller.signal);
    } finally {
      run.dialing = null;
      run.signal.removeEventListener('abort', stopDial);
    }
    // A caller hang-up while ringing is CANCEL and ends the script; during a bridge it ends the
    // bridge, and the script goes on in post-bridge mode (sections 5.4 and 6.2).
    if (dialing.callerHungUp && result.status !== 'ANSWER') {
      run.state = 'ENDED';
      run.stop('caller', 'BYE');
    }
  }
  run.setStatus('dialStatus', result.status);
  run.setStatus('dialAnsweredNumber', result.answeredNumber);
  run.setStatus('dialDuration', String(result.durationS));
  run.timeline.add(
    'dial.result',
    {
      number: result.answeredNumber,
      status: result.status,
      durationS: result.durationS,
      hangupBy: result.hangupBy,
    },
    node,
  );
  if (result.recording !== undefined && result.recording !== null) {
    // The bridge's recording ends with the bridge; Play From Recording counts only Record actions.
    run.setStatus('recordStatus', 'HANGUP');
    run.setStatus('recordingId', result.recording.recordingId);
    run.setStatus('recordingUrl', `recording:${result.recording.recordingId}`);
    run.setStatus('recordingDuration', String(result.recording.durationS));
    run.timeline.add(
      'recording.saved',
      { recordingId: result.recording.recordingId, durationS: result.recording.durationS, status: 'HANGUP' },
      node,
    );
  }
  if (result.status === 'ANSWER') {
    if (run.state === 'RINGING') {
      // Forwarded transparently: the caller was answered when the callee answered (section 5.4 step 2).
      run.answeredAt = run.services.clock.now() - result.durationS * 1000;
      run.timeline.add('call.answered', { by: 'bridge' }, node);
    }
    run.state = 'POST_BRIDGE';
    // Whoever ended the bridge ended the call; Hang-up after it only ends the script (section 5.10).
    const by = result.hangupBy;
    if (by !== null) run.ended(by, by === 'system' ? 'MAX_DURATION' : 'BYE');
  } else if (result.status === 'NODIAL') {
    run.error('VG_RT_DIAL_FAILED', 'nothing could be dialled', node);
  }
}

/** The onAnswer block as the port's hook: run on the callee's leg, bridge unless it hung up. */
function onAnswerOf(node: DialNode | DialToManyNode, executor: Executor): OnAnswerHook | null {
  const block = node.onAnswer;
  if (block === null) return null;
  return async (callee, signal) =>
    (await executor.runOnLeg(block, callee, signal)) === 'completed' ? 'bridge' : 'release';
}

function senderOf(node: DialNode | DialToManyNode, run: RunContext): string | null {
  return node.senderId === null ? null : run.render(node.senderId, node);
}

export const dial: ActionHandler<DialNode> = {
  needsCall: true,
  answersFirst: false,
  async run(node, run, executor) {
    const number = run.render(node.destination, node).trim();
    const request: DialRequest | null = isDialableNumber(number, { sip: true })
      ? {
          targets: [{ number, ringTimeoutS: node.ringTimeoutS }],
          parallel: false,
          senderId: senderOf(node, run),
          maxCallDurationS: node.maxCallDurationS,
          record: node.record,
          onAnswer: onAnswerOf(node, executor),
        }
      : null;
    await runDial(node, run, request);
    return NEXT;
  },
};

export const dialToMany: ActionHandler<DialToManyNode> = {
  needsCall: true,
  answersFirst: false,
  async run(node, run, executor) {
    const seen = new Set<string>();
    const targets: { number: string; ringTimeoutS: number }[] = [];
    for (const entry of node.entries) {
      for (const item of run.render(entry.numbers, node).split(',')) {
        const number = item.trim();
        if (number === '' || seen.has(number) || !isDialableNumber(number, { sip: true })) continue;
        seen.add(number);
        targets.push({ number, ringTimeoutS: entry.ringTimeoutS ?? node.ringTimeoutS });
      }
    }
    const request: DialRequest | null =
      targets.length === 0
        ? null
        : {
            targets: targets.slice(0, 20),
            parallel: node.parallel,
            senderId: senderOf(node, run),
            maxCallDurationS: node.maxCallDurationS,
            record: node.record,
            onAnswer: onAnswerOf(node, executor),
          };
    await runDial(node, run, request);
    return NEXT;
  },
};

export const dialToWebRtc: ActionHandler<DialToWebRtcNode> = {
  needsCall: true,
  answersFirst: false,
  async run(node, run) {
    const identity = run.render(node.identity, node).trim();
    await runDial(node, run, {
      targets: [{ number: `webrtc:${identity}`, ringTimeoutS: node.ringTimeoutS }],
      parallel: true,
      senderId: null,
      maxCallDurationS: node.maxCallDurationS,
      record: node.record,
      onAnswer: null,
    });
    return NEXT;
  },
};

export const dialToConversations: ActionHandler<DialToConversationsNode> = {
  needsCall: true,
  answersFirst: false,
  async run(node, run) {
    const tags = node.tags === null || node.tags.length === 0 ? '*' : node.tags.join(',');
    await runDial(node, run, {
      targets: [{ number: `queue:${node.tagIdentifierType}:${tags}`, ringTimeoutS: node.queueTimeoutS }],
      parallel: false,
      senderId: null,
      maxCallDurationS: node.maxCallDurationS,
      record: false,
      onAnswer: null,
    });
    return NEXT;
  },
};
