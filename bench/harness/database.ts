/**
 * A fresh, empty database for one benchmark run: a SQLite file in a temp
 * directory, or a new database on a throw-away PostgreSQL cluster started
 * with scripts/pg-temp.sh. Everything is registered with the caller's
 * {@link Cleanup}, so it goes away even when the run fails.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { createCore, type Core } from '../../src/core/index.js';
import { openDatabase, type OpenDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Cleanup } from './cleanup.js';

export type Engine = 'sqlite' | 'postgres';

export interface BenchDatabase {
  /** The value for VOXGATE_DATABASE_URL. */
  readonly url: string;
  /** A private, empty VOXGATE_DATA_DIR. */
  readonly dataDir: string;
}

export type DatabaseSetup =
  { readonly ok: true; readonly database: BenchDatabase } | { readonly ok: false; readonly skipped: string };

const run = promisify(execFile);
const PG_TEMP_SCRIPT = fileURLToPath(new URL('../../scripts/pg-temp.sh', import.meta.url));
const BENCH_DATABASE_NAME = 'voxgate_bench';

/** Where scripts/pg-temp.sh looks for initdb (Debian's layout); null when found. */
function missingPostgres(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[];
  try {
    versions = readdirSync(root);
  } catch {
    versions = [];
  }
  for (const version of versions) {
    try {
      accessSync(path.join(root, version, 'bin', 'initdb'), constants.X_OK);
      return null;
    } catch {
      // Try the next version.
    }
  }
  return `PostgreSQL server binaries not found under ${root}/*/bin (install with: apt-get install -y postgresql)`;
}

async function tempDir(cleanup: Cleanup): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'voxgate-bench-'));
  cleanup.defer(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function sqliteDatabase(cleanup: Cleanup): Promise<BenchDatabase> {
  const dir = await tempDir(cleanup);
  const dataDir = path.join(dir, 'data');
  return { url: `sqlite:${path.join(dataDir, 'voxgate.db')}`, dataDir };
}

async function postgresDatabase(cleanup: Cleanup): Promise<BenchDatabase> {
  const dir = await tempDir(cleanup);
  // The script makes the cluster directory's parent traversable for the postgres user, so it must be ours.
  const clusterDir = path.join(dir, 'pg');
  cleanup.defer('stop PostgreSQL', async () => {
    await run('bash', [PG_TEMP_SCRIPT, 'stop', clusterDir]);
  });
  const { stdout } = await run('bash', [PG_TEMP_SCRIPT, 'start', clusterDir]);
  const adminUrl = stdout.trim();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE_NAME}`;
  return { url: url.toString(), dataDir: path.join(dir, 'data') };
}

export async function createBenchDatabase(engine: Engine, cleanup: Cleanup): Promise<DatabaseSetup> {
  switch (engine) {
    case 'sqlite':
      return { ok: true, database: await sqliteDatabase(cleanup) };
    case 'postgres': {
      const missing = missingPostgres();
      if (missing !== null) return { ok: false, skipped: missing };
      return { ok: true, database: await postgresDatabase(cleanup) };
    }
  }
}

export type BenchCore =
  | { readonly ok: true; readonly database: OpenDatabase; readonly core: Core }
  | { readonly ok: false; readonly skipped: string };

/** {@link openBenchDatabase}, migrated, with core over it; both closed by `cleanup`. */
export async function openBenchCore(engine: Engine, cleanup: Cleanup): Promise<BenchCore> {
  const opened = await openBenchDatabase(engine, cleanup);
  if (!opened.ok) return opened;
  await migrateToLatest(opened.database.db);
  const core = createCore({ db: opened.database.db, nodeId: 'bench' });
  cleanup.defer('close core', () => core.close());
  return { ok: true, database: opened.database, core };
}

export type OpenedBenchDatabase =
  { readonly ok: true; readonly database: OpenDatabase } | { readonly ok: false; readonly skipped: string };

/**
 * A fresh database opened in this process (for benchmarks that drive core directly, with no server):
 * the SQLite file in a directory of its own, or the PostgreSQL database of {@link createBenchDatabase}.
 * Closed by `cleanup`.
 */
export async function openBenchDatabase(engine: Engine, cleanup: Cleanup): Promise<OpenedBenchDatabase> {
  const setup = await createBenchDatabase(engine, cleanup);
  if (!setup.ok) return setup;
  const database =
    engine === 'sqlite'
      ? openDatabase({ dialect: 'sqlite', file: path.join(await tempDir(cleanup), 'voxgate.db') })
      : openDatabase({ dialect: 'postgres', url: setup.database.url });
  cleanup.defer('close the database', () => database.close());
  return { ok: true, database };
}
