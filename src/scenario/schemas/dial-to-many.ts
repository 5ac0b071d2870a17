/** Dial To Many (section 5.5): rings several numbers, one after another or all at once. */
import { Type, type Static } from 'typebox';
import { ActionId, DialRecord, MaxCallDuration, OnAnswer, RingTimeout, SenderId } from './common.js';

const EntryRingTimeout = Type.Integer({
  minimum: 5,
  maximum: 300,
  description: 'Seconds this entry rings in sequential mode; defaults to options.ringTimeout',
});

export const DialToManyEntry = Type.Union(
  [
    Type.Object(
      {
        number: Type.String({ description: 'One number to ring, interpolated' }),
        ringTimeout: Type.Optional(EntryRingTimeout),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        numbers: Type.String({
          description:
            'Comma-separated numbers, interpolated; items are trimmed, empty and repeated ones dropped',
        }),
        ringTimeout: Type.Optional(EntryRingTimeout),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'A destination: either number or numbers' },
);

export const DialToManyOptions = Type.Object(
  {
    parallel: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Rings every number at once (first answer wins) instead of one after another',
      }),
    ),
    ringTimeout: Type.Optional(RingTimeout),
    senderId: Type.Optional(SenderId),
    maxCallDuration: Type.Optional(MaxCallDuration),
    record: Type.Optional(DialRecord),
    onAnswer: Type.Optional(OnAnswer),
  },
  { additionalProperties: false, description: 'How the destinations are rung and bridged' },
);

export const DialToManyAction = Type.Object(
  {
    dialToMany: Type.Array(DialToManyEntry, {
      minItems: 1,
      description: 'Destinations in ringing order; at most 20 numbers once expanded',
    }),
    options: Type.Optional(DialToManyOptions),
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Calls several numbers and bridges the first that answers' },
);
export type DialToManyAction = Static<typeof DialToManyAction>;
