/** The `voxgate` command, driven in-process through `runCommand` with a capturing output. */
import { MIGRATION_NAMES } from '../../src/db/migrate.js';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { doctorCommand, runDoctorChecks } from '../../src/cli/commands/doctor.js';
import type { CliOutput } from '../../src/cli/output.js';
import { runCommand } from '../../src/cli/voxgate.js';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core/index.js';
import { openDatabase } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

interface CapturedOutput extends CliOutput {
  readonly lines: string[];
  readonly errors: string[];
}

function captureOutput(): CapturedOutput {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (line) => void lines.push(line), err: (line) => void errors.push(line) };
}

function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxgate-cli-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface CliFixture {
  readonly db: TestDatabase;
  readonly env: NodeJS.ProcessEnv;
  /** Runs one `voxgate` command line and returns its exit status and what it printed. */
  run(...args: string[]): Promise<{ status: number; out: string[]; err: string[] }>;
}

async function cliFixture(t: TestContext): Promise<CliFixture> {
  const db = await createTestDatabase();
  t.after(() => db.drop());
  const env: NodeJS.ProcessEnv = { VOXGATE_DATABASE_URL: db.url, VOXGATE_DATA_DIR: tempDir(t) };
  return {
    db,
    env,
    async run(...args) {
      const output = captureOutput();
      const status = await runCommand(args, env, output);
      return { status, out: output.lines, err: output.errors };
    },
  };
}

/** Opens the fixture's database beside the CLI, runs `work`, and closes it again. */
async function withDatabaseCore<T>(db: TestDatabase, work: (core: Core) => Promise<T>): Promise<T> {
  const database = openDatabase(db.target, { poolSize: 1 });
  try {
    return await work(createCore({ db: database.db }));
  } finally {
    await database.close();
  }
}

