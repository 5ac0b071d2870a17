/** Send SMS (section 5.20): queued with the messaging service, never waiting for delivery. */
import type { SendSmsNode } from '../../ast/nodes.js';
import { NEXT } from '../flow.js';
import { isDialableNumber } from '../../compiler/literal-checks.js';
import type { ActionHandler } from './action-handler.js';

export const MAX_SMS_CHARACTERS = 1600;

export const sendSms: ActionHandler<SendSmsNode> = {
  needsCall: false,
  async run(node, run) {
    const to = run.render(node.to, node);
    const from = node.from === null ? null : run.render(node.from, node);
    const text = run.render(node.text, node);
    let status: 'ACCEPTED' | 'REJECTED' = 'REJECTED';
    let messageId = '';
    if (run.smsSent >= run.settings.maxSms) {
      run.error('VG_RT_SMS_REJECTED', `a call sends at most ${run.settings.maxSms} SMS`, node);
    } else if (!isDialableNumber(to) || text.length > MAX_SMS_CHARACTERS || text === '') {
      run.error('VG_RT_SMS_REJECTED', 'the destination or the text is not valid', node);
    } else {
      run.smsSent += 1;
      const result = await run.services.sms.send({ from, to, text, callId: run.call.info.callId });
      if (result.status === 'ACCEPTED') {
        status = 'ACCEPTED';
        messageId = result.messageId;
      } else run.error('VG_RT_SMS_REJECTED', result.reason, node);
    }
    run.setStatus('smsStatus', status);
    run.setStatus('smsMessageId', messageId);
    run.timeline.add('sms.sent', { to, from, messageId, status }, node);
    return NEXT;
  },
};
