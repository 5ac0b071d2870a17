/** Call API (section 5.1): one HTTP request through the injected client; every failure is an outcome. */
import type { CallApiNode, JsonTemplate } from '../../ast/nodes.js';
import { isSingleExpression } from '../../expressions/index.js';
import { checkVariableName } from '../../compiler/variable-names.js';
import { VERSION } from '../../../version.js';
import { NEXT } from '../flow.js';
import type { RunContext } from '../run-context.js';
import type { ActionHandler } from './action-handler.js';
import { withoutQuery } from './play.js';
import { MAX_RESPONSE_FIELDS, responseFields } from './response-fields.js';

/** Section 5.1: `user-agent: Voxgate/<version>`. */
export const SCENARIO_USER_AGENT = `Voxgate/${VERSION}`;

function renderJson(value: JsonTemplate, node: CallApiNode, run: RunContext): unknown {
  switch (value.kind) {
    case 'string':
      return run.render(value.template, node);
    case 'literal':
      return value.value;
    case 'array':
      return value.items.map((item) => renderJson(item, node, run));
    case 'object':
      return Object.fromEntries(value.entries.map(([key, item]) => [key, renderJson(item, node, run)]));
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
}

function buildRequest(node: CallApiNode, run: RunContext, url: string) {
  const headers: Record<string, string> = {};
  for (const [name, template] of node.headers) headers[name] = run.render(template, node);
  let body: string | null = null;
  if (node.method !== 'GET' && node.body.kind === 'json') {
    body = JSON.stringify(renderJson(node.body.value, node, run));
    headers['content-type'] ??= 'application/json';
  } else if (node.method !== 'GET' && node.body.kind === 'text') {
    body = run.render(node.body.template, node);
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['user-agent'] = SCENARIO_USER_AGENT;
  headers['x-voxgate-call-id'] = run.call.info.callId;
  headers['x-voxgate-scenario-id'] = run.scenarioId;
  return { method: node.method, url, headers, body };
}

function outcome(
  run: RunContext,
  node: CallApiNode,
  status: number,
  result: string,
  started: number,
  url: string,
): void {
  run.setStatus('callApiStatus', String(status));
  run.setStatus('callApiOutcome', result);
  run.timeline.add(
    'http.exchange',
    {
      method: node.method,
      url: withoutQuery(url),
      status,
      outcome: result,
      durationMs: run.services.clock.now() - started,
    },
    node,
  );
  if (result !== 'SUCCESS' && result !== 'NO_URL')
    run.error('VG_RT_HTTP_FAILED', `Call API ended ${result}`, node);
}

export const callApi: ActionHandler<CallApiNode> = {
  needsCall: false,
  async run(node, run) {
    const started = run.services.clock.now();
    if (node.url === null) {
      outcome(run, node, 0, 'NO_URL', started, '');
      return NEXT;
    }
    // Values are percent-encoded in a URL unless the URL is one `${…}` (section 3).
    const url = run.render(node.url, node, isSingleExpression(node.url) ? undefined : encodeURIComponent);
    if (run.httpRequests >= run.settings.maxHttpRequests) {
      outcome(run, node, 0, 'LIMIT', started, url);
      return NEXT;
    }
    run.httpRequests += 1;
    if (!/^https?:\/\/[^/]/i.test(url) || url.length > 2048) {
      outcome(run, node, 0, 'NETWORK_ERROR', started, url);
      return NEXT;
    }
    const request = buildRequest(node, run, url);
    run.dropSparePrompt();
    const result = await run.services.http.exchange({
      ...request,
      timeoutMs: node.timeoutMs,
      maxResponseBytes: run.settings.httpMaxResponseBytes,
      signal: run.signal,
    });
    if (run.signal.aborted) return NEXT;
    if (result.kind === 'failure') {
      outcome(run, node, 0, result.outcome, started, url);
      return NEXT;
    }
    const success = result.status >= 200 && result.status < 300;
    if (success && node.collectResponse) {
      const fields = responseFields(result.contentType, result.body);
      if (fields === null) {
        outcome(run, node, result.status, 'PARSE_ERROR', started, url);
        return NEXT;
      }
      for (const [name, value] of fields.slice(0, MAX_RESPONSE_FIELDS)) {
        if (checkVariableName(name) === 'ok') run.setVariable(name, value, node);
        else run.timeline.add('variable.skipped', { name: name.slice(0, 64), reason: 'invalidName' }, node);
      }
    }
    outcome(run, node, result.status, success ? 'SUCCESS' : 'HTTP_ERROR', started, url);
    return NEXT;
  },
};
