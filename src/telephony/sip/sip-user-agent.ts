/**
 * The SIP stack, assembled: transport (UDP and TCP on one port), the
 * transaction layer and the UA core, as RFC 3261 section 5 stacks them.
 * In-dialog requests we send (BYE) go back where the INVITE came from: on
 * its TCP connection, or to its UDP source address and port, which also
 * reaches a caller behind NAT (the symmetric routing RFC 3581 gives
 * responses). docs/telephony.md says so.
 * https://www.rfc-editor.org/rfc/rfc3261#section-5
 */
import { serializeSipUri } from './message/index.js';
import type { InviteServerTransaction } from './transaction/invite-server-transaction.js';
import type { ClientOutcome } from './transaction/non-invite-client-transaction.js';
import { TransactionLayer } from './transaction/transaction-layer.js';
import { systemTimerClock, type TimerClock } from './transaction/timers.js';
import { SipEndpoint } from './transport/sip-endpoint.js';
import type { TransportSource } from './transport/transport-source.js';
import type { InDialogSender } from './ua/invite-session.js';
import { UserAgentCore, type UserAgentDelegate } from './ua/user-agent-core.js';

export interface SipUserAgentOptions {
  readonly host: string;
  readonly port: number;
  readonly publicHost: string;
  readonly delegate: UserAgentDelegate;
  readonly clock?: TimerClock;
  readonly onRefused?: (reason: string, source: TransportSource) => void;
}

export class SipUserAgent {
  readonly endpoint: SipEndpoint;
  readonly transactions: TransactionLayer;
  readonly core: UserAgentCore;

  private constructor(endpoint: SipEndpoint, transactions: TransactionLayer, core: UserAgentCore) {
    this.endpoint = endpoint;
    this.transactions = transactions;
    this.core = core;
  }

  static async start(options: SipUserAgentOptions): Promise<SipUserAgent> {
    const clock = options.clock ?? systemTimerClock;
    let transactions: TransactionLayer | null = null;
    const endpoint = await SipEndpoint.listen({
      host: options.host,
      port: options.port,
      publicHost: options.publicHost,
      ...(options.onRefused === undefined ? {} : { onRefused: options.onRefused }),
      delegate: {
        onRequest: (request, channel, source) => transactions?.receiveRequest(request, channel, source),
        onResponse: (response) => transactions?.receiveResponse(response),
      },
    });
    const contact = `<${serializeSipUri({ kind: 'sip', scheme: 'sip', host: options.publicHost, port: endpoint.port, params: [], headers: [] })}>`;
    const senderFor = (source: TransportSource): InDialogSender => ({
      via: () => endpoint.via(source.transport),
      send: (request) =>
        new Promise<number>((resolve) => {
          layer.sendRequest(request, endpoint.requestChannel(source), {
            onFinal: (outcome: ClientOutcome) =>
              resolve(
                outcome.kind === 'response'
                  ? outcome.response.status
                  : outcome.kind === 'timeout'
                    ? 408
                    : 503,
              ),
          });
        }),
    });
    const core: UserAgentCore = new UserAgentCore({
      clock,
      delegate: options.delegate,
      contact,
      senderFor,
      findCancelled: (cancel): InviteServerTransaction | undefined => layer.findCancelled(cancel),
    });
    const layer: TransactionLayer = new TransactionLayer(clock, core);
    transactions = layer;
    return new SipUserAgent(endpoint, layer, core);
  }

  get port(): number {
    return this.endpoint.port;
  }

  async close(): Promise<void> {
    this.transactions.terminateAll();
    await this.endpoint.close();
  }
}
