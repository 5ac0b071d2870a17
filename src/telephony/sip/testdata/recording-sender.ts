/**
 * An InDialogSender that keeps the requests a session sends (its BYE) and answers each with a
 * chosen final status, standing in for the transaction layer and transport.
 */
import { generateBranch, type SipRequest } from '../message/index.js';
import type { InDialogSender } from '../ua/invite-session.js';

export class RecordingSender implements InDialogSender {
  readonly sent: SipRequest[] = [];
  /** The final status each send resolves with: 200, or 408/503 as a timeout or transport failure. */
  status = 200;

  via(): string {
    return `SIP/2.0/UDP 127.0.0.1:5060;branch=${generateBranch()};rport`;
  }

  send(request: SipRequest): Promise<number> {
    this.sent.push(request);
    return Promise.resolve(this.status);
  }

  /** The methods sent, in order. */
  get methods(): string[] {
    return this.sent.map((request) => request.method);
  }
}
