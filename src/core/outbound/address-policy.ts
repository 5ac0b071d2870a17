/**
 * Which addresses Voxgate's outbound requests (Call API, media URLs, and later webhooks and action
 * URLs) may reach: the guard against server-side request forgery. A tenant writes the URL; without
 * this, a scenario could read the cloud's metadata service or an admin page on the operator's
 * private network through Voxgate.
 *
 * Checked on the address a connection is about to use, after DNS (see outbound-connector.ts), so a
 * name that resolves to a private address, or one whose answer changes between checks (DNS
 * rebinding), is refused too. The operator may allow CIDRs (`VOXGATE_OUTBOUND_ALLOW_CIDRS`, e.g. a
 * CRM on the private network) and deny more (`VOXGATE_SCENARIO_HTTP_DENY_CIDRS`); a tenant can never
 * widen either. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they
 * carry: Node's BlockList does so.
 */
import net from 'node:net';

/** Special-purpose ranges (RFC 6890 and its updates) that no public service lives in. */
const DENIED_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const DENIED_IPV6: readonly (readonly [string, number])[] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: reaches the IPv4 address it embeds, private ones too
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7], // unique local (private), where AWS's IPv6 metadata address lies
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

/** A CIDR as the operator writes it: `10.1.0.0/16`, `::1/128`, or a single address. */
export interface Cidr {
  readonly address: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

/** Parses one CIDR; null when it is not one. */
export function parseCidr(text: string): Cidr | null {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = net.isIP(address);
  if (version === 0) return null;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function blockListOf(cidrs: readonly Cidr[]): net.BlockList {
  const list = new net.BlockList();
  for (const cidr of cidrs) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  return list;
}

export interface AddressPolicyOptions {
  /** Reachable even inside the special-purpose ranges: the operator's choice, never a tenant's. */
  readonly allow?: readonly Cidr[];
  /** Refused even when public (and even when also allowed). */
  readonly deny?: readonly Cidr[];
}

/** The verdict on one address: refused addresses say which rule refused them, for the log. */
export type AddressVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly rule: 'denied-by-operator' | 'special-purpose' };

const ALLOWED: AddressVerdict = Object.freeze({ allowed: true });
const OPERATOR_DENIED: AddressVerdict = Object.freeze({ allowed: false, rule: 'denied-by-operator' });
const SPECIAL_PURPOSE: AddressVerdict = Object.freeze({ allowed: false, rule: 'special-purpose' });

export class AddressPolicy {
  readonly #special: net.BlockList;
  readonly #allow: net.BlockList;
  readonly #deny: net.BlockList;

  constructor(options: AddressPolicyOptions = {}) {
    this.#special = new net.BlockList();
    for (const [address, prefix] of DENIED_IPV4) this.#special.addSubnet(address, prefix, 'ipv4');
    for (const [address, prefix] of DENIED_IPV6) this.#special.addSubnet(address, prefix, 'ipv6');
    this.#allow = blockListOf(options.allow ?? []);
    this.#deny = blockListOf(options.deny ?? []);
  }

  /** Judges an IP address (v4 or v6, without brackets); anything else is refused. */
  judge(address: string): AddressVerdict {
    const version = net.isIP(address);
    if (version === 0) return SPECIAL_PURPOSE;
    const family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.#deny.check(address, family)) return OPERATOR_DENIED;
    if (this.#allow.check(address, family)) return ALLOWED;
    return this.#special.check(address, family) ? SPECIAL_PURPOSE : ALLOWED;
  }

  allows(address: string): boolean {
    return this.judge(address).allowed;
  }
}

/** For tools run on the user's own machine (`voxgate simulate`, `voxgate test`): every address. */
export const ALLOW_EVERY_ADDRESS = new AddressPolicy({
  allow: [
    { address: '0.0.0.0', prefix: 0, family: 'ipv4' },
    { address: '::', prefix: 0, family: 'ipv6' },
  ],
});
