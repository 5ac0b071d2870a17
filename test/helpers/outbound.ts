/**
 * Tests reach their own servers on loopback, which the outbound guard refuses by default: they allow
 * it the way an operator would, through the setting or the policy it builds.
 */
import { AddressPolicy, parseCidr, type Cidr } from '../../src/core/outbound/address-policy.js';

/** `VOXGATE_OUTBOUND_ALLOW_CIDRS` for a server whose test talks to loopback servers. */
export const LOOPBACK_CIDRS = '127.0.0.0/8,::1/128';

export const LOOPBACK_ALLOWED = new AddressPolicy({
  allow: LOOPBACK_CIDRS.split(',').map((text) => parseCidr(text) as Cidr),
});
