/**
 * The real-time exchange's two messages (seed 04's `RT.Request` and `RT.Response`) and the params of
 * each command (CALLR-METHODS.md sections 4.1 and 4.2), as TypeBox schemas checked with Ajv. An
 * answer that is no RT.Response, or names an unknown command, is the app failing; params a known
 * command cannot take are the command failing (`INVALID_PARAMS`), and the call goes on.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Type, type Static, type TSchema } from 'typebox';

/** Seed 04's `RT.Request.call_status` values an inbound call uses. */
export type RtCallStatus = 'INCOMING_CALL' | 'UP' | 'HANGUP';

/** Seed 04's `RT.Request`: what Voxgate POSTs to the app at each step. */
export interface RtRequest {
  readonly app: string;
  readonly callid: number;
  readonly request_hash: string | null;
  readonly cli_name: string;
  readonly cli_number: string;
  readonly date_started: string;
  readonly number: string;
  readonly command: string;
  readonly command_id: number | string;
  readonly command_result: string;
  readonly command_error: string;
  readonly call_status: RtCallStatus;
  readonly cdr_field: string;
  readonly variables: Readonly<Record<string, unknown>>;
}

/** The `command_error` values (CALLR-METHODS.md 4.1), and Voxgate's UNAVAILABLE (docs/realtime.md). */
export const RtCommandError = {
  invalidParams: 'INVALID_PARAMS',
  mediaNotFound: 'MEDIA_NOT_FOUND',
  appUnreachable: 'APP_UNREACHABLE',
  /** A command the telephony cannot carry out (yet): record over SIP, conferences, keys to a caller without RFC 4733... */
  unavailable: 'UNAVAILABLE',
} as const;
export type RtCommandError = (typeof RtCommandError)[keyof typeof RtCommandError];

/** `variables` is the app's session store, sent back unchanged; larger than this is refused. */
export const MAX_VARIABLES_BYTES = 16 * 1024;

/** `rt_media`: a library media id, or `TTS|<voice>|<text>`; Voxgate also plays an http(s) URL. */
const RtMedia = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 2048 })]);

/** PHP clients encode an empty object as `[]`: it is read as `{}`. */
const EmptyArray = Type.Array(Type.Never(), { maxItems: 0 });

export const RtResponse = Type.Object({
  command: Type.String({ minLength: 1, maxLength: 64 }),
  command_id: Type.Optional(Type.Union([Type.Integer(), Type.String({ maxLength: 256 })])),
  params: Type.Optional(Type.Union([Type.Object({}), EmptyArray, Type.Null()])),
  variables: Type.Optional(Type.Union([Type.Object({}), EmptyArray, Type.Null()])),
});

const strict = { additionalProperties: false } as const;

/** Each command's params with their defaults and ranges (CALLR-METHODS.md 4.2). */
export const COMMAND_PARAMS = {
  play: Type.Object({ media_id: RtMedia }, strict),
  read: Type.Object(
    {
      media_id: Type.Optional(RtMedia),
      max_digits: Type.Integer({ minimum: 1, maximum: 20, default: 20 }),
      attempts: Type.Integer({ minimum: 1, maximum: 10, default: 10 }),
      timeout_ms: Type.Integer({ minimum: 100, maximum: 30_000, default: 30_000 }),
    },
    strict,
  ),
  record: Type.Object(
    {
      max_duration: Type.Integer({ minimum: 0, maximum: 300, default: 0 }),
      silence: Type.Integer({ minimum: 0, maximum: 20, default: 0 }),
    },
    strict,
  ),
  play_record: Type.Object({ media_file: Type.String({ minLength: 1, maxLength: 256 }) }, strict),
  wait: Type.Object({ seconds: Type.Integer({ minimum: 1, maximum: 30, default: 1 }) }, strict),
  send_dtmf: Type.Object(
    {
      digits: Type.String({ pattern: '^[0-9*#]{1,64}$' }),
      duration_ms: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
      timeout_ms: Type.Integer({ minimum: 0, maximum: 10_000, default: 500 }),
    },
    strict,
  ),
  dialout: Type.Object(
    {
      targets: Type.Array(
        Type.Object(
          {
            number: Type.String({ pattern: '^\\+[1-9][0-9]{1,14}$' }),
            timeout: Type.Integer({ minimum: 1, maximum: 300, default: 30 }),
          },
          strict,
        ),
        { minItems: 1, maxItems: 10 },
      ),
      cli: Type.String({ maxLength: 16, default: 'BLOCKED' }),
      ringtone: Type.Enum(['RING', 'MUSIC'], { default: 'RING' }),
      whisper: Type.Optional(RtMedia),
      cdr_field: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{0,32}$' })),
    },
    strict,
  ),
  hangup: Type.Object({}, strict),
} as const satisfies Record<string, TSchema>;

