/** Dial To Conversations (section 5.7): queues the call for a tenant agent holding given skills. */
import { Type, type Static } from 'typebox';
import { ActionId, MaxCallDuration } from './common.js';

export const DialToConversationsOptions = Type.Object(
  {
    tags: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description: 'Skills an agent must all hold; empty or null lets any agent answer',
    }),
    tagIdentifierType: Type.Optional(
      Type.Enum(['ID', 'NAME'], { default: 'NAME', description: 'Whether tags are given by id or by name' }),
    ),
    queueTimeout: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: 3600,
        default: 300,
        description: 'Seconds to wait in the queue before giving up with NOANSWER',
      }),
    ),
    maxCallDuration: Type.Optional(MaxCallDuration),
  },
  { additionalProperties: false, description: 'Which agents may take the call, and how long to wait' },
);

export const DialToConversationsAction = Type.Object(
  {
    dialToConversations: Type.Object(
      { options: DialToConversationsOptions },
      { additionalProperties: false, description: 'The queue request' },
    ),
    actionId: Type.Optional(ActionId),
  },
  {
    additionalProperties: false,
    description: 'Puts the caller in the agent queue and bridges the agent who answers',
  },
);
export type DialToConversationsAction = Static<typeof DialToConversationsAction>;
