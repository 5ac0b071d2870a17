import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

/** Asserts that `env` is refused with a ConfigError naming `variable` and matching `rule`. */
function assertRefused(env: Record<string, string>, variable: string, rule: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.ok(error.message.includes(variable), `"${error.message}" names ${variable}`);
      assert.match(error.message, rule);
      return true;
    },
  );
}

test('with no settings, the defaults apply', () => {
  // Arrange: an environment without any VOXGATE_* variable (and unrelated ones, which are ignored).
  const env = { PATH: '/usr/bin', HOME: '/root' };

  // Act
  const config = loadConfig(env);

  // Assert
  const dataDir = path.resolve('data');
  assert.equal(config.httpHost, '127.0.0.1');
  assert.equal(config.httpPort, 8080);
  assert.equal(config.sipHost, '127.0.0.1');
  assert.equal(config.sipPort, 5060);
  assert.deepEqual(config.rtpPorts, { min: 10000, max: 20000 });
  assert.equal(config.dataDir, dataDir);
  assert.ok(path.isAbsolute(config.dataDir), 'the data directory is resolved');
  assert.deepEqual(config.database, { dialect: 'sqlite', file: path.join(dataDir, 'voxgate.db') });
  assert.equal(config.adminKey, undefined);
  assert.equal(config.publicUrl, 'http://127.0.0.1:8080');
  assert.equal(config.logLevel, 'info');
  assert.equal(config.rateLimitPerMinute, 1200);
  assert.equal(config.bodyLimitBytes, 1_048_576);
  assert.equal(config.sessionTtlSeconds, 3600);
  assert.equal(config.sessionRefreshSeconds, 86400);
  assert.equal(config.shutdownTimeoutSeconds, 30);
  assert.deepEqual(config.mediaThreadPriority, { kind: 'fifo', priority: 10 });
});

test('a relative VOXGATE_DATA_DIR is resolved and holds the default SQLite file', () => {
  const config = loadConfig({ VOXGATE_DATA_DIR: 'some/where' });

  assert.equal(config.dataDir, path.resolve('some/where'));
  assert.deepEqual(config.database, {
    dialect: 'sqlite',
    file: path.join(path.resolve('some/where'), 'voxgate.db'),
  });
});

test('VOXGATE_HTTP_PORT must be a whole number from 0 to 65535', () => {
  for (const bad of ['abc', '70000', '-1', '80.5', '65536']) {
    assertRefused({ VOXGATE_HTTP_PORT: bad }, 'VOXGATE_HTTP_PORT', /whole number from 0 to 65535/);
  }
  assert.equal(loadConfig({ VOXGATE_HTTP_PORT: '0' }).httpPort, 0);
  assert.equal(loadConfig({ VOXGATE_HTTP_PORT: '65535' }).httpPort, 65535);
  assert.equal(loadConfig({ VOXGATE_HTTP_PORT: '9000' }).publicUrl, 'http://127.0.0.1:9000');
});