async function migrationRows(db: TestDatabase): Promise<{ name: string; timestamp: string }[]> {
  const database = openDatabase(db.target, { poolSize: 1 });
  try {
    const result = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from voxgate_migrations order by name`.execute(database.db);
    return result.rows.map((r) => ({ name: r.name, timestamp: String(r.timestamp) }));
  } finally {
    await database.close();
  }
}

function createdAccount(out: readonly string[]): { id: number; key: string; prefix: string } {
  const id = out.map((l) => /^account (\d+) "Acme" created$/.exec(l)?.[1]).find((m) => m !== undefined);
  const key = out.map((l) => /^API key \(shown once\): (\S+)$/.exec(l)?.[1]).find((m) => m !== undefined);
  const prefix = out.map((l) => /^key prefix: (\S+)$/.exec(l)?.[1]).find((m) => m !== undefined);
  assert.ok(
    id !== undefined && key !== undefined && prefix !== undefined,
    `unexpected output: ${out.join('\n')}`,
  );
  return { id: Number(id), key, prefix };
}

test('migrations run on an empty database, and a second run is a no-op', async (t) => {
  // Arrange
  const cli = await cliFixture(t);

  // Act
  const first = await cli.run('migrate');
  const afterFirst = await migrationRows(cli.db);
  const second = await cli.run('migrate');
  const afterSecond = await migrationRows(cli.db);

  // Assert
  assert.equal(first.status, 0);
  assert.deepEqual(first.out, [`applied: ${MIGRATION_NAMES.join(', ')}`]);
  assert.ok(MIGRATION_NAMES.includes('0001-tenants'));
  assert.deepEqual(
    afterFirst.map((r) => r.name),
    MIGRATION_NAMES,
  );
  assert.equal(second.status, 0);
  assert.deepEqual(second.out, ['database schema is up to date']);
  assert.equal(afterSecond.length, afterFirst.length, 'the second run added no migration row');
  assert.deepEqual(afterSecond, afterFirst, 'the second run changed no migration row');
});

test('accounts create prints the account id and a 100-hex-character key that authenticates as it', async (t) => {
  // Arrange
  const cli = await cliFixture(t);

  // Act
  const created = await cli.run('accounts', 'create', 'Acme');

  // Assert
  assert.equal(created.status, 0, created.err.join('\n'));
  const account = createdAccount(created.out);
  assert.match(account.key, /^[0-9a-f]{100}$/);
  const principal = await withDatabaseCore(cli.db, (core) => core.credentials.authenticateToken(account.key));
  assert.equal(principal?.kind, 'tenant');
  assert.equal(principal.tenant.accountId, account.id);
  const listed = await cli.run('accounts', 'list');
  assert.equal(listed.status, 0);
  assert.ok(listed.out.some((line) => line.startsWith(`${account.id}\t`) && line.endsWith('\tAcme')));
});

test('keys create prints a new working key, and keys revoke PREFIX revokes only that key', async (t) => {
  // Arrange
  const cli = await cliFixture(t);
  const account = createdAccount((await cli.run('accounts', 'create', 'Acme')).out);

  // Act: create a second key
  const created = await cli.run('keys', 'create', String(account.id), 'ci');

  // Assert: printed, and it authenticates as the account
  assert.equal(created.status, 0, created.err.join('\n'));
  const key = created.out
    .map(
      (l) => new RegExp(`^API key for account ${account.id} \\(shown once\\): ([0-9a-f]{100})$`).exec(l)?.[1],
    )
    .find((m) => m !== undefined);
  const prefix = created.out.map((l) => /^key prefix: (\S+)$/.exec(l)?.[1]).find((m) => m !== undefined);
  assert.ok(key !== undefined && prefix !== undefined, created.out.join('\n'));
  assert.notEqual(key, account.key);
  const before = await withDatabaseCore(cli.db, (core) => core.credentials.authenticateToken(key));
  assert.equal(before?.kind === 'tenant' ? before.tenant.accountId : null, account.id);

  // Act: revoke it by prefix
  const revoked = await cli.run('keys', 'revoke', prefix);

  // Assert: that key no longer authenticates, the account's first key still does
  assert.equal(revoked.status, 0, revoked.err.join('\n'));
  assert.deepEqual(revoked.out, [`key ${prefix} revoked`]);
  await withDatabaseCore(cli.db, async (core) => {
    assert.equal(await core.credentials.authenticateToken(key), null);
    assert.equal((await core.credentials.authenticateToken(account.key))?.kind, 'tenant');
  });
});

test('revoking an unknown key prefix exits 1 with a message', async (t) => {
  const cli = await cliFixture(t);

  const result = await cli.run('keys', 'revoke', 'deadbeefdeadbeef');

  assert.equal(result.status, 1);
  assert.deepEqual(result.out, []);
  assert.match(result.err.join('\n'), /API key not found/);
});

test('keys create for an account that does not exist exits 1 with a message', async (t) => {
  const cli = await cliFixture(t);

  const result = await cli.run('keys', 'create', '999999');

  assert.equal(result.status, 1);
  assert.deepEqual(result.out, []);
  assert.match(result.err.join('\n'), /^voxgate: /);
});

test('accounts create without a name exits 2 with the usage', async (t) => {
  const cli = await cliFixture(t);

  const result = await cli.run('accounts', 'create');

  assert.equal(result.status, 2);
  assert.deepEqual(result.out, []);
  assert.match(result.err.join('\n'), /usage: voxgate accounts create NAME/);
});

test('an unknown command exits 2 with the usage', async (t) => {
  const cli = await cliFixture(t);

  const result = await cli.run('frobnicate');

  assert.equal(result.status, 2);
  assert.match(result.err.join('\n'), /unknown command "frobnicate"/);
  assert.match(result.err.join('\n'), /usage: voxgate <command>/);
});

test('an invalid VOXGATE_HTTP_PORT makes every command exit 2 naming the variable', async (t) => {
  // Arrange
  const db = await createTestDatabase();
  t.after(() => db.drop());
  const env = { VOXGATE_DATABASE_URL: db.url, VOXGATE_DATA_DIR: tempDir(t), VOXGATE_HTTP_PORT: 'abc' };

  for (const args of [['migrate'], ['accounts', 'create', 'Acme'], ['keys', 'revoke', 'abc'], ['doctor']]) {
    const output = captureOutput();

    // Act
    const status = await runCommand(args, env, output);

    // Assert
    assert.equal(status, 2, args.join(' '));
    assert.deepEqual(output.lines, []);
    assert.match(
      output.errors.join('\n'),
      /invalid configuration: VOXGATE_HTTP_PORT: must be a whole number/,
    );
  }
});

/** A config for the doctor: free ports (0) and a fresh data directory unless told otherwise. */
function doctorConfig(t: TestContext, env: Record<string, string> = {}) {
  return loadConfig({
    VOXGATE_HTTP_PORT: '0',
    VOXGATE_SIP_PORT: '0',
    VOXGATE_DATA_DIR: path.join(tempDir(t), 'data'),
    ...env,
  });
}

function fakeTools(t: TestContext, names: readonly string[]): string {
  const dir = tempDir(t);
  for (const name of names) fs.writeFileSync(path.join(dir, name), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}

test('doctor reports sipp, espeak-ng and sox missing from PATH and prints the apt-get line that installs them', async (t) => {
  // Arrange: a PATH made of one empty directory
  const emptyDir = tempDir(t);
  const config = doctorConfig(t);
  const output = captureOutput();

  // Act
  const checks = await runDoctorChecks(config, { envPath: emptyDir });
  const status = await doctorCommand(config, output, { envPath: emptyDir });

  // Assert
  for (const tool of ['sipp', 'espeak-ng', 'sox']) {
    assert.equal(checks.find((c) => c.name === tool)?.ok, false, `${tool} is reported missing`);
    assert.ok(output.lines.some((l) => l.startsWith('MISSING') && l.includes(` ${tool}: not found`)));
  }
  assert.equal(status, 1);
  assert.ok(
    output.lines.some((l) => l.includes('apt-get install -y sip-tester espeak-ng sox')),
    output.lines.join('\n'),
  );
});

test('doctor reports the system tools ok when PATH holds executables of those names', async (t) => {
  // Arrange
  const toolDir = fakeTools(t, ['sipp', 'espeak-ng', 'sox']);
  const config = doctorConfig(t);
  const output = captureOutput();

  // Act
  const checks = await runDoctorChecks(config, { envPath: `${tempDir(t)}${path.delimiter}${toolDir}` });
  const status = await doctorCommand(config, output, { envPath: toolDir });

  // Assert
  for (const tool of ['sipp', 'espeak-ng', 'sox']) {
    const check = checks.find((c) => c.name === tool);
    assert.equal(check?.ok, true, `${tool} is found`);
    assert.equal(check.detail, path.join(toolDir, tool));
  }
  assert.equal(status, 0, output.lines.join('\n'));
  assert.ok(output.lines.includes('everything Voxgate needs is here'));
  assert.ok(!output.lines.some((l) => l.includes('apt-get')));
});

test('doctor reports the HTTP port in use when something listens on it', async (t) => {
  // Arrange: occupy a port on the HTTP host
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  const config = doctorConfig(t, { VOXGATE_HTTP_PORT: String(port) });
  const output = captureOutput();

  // Act
  const toolDir = fakeTools(t, ['sipp', 'espeak-ng', 'sox']);
  const checks = await runDoctorChecks(config, { envPath: toolDir });
  const status = await doctorCommand(config, output, { envPath: toolDir });

  // Assert
  const http = checks.find((c) => c.name === 'HTTP port');
  assert.equal(http?.ok, false);
  assert.match(http.detail, new RegExp(`127\\.0\\.0\\.1:${port} \\(TCP\\) is in use`));
  assert.equal(status, 1);
  assert.ok(
    output.lines.some((l) => l.includes('HTTP port: stop what listens there, or set VOXGATE_HTTP_PORT')),
  );
});

test('doctor reports a data directory it cannot create or write as not writable', async (t) => {
  // Arrange: a data directory under a regular file can never be created
  const file = path.join(tempDir(t), 'a-file');
  fs.writeFileSync(file, 'not a directory');
  const config = doctorConfig(t, { VOXGATE_DATA_DIR: `${file}/sub` });
  const output = captureOutput();

  // Act
  const toolDir = fakeTools(t, ['sipp', 'espeak-ng', 'sox']);
  const checks = await runDoctorChecks(config, { envPath: toolDir });
  const status = await doctorCommand(config, output, { envPath: toolDir });

  // Assert
  const dataDir = checks.find((c) => c.name === 'data directory');
  assert.equal(dataDir?.ok, false);
  assert.match(dataDir.detail, /is not writable/);
  assert.ok(dataDir.detail.includes(path.join(file, 'sub')));
  assert.equal(status, 1);
  assert.ok(output.lines.some((l) => l.startsWith('MISSING') && l.includes('data directory')));
});

test('doctor reports a writable data directory ok', async (t) => {
  const config = doctorConfig(t);

  const checks = await runDoctorChecks(config, { envPath: '' });

  assert.equal(checks.find((c) => c.name === 'data directory')?.ok, true);
  assert.deepEqual(fs.readdirSync(config.dataDir), [], 'the probe file is removed');
});
