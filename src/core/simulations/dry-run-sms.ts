/**
 * The SMS sender of a simulation: accepts what a real sender would accept and
 * numbers the messages, but stores and sends nothing, since a simulation
 * must leave no trace outside its answer.
 */
import type { SmsSender } from '../../scenario/interpreter/services.js';

export function createDryRunSmsSender(): SmsSender {
  let sent = 0;
  return {
    send() {
      sent += 1;
      return Promise.resolve({ status: 'ACCEPTED', messageId: `simulated-sms-${sent}` });
    },
  };
}
