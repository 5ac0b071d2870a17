/** Send SMS (section 5.20): queues a text message without waiting for delivery. */
import { Type, type Static } from 'typebox';
import { ActionId } from './common.js';

export const SendSmsMessage = Type.Object(
  {
    text: Type.String({
      maxLength: 1600,
      description: 'Message text, interpolated; at most 1600 characters',
    }),
    to: Type.String({ description: 'Recipient in E.164, interpolated' }),
    from: Type.Optional(
      Type.String({
        description:
          "Sender: 3 to 11 letters and digits, or 3 to 14 digits, interpolated; defaults to the tenant's sender",
      }),
    ),
  },
  { additionalProperties: false, description: 'The message' },
);

export const SendSmsAction = Type.Object(
  {
    sendSms: SendSmsMessage,
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Sends an SMS; allowed after a bridge and in onHangup' },
);
export type SendSmsAction = Static<typeof SendSmsAction>;
