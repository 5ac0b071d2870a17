/** Call API (section 5.1): one HTTP request, whose answer may set variables. */
import { Type, type Static } from 'typebox';
import { ActionId } from './common.js';

/** Headers Voxgate owns on the wire; a script may not set them (any letter case). */
const REFUSED_HEADERS = ['host', 'content-length', 'connection', 'transfer-encoding'] as const;

function anyCase(word: string): string {
  return [...word].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c)).join('');
}

/** An RFC 9110 token that is none of {@link REFUSED_HEADERS}. */
const HEADER_NAME_PATTERN = `^(?!(?:${REFUSED_HEADERS.map(anyCase).join('|')})$)[!#$%&'*+.^_\`|~0-9A-Za-z-]+$`;

export const CallApiOptions = Type.Object(
  {
    method: Type.Enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'], { description: 'HTTP method' }),
    headers: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: Type.String(),
          propertyNames: Type.String({ pattern: HEADER_NAME_PATTERN }),
          maxProperties: 50,
          default: {},
          description:
            'Request headers, name to interpolated value; at most 50; host, content-length, connection and transfer-encoding are refused',
        },
      ),
    ),
    body: Type.Optional(
      Type.Union(
        [
          Type.String({
            description: 'Sent as written (text/plain unless a content-type header says otherwise)',
          }),
          Type.Record(Type.String(), Type.Unknown(), { description: 'Sent as JSON' }),
        ],
        { description: 'Request body, interpolated; at most 16 KiB once serialised; never sent with GET' },
      ),
    ),
    collectResponse: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'On a 2xx answer, turns each top-level primitive field of a JSON or XML body into a variable',
      }),
    ),
    timeout: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30, default: 5, description: 'Seconds for the whole exchange' }),
    ),
  },
  { additionalProperties: false, description: 'How to send the request' },
);

export const CallApiAction = Type.Object(
  {
    request: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'The http or https URL, interpolated (values percent-encoded); without it nothing is sent (outcome NO_URL)',
      }),
    ),
    options: CallApiOptions,
    actionId: Type.Optional(ActionId),
  },
  { additionalProperties: false, description: 'Sends one HTTP request and records its outcome' },
);
export type CallApiAction = Static<typeof CallApiAction>;