export type SupportedCommand = keyof typeof COMMAND_PARAMS;
export type CommandParams<C extends SupportedCommand> = Static<(typeof COMMAND_PARAMS)[C]>;

/**
 * Commands of CALLR-METHODS.md 4.2 the telephony cannot carry out yet: known, so answered with
 * `command_error: "UNAVAILABLE"` and the call goes on, where an unknown name fails the app.
 */
export const UNAVAILABLE_COMMANDS: ReadonlySet<string> = new Set([
  'play_wav_data',
  'play_talk_detect',
  'conference',
  'simple_conference',
  'start_call_recording',
  'stop_call_recording',
  'wait_for_silence',
  'hangup_callid',
]);

const ajv = new Ajv({ allErrors: false, coerceTypes: false, useDefaults: true, strict: false });
const validateResponse = ajv.compile(RtResponse);
const validators = new Map<string, ValidateFunction>(
  Object.entries(COMMAND_PARAMS).map(([name, schema]) => [name, ajv.compile(schema)]),
);

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  const [first] = errors ?? [];
  if (first === undefined) return 'invalid';
  const where = first.instancePath === '' ? '' : `${first.instancePath.slice(1).replace(/\//g, '.')} `;
  return `${where}${first.message ?? 'is invalid'} (${first.keyword})`;
}

/** The next command, as the app named it. */
export interface NextCommand {
  readonly command: string;
  readonly commandId: number | string;
  readonly params: unknown;
  readonly variables: Readonly<Record<string, unknown>>;
}

export type ParsedResponse =
  { readonly ok: true; readonly next: NextCommand } | { readonly ok: false; readonly reason: string };

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return value === null || value === undefined || Array.isArray(value)
    ? {}
    : (value as Record<string, unknown>);
}

/** Reads an answer's body: an RT.Response naming a known command, with variables in bounds. */
export function parseRtResponse(body: string): ParsedResponse {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the answer is not JSON' };
  }
  if (!validateResponse(value))
    return { ok: false, reason: `not an RT.Response: ${describe(validateResponse.errors)}` };
  const response = value as Static<typeof RtResponse>;
  if (!validators.has(response.command) && !UNAVAILABLE_COMMANDS.has(response.command))
    return { ok: false, reason: `unknown command ${JSON.stringify(response.command)}` };
  const variables = objectOrEmpty(response.variables);
  if (Buffer.byteLength(JSON.stringify(variables)) > MAX_VARIABLES_BYTES)
    return { ok: false, reason: `variables exceed ${MAX_VARIABLES_BYTES} bytes` };
  return {
    ok: true,
    next: {
      command: response.command,
      commandId: response.command_id ?? 0,
      params: objectOrEmpty(response.params),
      variables,
    },
  };
}

/** A command's params with defaults filled in, or why they are refused. */
export function checkCommandParams<C extends SupportedCommand>(
  command: C,
  params: unknown,
):
  { readonly ok: true; readonly params: CommandParams<C> } | { readonly ok: false; readonly reason: string } {
  const validate = validators.get(command);
  const copy = structuredClone(params);
  if (validate === undefined || !validate(copy)) return { ok: false, reason: describe(validate?.errors) };
  return { ok: true, params: copy as CommandParams<C> };
}

export function isSupportedCommand(command: string): command is SupportedCommand {
  return validators.has(command);
}
