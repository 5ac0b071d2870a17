/**
 * How a transaction reaches the wire: the transport layer hands each
 * transaction a channel bound to where its messages go (RFC 3261 section
 * 18.2.2 for responses), and says whether that transport is reliable, which
 * decides the retransmission timers (section 17).
 */
import type { SipRequest, SipResponse } from '../message/index.js';

export interface ResponseChannel {
  /** TCP: no retransmissions, and Timers I, J, K are zero. */
  readonly reliable: boolean;
  /** Sends one response; false when the transport failed (section 17.2.4). */
  send(response: SipResponse): boolean;
}

export interface RequestChannel {
  readonly reliable: boolean;
  /** Sends one request; false when the transport failed (section 17.1.4). */
  send(request: SipRequest): boolean;
}