test('VOXGATE_DATABASE_URL must be sqlite: or a postgres:// URL naming a host and a database', () => {
  assertRefused({ VOXGATE_DATABASE_URL: 'mysql://x' }, 'VOXGATE_DATABASE_URL', /sqlite: or postgres:\/\//);
  for (const bad of ['postgres://', 'postgres://db.example', 'postgres://db.example/']) {
    assertRefused({ VOXGATE_DATABASE_URL: bad }, 'VOXGATE_DATABASE_URL', /host and a database/);
  }
  assertRefused({ VOXGATE_DATABASE_URL: 'sqlite:' }, 'VOXGATE_DATABASE_URL', /file path/);
});

test('a postgres:// or postgresql:// URL selects PostgreSQL with that URL', () => {
  const url = 'postgres://voxgate:secret@db.example:5432/voxgate';

  assert.deepEqual(loadConfig({ VOXGATE_DATABASE_URL: url }).database, { dialect: 'postgres', url });
  const long = 'postgresql://voxgate@db.example/voxgate';
  assert.deepEqual(loadConfig({ VOXGATE_DATABASE_URL: long }).database, { dialect: 'postgres', url: long });
});

test('sqlite:PATH selects that SQLite file, whatever the data directory', () => {
  const config = loadConfig({ VOXGATE_DATABASE_URL: 'sqlite:/tmp/x.db', VOXGATE_DATA_DIR: '/srv/voxgate' });

  assert.deepEqual(config.database, { dialect: 'sqlite', file: '/tmp/x.db' });
  assert.deepEqual(loadConfig({ VOXGATE_DATABASE_URL: 'sqlite:///tmp/x.db' }).database, {
    dialect: 'sqlite',
    file: '/tmp/x.db',
  });
});

test('VOXGATE_RTP_PORTS must be MIN-MAX with 1024 <= MIN < MAX <= 65535', () => {
  assert.deepEqual(loadConfig({ VOXGATE_RTP_PORTS: '30000-30100' }).rtpPorts, { min: 30000, max: 30100 });
  assert.deepEqual(loadConfig({ VOXGATE_RTP_PORTS: '1024-65535' }).rtpPorts, { min: 1024, max: 65535 });
  for (const bad of [
    '10000',
    'a-b',
    '10000-',
    '1000-2000',
    '20000-10000',
    '10000-10000',
    '10000-70000',
    ' 10000-20000',
  ]) {
    assertRefused({ VOXGATE_RTP_PORTS: bad }, 'VOXGATE_RTP_PORTS', /MIN-MAX/);
  }
});

test('VOXGATE_MEDIA_THREAD_PRIORITY is fifo:1-99, nice:-20..19 or off', () => {
  const priority = (value: string) =>
    loadConfig({ VOXGATE_MEDIA_THREAD_PRIORITY: value }).mediaThreadPriority;
  assert.deepEqual(priority('fifo:1'), { kind: 'fifo', priority: 1 });
  assert.deepEqual(priority('fifo:99'), { kind: 'fifo', priority: 99 });
  assert.deepEqual(priority('nice:-20'), { kind: 'nice', nice: -20 });
  assert.deepEqual(priority('nice:19'), { kind: 'nice', nice: 19 });
  assert.equal(priority('off'), null);
  for (const bad of [
    'fifo:0',
    'fifo:100',
    'fifo:-1',
    'nice:-21',
    'nice:20',
    'nice',
    '10',
    'rr:10',
    ' fifo:10',
  ]) {
    assertRefused(
      { VOXGATE_MEDIA_THREAD_PRIORITY: bad },
      'VOXGATE_MEDIA_THREAD_PRIORITY',
      /fifo:1-99, nice:-20..19 or off/,
    );
  }
});

test('VOXGATE_RTP_PORTS must hold at least one even RTP port with its odd RTCP port', () => {
  assertRefused({ VOXGATE_RTP_PORTS: '10001-10002' }, 'VOXGATE_RTP_PORTS', /RTP\/RTCP port pair/);
  assert.deepEqual(loadConfig({ VOXGATE_RTP_PORTS: '10000-10001' }).rtpPorts, { min: 10000, max: 10001 });
});

test('VOXGATE_ADMIN_KEY shorter than 32 characters, or with spaces, is refused', () => {
  assertRefused({ VOXGATE_ADMIN_KEY: 'x'.repeat(31) }, 'VOXGATE_ADMIN_KEY', /at least 32 characters/);
  assertRefused(
    { VOXGATE_ADMIN_KEY: `${'x'.repeat(20)} ${'y'.repeat(20)}` },
    'VOXGATE_ADMIN_KEY',
    /without spaces/,
  );
  assert.equal(loadConfig({ VOXGATE_ADMIN_KEY: 'k'.repeat(32) }).adminKey, 'k'.repeat(32));
  assert.equal(loadConfig({ VOXGATE_ADMIN_KEY: '' }).adminKey, undefined);
});

test('an unknown VOXGATE_* variable is refused by name, while VOXGATE_TEST_* is ignored', () => {
  assertRefused({ VOXGATE_FOO: '1' }, 'VOXGATE_FOO', /not a Voxgate setting/);
  assertRefused({ VOXGATE_HTTP_PROT: '8080' }, 'VOXGATE_HTTP_PROT', /not a Voxgate setting/);

  const config = loadConfig({
    VOXGATE_TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
    VOXGATE_TEST_ANYTHING: 'whatever',
  });
  assert.equal(config.httpPort, 8080);
  assert.equal(config.database.dialect, 'sqlite');
});

test('the returned config is frozen, nested parts included', () => {
  const config = loadConfig({ VOXGATE_DATABASE_URL: 'postgres://u@h/d' });

  assert.ok(Object.isFrozen(config));
  assert.ok(Object.isFrozen(config.rtpPorts));
  assert.ok(Object.isFrozen(config.database));
  assert.throws(() => {
    (config as { httpPort: number }).httpPort = 1;
  }, TypeError);
  assert.throws(() => {
    (config.rtpPorts as { min: number }).min = 2000;
  }, TypeError);
  assert.equal(config.httpPort, 8080);
});

/** The `VOXGATE_*` variables of the table rows in the README section whose heading names "Configuration". */
function readmeConfigurationVariables(): Set<string> {
  const lines = readFileSync(new URL('../README.md', import.meta.url), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^#{1,6}\s.*Configuration/.test(line));
  assert.notEqual(start, -1, 'README.md has a heading containing "Configuration"');
  const level = /^(#+)/.exec(lines[start] ?? '')?.[1]?.length ?? 1;
  const variables = new Set<string>();
  for (const line of lines.slice(start + 1)) {
    const heading = /^(#+)\s/.exec(line);
    if (heading !== null && (heading[1]?.length ?? 0) <= level) break;
    const row = /^\|\s*`(VOXGATE_[A-Z_]+)`\s*\|/.exec(line);
    if (row?.[1] !== undefined) variables.add(row[1]);
  }
  return variables;
}

test("the README's configuration table lists exactly the variables of SETTINGS", () => {
  const documented = readmeConfigurationVariables();
  const defined = new Set(SETTINGS.map((s) => s.variable));

  const undocumented = [...defined].filter((v) => !documented.has(v));
  const unknown = [...documented].filter((v) => !defined.has(v));
  assert.deepEqual(undocumented, [], 'every setting has a README table row');
  assert.deepEqual(unknown, [], 'every README table row is a setting');
  assert.ok(defined.size > 0);
});

test('every variable of SETTINGS is a setting loadConfig knows', () => {
  // A setting documented but refused as unknown would be a trap for operators.
  for (const setting of SETTINGS) {
    assert.doesNotThrow(() => loadConfig({ [setting.variable]: '' }), setting.variable);
  }
});

test('the scenario limits default to the language spec and refuse an unknown add-on', () => {
  const config = loadConfig({});
  assert.equal(config.scenario.maxSteps, 10_000);
  assert.equal(config.scenario.maxDepth, 16);
  assert.deepEqual(config.scenario.addons, ['amd', 'recording', 'speech']);
  assert.deepEqual(loadConfig({ VOXGATE_SCENARIO_ADDONS: 'amd' }).scenario.addons, ['amd']);
  assert.throws(() => loadConfig({ VOXGATE_SCENARIO_ADDONS: 'amd,fax' }), /VOXGATE_SCENARIO_ADDONS: "fax"/);
  assert.throws(() => loadConfig({ VOXGATE_SCENARIO_MAX_DEPTH: '65' }), /VOXGATE_SCENARIO_MAX_DEPTH/);
});

test('the outbound CIDR settings take comma lists of addresses and CIDRs, and refuse anything else', () => {
  const config = loadConfig({
    VOXGATE_OUTBOUND_ALLOW_CIDRS: '10.1.0.0/16, ::1/128',
    VOXGATE_SCENARIO_HTTP_DENY_CIDRS: '203.0.113.7',
  });
  assert.deepEqual(config.outbound.allow, [
    { address: '10.1.0.0', prefix: 16, family: 'ipv4' },
    { address: '::1', prefix: 128, family: 'ipv6' },
  ]);
  assert.deepEqual(config.outbound.deny, [{ address: '203.0.113.7', prefix: 32, family: 'ipv4' }]);
  assert.deepEqual(loadConfig({}).outbound, { allow: [], deny: [] }, 'nothing allowed or denied by default');
  assertRefused(
    { VOXGATE_OUTBOUND_ALLOW_CIDRS: '10.0.0.0/33' },
    'VOXGATE_OUTBOUND_ALLOW_CIDRS',
    /"10\.0\.0\.0\/33" is not/,
  );
  assertRefused(
    { VOXGATE_SCENARIO_HTTP_DENY_CIDRS: 'example.com' },
    'VOXGATE_SCENARIO_HTTP_DENY_CIDRS',
    /is not an IP/,
  );
});
