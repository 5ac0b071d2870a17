/**
 * The connector every outbound undici dispatcher uses: it applies the {@link AddressPolicy} to the
 * address the socket is about to connect to, and refuses before any packet leaves.
 *
 * - An IP literal (`http://169.254.169.254/`, `http://[::ffff:127.0.0.1]/`; the URL parser has
 *   already turned `0x7f000001` into 127.0.0.1) is judged as written: Node does no lookup for it.
 * - A name is resolved by the socket's own lookup, which we replace: the answers the policy refuses
 *   are dropped, and when none is left the connection fails. The check is on the very answer the
 *   socket then uses, so a name that resolves once to a public address for a check and then to a
 *   private one for the connection (DNS rebinding) cannot slip through.
 */
import dns from 'node:dns';
import net from 'node:net';
import { buildConnector } from 'undici';
import { AddressPolicy } from './address-policy.js';

/** A connection the policy refused; Call API reports it as BLOCKED. */
export class OutboundAddressRefused extends Error {
  readonly code = 'VOXGATE_OUTBOUND_ADDRESS_REFUSED';
  readonly host: string;
  readonly address: string;

  constructor(host: string, address: string) {
    super(`outbound request to ${host} refused: ${address} is not an address Voxgate may reach`);
    this.host = host;
    this.address = address;
  }
}

export interface OutboundConnectorOptions {
  /** What may be reached; public addresses only, by default. */
  readonly policy?: AddressPolicy;
  /** Connection set-up timeout, in ms. */
  readonly connectTimeoutMs?: number;
  /** Told of every refusal, for the log. */
  readonly onRefused?: (refused: OutboundAddressRefused) => void;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

export function buildOutboundConnector(options: OutboundConnectorOptions): buildConnector.connector {
  const { onRefused } = options;
  const policy = options.policy ?? new AddressPolicy();
  const refuse = (host: string, address: string): OutboundAddressRefused => {
    const refused = new OutboundAddressRefused(host, address);
    onRefused?.(refused);
    return refused;
  };
  const lookup = (hostname: string, lookupOptions: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, answers) => {
      if (error !== null) {
        callback(error, []);
        return;
      }
      const allowed = answers.filter((answer) => policy.allows(answer.address));
      const first = allowed[0];
      if (first === undefined) {
        callback(refuse(hostname, answers[0]?.address ?? 'no address'), []);
        return;
      }
      if (lookupOptions.all === true) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
  const connect = buildConnector({ lookup, timeout: options.connectTimeoutMs ?? 10_000 });
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.replace(/^\[(.*)\]$/, '$1');
    if (net.isIP(host) !== 0 && !policy.allows(host)) {
      callback(refuse(host, host), null);
      return;
    }
    connect(connectOptions, callback);
  };
}
