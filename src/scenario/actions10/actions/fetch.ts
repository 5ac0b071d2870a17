/**
 * `fetch@v1` and `fetch@v2 {url, method, headers, body}` (section 1.1): a Call API (section 5.1).
 * **Voxgate decision:** `method` defaults to `GET`, as an HTTP client's does, and is upper-cased
 * (`post` -> `POST`); the canonical compiler checks it against its enum. The two versions take the
 * same parameters.
 */
import type { FieldSource } from '../block-writer.js';
import type { JsonObject } from '../canonical-json.js';
import type { ActionSpec } from './action-spec.js';
import { translateBody, translateHeaders } from './fetch-body.js';

export const FETCH_DEFAULT_METHOD = 'GET';

export const fetchAction: ActionSpec = {
  versions: ['v1', 'v2'],
  params: ['url', 'method', 'headers', 'body'],
  translate({ ctx, params, path, out }) {
    const url = ctx.textField(params, 'url', true);
    const method = params.string('method');
    const options: JsonObject = { method: (method ?? FETCH_DEFAULT_METHOD).toUpperCase() };
    const fields: FieldSource[] = [
      { at: ['request'], source: params.pathOf('url') },
      { at: ['options'], source: params.path },
      { at: ['options', 'method'], source: params.pathOf('method') },
    ];
    const rawHeaders = params.get('headers');
    if (rawHeaders !== undefined) {
      const headers = translateHeaders(ctx, rawHeaders, params.pathOf('headers'));
      if (headers !== undefined) options['headers'] = headers;
      fields.push({ at: ['options', 'headers'], source: params.pathOf('headers'), mirror: true });
    }
    const rawBody = params.get('body');
    if (rawBody !== undefined) {
      const body = translateBody(ctx, rawBody, params.pathOf('body'));
      if (body !== undefined) options['body'] = body;
      fields.push({ at: ['options', 'body'], source: params.pathOf('body'), mirror: true });
    }
    if (url === undefined) return;
    out.push({ request: url, options }, path, fields);
  },
};
