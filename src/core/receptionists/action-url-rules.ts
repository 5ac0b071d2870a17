/**
 * The rules of an action URL that a JSON schema cannot say: the URL itself, the headers' format, the
 * masks' grammar, and the credentials each `auth` needs. Checked on the whole object as it will be
 * stored (defaults, or the stored values, filled in), so an update cannot leave it inconsistent.
 */
import type { Issue } from '../../errors.js';
import { httpTarget } from '../outbound/target-url.js';
import { parseActionUrlHeaders } from './action-url-headers.js';
import { isMaskError, parseCallerMask, parseDtmfMask } from './masks.js';
import type { ActionUrlAuth } from './types.js';

/** The seed's `url` limit. Its pattern `[a-z0-9]{6,64}` cannot match a URL and is not applied. */
export const MAX_URL_LENGTH = 128;

export interface ActionUrlFacts {
  readonly url: string | null;
  readonly headers: string | null;
  readonly callerMask: string | null;
  readonly dtmfMask: string | null;
  readonly auth: ActionUrlAuth;
  readonly username: string | null;
  readonly password: string | null;
  readonly token: string | null;
}

function issue(field: string, rule: string, message: string, limit?: string | number): Issue {
  return { path: ['body', field], rule, message, ...(limit === undefined ? {} : { limit }) };
}

/** An http(s) URL with a host and no user info (credentials go in `auth`), of at most 128 characters. */
export function checkHttpUrl(text: string, field: string, maxLength = MAX_URL_LENGTH): Issue | null {
  if (text.length > maxLength)
    return issue(field, 'maxLength', `must NOT have more than ${maxLength} characters`, maxLength);
  const url = httpTarget(text);
  if (url === null) return issue(field, 'format', 'is not an http(s) URL', 'url');
  if (url.username !== '' || url.password !== '')
    return issue(field, 'format', 'holds credentials; use auth, username and password', 'url');
  return null;
}

export function actionUrlIssues(facts: ActionUrlFacts): Issue[] {
  const issues: Issue[] = [];
  if (facts.url !== null) {
    const urlIssue = checkHttpUrl(facts.url, 'url');
    if (urlIssue !== null) issues.push(urlIssue);
  }
  if (facts.headers !== null) {
    const checked = parseActionUrlHeaders(facts.headers, facts.auth !== 'DISABLE');
    if (!checked.ok) issues.push(issue('headers', 'format', checked.reason, 'JSON object'));
  }
  if (facts.callerMask !== null) {
    const parsed = parseCallerMask(facts.callerMask);
    if (isMaskError(parsed))
      issues.push(issue('caller_mask', 'format', `${parsed.reason}: "${parsed.item}"`));
  }
  if (facts.dtmfMask !== null) {
    const parsed = parseDtmfMask(facts.dtmfMask);
    if (isMaskError(parsed)) issues.push(issue('dtmf_mask', 'format', `${parsed.reason}: "${parsed.item}"`));
  }
  if (facts.auth === 'BASIC' || facts.auth === 'DIGEST') {
    if (facts.username === null)
      issues.push(issue('username', 'required', `is required when auth is ${facts.auth}`));
    if (facts.password === null)
      issues.push(issue('password', 'required', `is required when auth is ${facts.auth}`));
  }
  if (facts.auth === 'BEARER' && facts.token === null)
    issues.push(issue('token', 'required', 'is required when auth is BEARER'));
  return issues;
}
