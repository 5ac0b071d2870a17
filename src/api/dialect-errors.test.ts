/**
 * Validation failures rendered by every dialect: the same broken rules (missing
 * field, wrong type, too long, unknown enum value) come out in each seed's
 * shape, naming the field and the rule. Dialects whose routes arrive in later
 * issues are proven here; those with routes also end to end (test/e2e).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AuthenticationRequired, type VoxgateError } from '../errors.js';
import { renderContactsError } from './contacts-campaigns/format.js';
import { renderCustomIvrsError } from './custom-ivrs/format.js';
import { renderOwnError } from './own/format.js';
import { renderReceptionistsError } from './receptionists/format.js';
import { renderScenariosError } from './scenarios/format.js';
import { validationErrorFrom, validatorCompiler } from './plugins/validation.js';
import { renderRpcTransportError, toRpcError } from './voice-platform/format.js';

const schema = Type.Object(
  {
    name: Type.String({ maxLength: 64 }),
    ivr_id: Type.Optional(Type.Integer()),
    type: Type.Optional(Type.Enum(['DTMF', 'CALLER'])),
  },
  { additionalProperties: false },
);

const validate = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '/x' }) as ((
  data: unknown,
) => boolean) & {
  errors?: never;
};

function failureFor(body: unknown): VoxgateError {
  assert.equal(validate(body), false);
  return validationErrorFrom({
    validation: (validate as unknown as { errors: never }).errors,
    validationContext: 'body',
  });
}

const CASES = [
  { body: {}, field: 'name', rule: 'required' },
  { body: { name: 'a', ivr_id: 'seven' }, field: 'ivr_id', rule: 'type' },
  { body: { name: 'x'.repeat(65) }, field: 'name', rule: 'maxLength' },
  { body: { name: 'a', type: 'FAX' }, field: 'type', rule: 'enum' },
] as const;

const request = { id: 'req-1' } as FastifyRequest;

test('every dialect names the field and the rule of each broken rule, in its own shape', () => {
  for (const c of CASES) {
    const error = failureFor(c.body);
    assert.equal(error.statusCode, 400);

    const own = renderOwnError(error, request).body as {
      error: { issues: { field: string; rule: string }[] };
    };
    assert.ok(
      own.error.issues.some((i) => i.field === `body.${c.field}` && i.rule === c.rule),
      'own',
    );

    const receptionists = renderReceptionistsError(error, request).body as {
      code: string;
      errors: { field: string; rule: string }[];
    };
    assert.equal(receptionists.code, 'BAD_REQUEST');
    assert.ok(
      receptionists.errors.some((e) => e.field === c.field && e.rule === c.rule),
      'receptionists',
    );

    const scenarios = renderScenariosError(error, request).body as {
      requestError: { serviceException: { messageId: string; validationErrors: Record<string, string[]> } };
    };
    assert.equal(scenarios.requestError.serviceException.messageId, 'BAD_REQUEST');
    assert.match(
      scenarios.requestError.serviceException.validationErrors[c.field]?.join() ?? '',
      new RegExp(`\\(${c.rule}`),
    );

    const customIvrs = renderCustomIvrsError(error, request).body as {
      error: { code: number; errors: { location: string; locationType: string; reason: string }[] };
    };
    assert.equal(customIvrs.error.code, 400);
    assert.ok(
      customIvrs.error.errors.some(
        (e) => e.location === c.field && e.locationType === 'body' && e.reason === c.rule,
      ),
    );

    const contacts = renderContactsError(error, request).body as {
      status: number;
      errors: { field: string; rule: string }[];
    };
    assert.equal(contacts.status, 400);
    assert.ok(
      contacts.errors.some((e) => e.field === c.field && e.rule === c.rule),
      'contacts',
    );

    const rpc = toRpcError(error, 'req-1');
    assert.equal(rpc.code, -32602);
    assert.equal(rpc.data?.['property'], `body.${c.field}`);
    assert.match(String(rpc.data?.['details']), new RegExp(`\\(${c.rule}`));
  }
});

test('JSON-RPC keeps HTTP 401 and 429 but answers other failures with HTTP 200', () => {
  const failure = failureFor({});
  assert.equal(renderRpcTransportError(failure, request).statusCode, 200);
  const auth = AuthenticationRequired();
  assert.equal(renderRpcTransportError(auth, request).statusCode, 401);
});
