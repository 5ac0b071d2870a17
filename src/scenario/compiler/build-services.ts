/** Builders of the actions that reach outside the call: Call API (5.1), Send SMS (5.20), Set Variable (5.21). */
import type { CallApiNode, JsonTemplate, SendSmsNode, SetVariableNode } from '../ast/nodes.js';
import { toText } from '../expressions/index.js';
import {
  booleanAt,
  numberAt,
  objectAt,
  requiredTemplate,
  stringAt,
  type BuildInput,
  type Draft,
} from './builder.js';
import type { BuildContext } from './build-context.js';
import { isDialableNumber, isHttpUrl, isSmsSender, literalText } from './literal-checks.js';
import { childPath } from './paths.js';

function jsonTemplate(value: unknown, path: string, ctx: BuildContext): JsonTemplate {
  if (typeof value === 'string') {
    const template = ctx.template(value, path);
    return template === null ? { kind: 'literal', value: null } : { kind: 'string', template };
  }
  if (Array.isArray(value))
    return { kind: 'array', items: value.map((item, i) => jsonTemplate(item, childPath(path, i), ctx)) };
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'object',
      entries: Object.entries(value).map(
        ([key, item]) => [key, jsonTemplate(item, childPath(path, key), ctx)] as const,
      ),
    };
  }
  return { kind: 'literal', value: typeof value === 'number' || typeof value === 'boolean' ? value : null };
}

export function buildCallApi(input: BuildInput): Draft<CallApiNode> {
  const { raw, path, ctx } = input;
  const options = objectAt(raw, 'options');
  const optionsPath = childPath(path, 'options');
  let url = null;
  const request = stringAt(raw, 'request');
  if (request === undefined) {
    ctx.sink.warn(
      'CALLAPI_NO_URL',
      path,
      'no request URL: the action sends nothing and sets callApiOutcome NO_URL',
    );
  } else {
    url = ctx.template(request, childPath(path, 'request'));
    const literal = url === null ? null : literalText(url);
    if (literal !== null && !isHttpUrl(literal))
      ctx.sink.error('INVALID_URL', childPath(path, 'request'), 'must be an http(s) URL');
  }
  const headers: (readonly [string, NonNullable<ReturnType<BuildContext['template']>>])[] = [];
  for (const [name, value] of Object.entries(objectAt(options, 'headers'))) {
    const template = ctx.template(String(value), childPath(childPath(optionsPath, 'headers'), name));
    if (template !== null) headers.push([name.toLowerCase(), template]);
  }
  const body = options['body'];
  const bodyPath = childPath(optionsPath, 'body');
  if (body !== undefined && Buffer.byteLength(JSON.stringify(body)) > ctx.limits.maxHttpBodyBytes) {
    ctx.sink.error('TOO_LARGE', bodyPath, `the body is over ${ctx.limits.maxHttpBodyBytes} bytes`);
  }
  const collectResponse = booleanAt(options, 'collectResponse') ?? false;
  for (const name of ['callApiStatus', 'callApiOutcome']) ctx.noteWrite(name);
  const node: Draft<CallApiNode> = {
    kind: 'callApi',
    path,
    actionId: input.actionId,
    url,
    method: (stringAt(options, 'method') ?? 'GET') as CallApiNode['method'],
    headers,
    body:
      body === undefined
        ? { kind: 'none' }
        : typeof body === 'string'
          ? { kind: 'text', template: ctx.template(body, bodyPath) ?? ctx.template('', bodyPath)! }
          : { kind: 'json', value: jsonTemplate(body, bodyPath, ctx) },
    collectResponse,
    timeoutMs: Math.min(numberAt(options, 'timeout') ?? ctx.limits.httpTimeoutS, 30) * 1000,
  };
  // After its own URL, headers and body: those are read before the response arrives.
  if (collectResponse) ctx.noteResponseWrites();
  return node;
}

export function buildSendSms(input: BuildInput): Draft<SendSmsNode> | null {
  const { raw, path, ctx } = input;
  const sms = objectAt(raw, 'sendSms');
  const smsPath = childPath(path, 'sendSms');
  const text = requiredTemplate(input, sms, 'text', smsPath);
  const to = requiredTemplate(input, sms, 'to', smsPath);
  const toLiteral = to === null ? null : literalText(to);
  if (toLiteral !== null && !isDialableNumber(toLiteral))
    ctx.sink.error('INVALID_NUMBER', childPath(smsPath, 'to'), 'must be an E.164 number');
  let from = null;
  const fromSource = stringAt(sms, 'from');
  if (fromSource !== undefined) {
    from = ctx.template(fromSource, childPath(smsPath, 'from'));
    const literal = from === null ? null : literalText(from);
    if (literal !== null && !isSmsSender(literal)) {
      ctx.sink.error(
        'INVALID_NUMBER',
        childPath(smsPath, 'from'),
        'must be 3..11 letters and digits, or 3..14 digits',
      );
    }
  }
  for (const name of ['smsStatus', 'smsMessageId']) ctx.noteWrite(name);
  if (text === null || to === null) return null;
  return { kind: 'sendSms', path, actionId: input.actionId, text, to, from };
}

export function buildSetVariable(input: BuildInput): Draft<SetVariableNode> | null {
  const { raw, path, ctx } = input;
  const variable = ctx.target(stringAt(raw, 'setVariable') ?? '', childPath(path, 'setVariable'));
  const rawValue = raw['value'];
  // A JSON number or boolean is accepted and written in its string form.
  const source =
    typeof rawValue === 'string'
      ? rawValue
      : toText(typeof rawValue === 'number' || typeof rawValue === 'boolean' ? rawValue : null);
  const value = ctx.template(
    typeof rawValue === 'string' ? source : source.replace(/\$\{/g, '$${'),
    childPath(path, 'value'),
  );
  if (value === null) return null;
  return { kind: 'setVariable', path, actionId: input.actionId, variable, value };
}
