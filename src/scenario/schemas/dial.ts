/** Dial (section 5.4): calls one number or tenant SIP subscriber and bridges it on answer. */
import { Type, type Static } from 'typebox';
import { ActionId, DialRecord, MaxCallDuration, OnAnswer, RingTimeout, SenderId } from './common.js';

export const DialOptions = Type.Object(
  {
    senderId: Type.Optional(SenderId),
    maxCallDuration: Type.Optional(MaxCallDuration),
    ringTimeout: Type.Optional(RingTimeout),
    record: Type.Optional(DialRecord),
    onAnswer: Type.Optional(OnAnswer),
  },
  { additionalProperties: false, description: 'How the callee is dialled and bridged' },
);

export const DialAction = Type.Object(
  {
    dial: Type.String({
      description:
        'Number to call in E.164 (the + is optional), or sip:<subscriber> of the tenant; interpolated',
    }),
    options: Type.Optional(DialOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Calls a number and bridges the caller to it' },
);
export type DialAction = Static<typeof DialAction>;
