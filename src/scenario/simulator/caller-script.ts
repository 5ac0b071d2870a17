/**
 * What a scripted caller does, as the simulate API, the CLI and scenario
 * test files write it. One schema validates and documents it.
 */
import { Type, type Static } from 'typebox';

const Keys = Type.String({
  pattern: '^[0-9*#A-D]{1,64}$',
  description: 'Keys pressed one after another (300 ms apart), e.g. "1" or "1234#"',
});

export const CallerEvent = Type.Object(
  {
    at: Type.Integer({ minimum: 0, maximum: 14_400_000, description: 'Milliseconds after the call starts' }),
    press: Type.Optional(Keys),
    hangup: Type.Optional(Type.Literal(true, { description: 'The caller hangs up' })),
  },
  { additionalProperties: false, description: 'Something the caller does at a given time' },
);

export const DialOutcome = Type.Object(
  {
    outcome: Type.Enum(['answer', 'busy', 'noanswer', 'failed', 'unavailable'], {
      description: 'How the dialled party responds',
    }),
    ringMs: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 300_000, description: 'Ringing before the outcome' }),
    ),
    durationS: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 14_400,
        default: 10,
        description: 'Seconds bridged, when answered',
      }),
    ),
    hangupBy: Type.Optional(
      Type.Enum(['caller', 'callee'], { default: 'callee', description: 'Who ends the bridge' }),
    ),
  },
  { additionalProperties: false },
);

export const CallerScript = Type.Object(
  {
    keys: Type.Optional(
      Type.Array(Keys, {
        maxItems: 200,
        description:
          'Each entry is pressed when the next Collect or Capture starts waiting (after keyDelayMs)',
      }),
    ),
    keyDelayMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 60_000,
        default: 500,
        description: 'Delay before each keys entry',
      }),
    ),
    events: Type.Optional(
      Type.Array(CallerEvent, { maxItems: 1000, description: 'Timed key presses and hang-up' }),
    ),
    speech: Type.Optional(
      Type.Array(Type.String({ maxLength: 1000 }), {
        maxItems: 200,
        description: 'What the caller says, one entry consumed by each Capture',
      }),
    ),
    dials: Type.Optional(
      Type.Array(DialOutcome, {
        maxItems: 100,
        description: 'Outcomes of successive dials (default: no answer)',
      }),
    ),
    machine: Type.Optional(
      Type.Enum(['human', 'machine', 'notsure'], {
        default: 'human',
        description: 'Who answers, for Machine Detection',
      }),
    ),
    machineGreetingMs: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 120_000,
        default: 6000,
        description: "How long a machine's greeting lasts after detection, before its beep",
      }),
    ),
    hangupAtStep: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10_000,
        description: 'The caller hangs up when this action starts',
      }),
    ),
    mediaDurationsMs: Type.Optional(
      Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 3_600_000 }), {
        description: 'How long each media URL plays (default 3,000 ms)',
      }),
    ),
    recordingDurationS: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3600,
        default: 5,
        description: 'How long the caller speaks into a Record',
      }),
    ),
  },
  { additionalProperties: false, description: 'The scripted caller of a simulation' },
);

export type CallerScript = Static<typeof CallerScript>;
export type DialOutcome = Static<typeof DialOutcome>;
