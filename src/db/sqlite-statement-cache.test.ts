import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { withStatementCache } from './sqlite-statement-cache.js';

function counted(database: SQLite.Database): { readonly compiled: string[] } {
  const compiled: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = (sql: string) => {
    compiled.push(sql);
    return prepare(sql);
  };
  return { compiled };
}

test('compiles each SQL text once and reuses the statement, with new parameters each time', () => {
  const database = new SQLite(':memory:');
  database.exec('create table t (a integer)');
  const { compiled } = counted(database);
  const cached = withStatementCache(database);
  for (const a of [1, 2, 3]) cached.prepare('insert into t (a) values (?)').run([a]);
  const rows = cached.prepare('select a from t order by a').all([]);
  assert.deepEqual(rows, [{ a: 1 }, { a: 2 }, { a: 3 }]);
  assert.deepEqual(compiled, ['insert into t (a) values (?)', 'select a from t order by a']);
  database.close();
});

test('gives a fresh statement while the kept one is still being iterated', () => {
  const database = new SQLite(':memory:');
  database.exec('create table t (a integer); insert into t values (1), (2)');
  const cached = withStatementCache(database);
  const select = 'select a from t order by a';
  cached.prepare(select).all([]);
  const outer = cached.prepare(select).iterate([]);
  const first = outer.next();
  const inner = cached.prepare(select).all([]);
  assert.deepEqual(first.value, { a: 1 });
  assert.deepEqual(inner, [{ a: 1 }, { a: 2 }], 'the busy statement was not reused');
  outer.return?.();
  database.close();
});

test('keeps at most `capacity` statements, dropping the least recently used', () => {
  const database = new SQLite(':memory:');
  const { compiled } = counted(database);
  const cached = withStatementCache(database, 2);
  cached.prepare('select 1').all([]);
  cached.prepare('select 2').all([]);
  cached.prepare('select 1').all([]);
  cached.prepare('select 3').all([]);
  cached.prepare('select 1').all([]);
  cached.prepare('select 2').all([]);
  assert.deepEqual(
    compiled,
    ['select 1', 'select 2', 'select 3', 'select 2'],
    'select 2 was the oldest when 3 came',
  );
  database.close();
});

test('a kept statement still runs after the schema changed under it', () => {
  const database = new SQLite(':memory:');
  database.exec('create table t (a integer); insert into t values (1)');
  const cached = withStatementCache(database);
  assert.deepEqual(cached.prepare('select * from t').all([]), [{ a: 1 }]);
  database.exec('alter table t add column b integer default 7');
  assert.deepEqual(cached.prepare('select * from t').all([]), [{ a: 1, b: 7 }]);
  database.close();
});
