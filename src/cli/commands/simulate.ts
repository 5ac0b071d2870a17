/**
 * `voxgate simulate FILE [--key K]... [--say TEXT]... [--dial OUTCOME]... [--hangup-at STEP]
 * [--from N] [--to N] [--json]`: runs a scenario file against a scripted caller, offline, in
 * virtual time, and prints what happened. Call API requests are real; SMS are not sent.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALLOW_EVERY_ADDRESS } from '../../core/outbound/address-policy.js';
import { createHttpExchangeClient } from '../../core/outbound/http-exchange-client.js';
import { createDryRunSmsSender } from '../../core/simulations/dry-run-sms.js';
import type { TimelineEvent } from '../../scenario/interpreter/timeline.js';
import { simulate, type CallerScript } from '../../scenario/simulator/index.js';
import { loadScenario } from '../../scenario/testing/index.js';
import type { CliOutput } from '../output.js';

const DIAL_OUTCOMES = new Set(['answer', 'busy', 'noanswer', 'failed', 'unavailable']);

/** One line per event worth reading; `--json` prints everything. */
export function describeEvent(event: TimelineEvent): string | null {
  const d = event.data;
  const time = event.at.slice(11, 23);
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  switch (event.type) {
    case 'prompt.said':
      return `${time}  says "${text(d['text'])}"${d['interrupted'] === true ? ' (interrupted)' : ''}`;
    case 'prompt.played':
      return `${time}  plays ${text(d['url'])}${d['interrupted'] === true ? ' (interrupted)' : ''}`;
    case 'dtmf.received':
      return `${time}  caller presses ${text(d['digit'])}`;
    case 'input.collected':
      return `${time}  ${text(d['variable'])} = "${text(d['value'])}" (${text(d['status'])})`;
    case 'speech.recognized':
      return `${time}  heard "${text(d['transcript'])}" (${text(d['status'])})`;
    case 'http.exchange':
      return `${time}  ${text(d['method'])} ${text(d['url'])} -> ${text(d['status'])} ${text(d['outcome'])}`;
    case 'sms.sent':
      return `${time}  SMS to ${text(d['to'])}: ${text(d['status'])}`;
    case 'dial.result':
      return `${time}  dial ${text(d['number'])} -> ${text(d['status'])}`;
    case 'goto.jump':
    case 'goto.limit':
    case 'loop.limit':
    case 'error':
    case 'expression.error':
    case 'call.answered':
    case 'recording.saved':
    case 'machine.detected':
      return `${time}  ${event.type} ${JSON.stringify(d)}`;
    case 'call.ended':
      return `${time}  call ended by ${text(d['hangupBy'])} (${text(d['hangupCause'])}), ${text(d['durationS'])} s`;
    default:
      return null;
  }
}

export async function simulateCommand(args: readonly string[], output: CliOutput): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      key: { type: 'string', multiple: true },
      say: { type: 'string', multiple: true },
      dial: { type: 'string', multiple: true },
      'hangup-at': { type: 'string' },
      from: { type: 'string', default: '+15550100001' },
      to: { type: 'string', default: '+15550100002' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    output.err(
      'usage: voxgate simulate FILE [--key K]... [--say TEXT]... [--dial answer|busy|noanswer|failed|unavailable]... [--hangup-at STEP] [--from N] [--to N] [--json]',
    );
    return 2;
  }
  const hangupAt = values['hangup-at'];
  if (hangupAt !== undefined && !/^[1-9][0-9]{0,4}$/.test(hangupAt)) {
    output.err(`voxgate: --hangup-at takes the number of an action, 1 to 99999, not "${hangupAt}"`);
    return 2;
  }
  const badDial = (values.dial ?? []).find((outcome) => !DIAL_OUTCOMES.has(outcome));
  const badKey = (values.key ?? []).find((key) => !/^[0-9*#A-D]{1,64}$/.test(key));
  if (badDial !== undefined || badKey !== undefined) {
    output.err(
      badDial !== undefined
        ? `voxgate: unknown dial outcome "${badDial}"`
        : `voxgate: "${badKey ?? ''}" is not a key sequence (0-9 * # A-D)`,
    );
    return 2;
  }
  const loaded = loadScenario(await readFile(file, 'utf8'), path.basename(file));
  if (!loaded.ok) {
    for (const issue of loaded.errors) output.err(`${file}: ${issue.path}: ${issue.code}: ${issue.message}`);
    return 1;
  }
  for (const issue of loaded.warnings) output.err(`${file}: ${issue.path}: ${issue.code}: ${issue.message}`);
  const caller: CallerScript = {
    ...(values.key === undefined ? {} : { keys: values.key }),
    ...(values.say === undefined ? {} : { speech: values.say }),
    ...(values.dial === undefined
      ? {}
      : { dials: values.dial.map((outcome) => ({ outcome: outcome as 'answer' })) }),
    ...(hangupAt === undefined ? {} : { hangupAtStep: Math.min(Number(hangupAt), 10_000) }),
  };
  // The user's own machine and their own test servers: no address is off limits (docs/outbound-requests.md).
  const http = createHttpExchangeClient({ policy: ALLOW_EVERY_ADDRESS });
  try {
    const result = await simulate({
      scenario: loaded.scenario,
      caller,
      from: values.from,
      to: values.to,
      identity: { scenarioId: '', scenarioName: path.basename(file) },
      http,
      sms: createDryRunSmsSender(),
      dialect: loaded.dialect,
    });
    if (values.json) {
      output.out(
        JSON.stringify(
          {
            events: result.events,
            variables: result.variables,
            ended: {
              hangupBy: result.hangupBy,
              hangupCause: result.hangupCause,
              durationS: result.durationS,
            },
          },
          null,
          2,
        ),
      );
    } else {
      for (const event of result.events) {
        const line = describeEvent(event);
        if (line !== null) output.out(line);
      }
      output.out(`variables: ${JSON.stringify(result.variables)}`);
    }
    return 0;
  } finally {
    await http.close();
  }
}
