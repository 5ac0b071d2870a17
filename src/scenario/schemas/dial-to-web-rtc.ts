/** Dial To WebRTC (section 5.6): rings a browser client identity of the tenant. */
import { Type, type Static } from 'typebox';
import { ActionId, DialRecord, MaxCallDuration, RingTimeout } from './common.js';

export const DialToWebRtcOptions = Type.Object(
  {
    ringTimeout: Type.Optional(RingTimeout),
    maxCallDuration: Type.Optional(MaxCallDuration),
    record: Type.Optional(DialRecord),
  },
  { additionalProperties: false, description: 'How the identity is rung and bridged' },
);

export const DialToWebRtcAction = Type.Object(
  {
    dialToWebRTC: Type.String({
      description:
        'A browser client identity (all its registrations ring), or a WebRTC application (all its online identities ring); interpolated',
    }),
    options: Type.Optional(DialToWebRtcOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Calls a WebRTC client and bridges the caller to it' },
);
export type DialToWebRtcAction = Static<typeof DialToWebRtcAction>;
