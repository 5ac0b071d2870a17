/** `/health`, `/ready`, `/metrics`, `/openapi.json` and `/docs`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bearer, buildTestApp, createAccount } from '../helpers/app.js';

test('/health and /ready answer 200 while the database answers', async (t) => {
  const testApp = await buildTestApp(t);
  assert.deepEqual((await testApp.app.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' });
  assert.deepEqual((await testApp.app.inject({ method: 'GET', url: '/ready' })).json(), { status: 'ready' });
});

test('/metrics counts requests by route pattern and status, with latency histograms', async (t) => {
  const testApp = await buildTestApp(t);
  const a = await createAccount(testApp, 'A');
  await testApp.app.inject({ method: 'GET', url: '/voxgate/v1/subaccounts/12345', headers: bearer(a.key) });
  const metrics = await testApp.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(String(metrics.headers['content-type']), /text\/plain/);
  assert.match(
    metrics.body,
    /voxgate_http_requests_total\{method="GET",route="\/voxgate\/v1\/subaccounts\/:id",status_code="404"\} 1/,
  );
  assert.match(
    metrics.body,
    /voxgate_http_request_duration_seconds_bucket\{le="0\.01",method="POST",route="\/admin\/accounts"\}/,
  );
});

test('/openapi.json is OpenAPI 3.1 built from the route schemas, and /docs serves the interactive docs', async (t) => {
  const testApp = await buildTestApp(t);
  const spec = (await testApp.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content: Record<string, { schema: { properties: Record<string, { maxLength?: number }> } }>;
          };
        }
      >
    >;
  }>();
  assert.equal(spec.openapi, '3.1.0');
  for (const path of ['/admin/accounts', '/voxgate/v1/subaccounts/{id}', '/v1/auth', '/json-rpc/v1.1/']) {
    assert.ok(spec.paths[path], `${path} is documented`);
  }
  const body =
    spec.paths['/voxgate/v1/subaccounts']?.['post']?.requestBody?.content['application/json']?.schema;
  assert.equal(body?.properties['name']?.maxLength, 64, 'the same schema validates and documents');
  const components = (
    spec as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }
  ).components;
  assert.ok(
    components.schemas['ScenarioAction.collect']?.properties?.['collectInto'],
    'the action schemas are documented',
  );
  assert.equal(
    Object.keys(components.schemas).filter((name) => name.startsWith('ScenarioAction.')).length,
    23,
  );
  const docs = await testApp.app.inject({ method: 'GET', url: '/docs/' });
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /swagger/i);
});
