import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test } from 'node:test';
import { RtpPortPool } from './rtp-port-pool.js';

async function freeRange(size: number): Promise<{ min: number; max: number }> {
  // Pick a random even base high in the ephemeral range; the pool itself skips busy ports.
  const min = 40_000 + 2 * Math.floor(Math.random() * 5000);
  return { min, max: min + size - 1 };
}

test('gives RTP an even port and RTCP the odd port above it', async (t) => {
  const pool = new RtpPortPool('127.0.0.1', await freeRange(10));
  const pair = await pool.open();
  assert.ok(pair);
  t.after(() => pool.release(pair));
  assert.equal(pair.port % 2, 0);
  assert.equal(pair.rtp.port, pair.port);
  assert.equal(pair.rtcp.address().port, pair.port + 1);
});

test('returns null when every pair is taken, and a released pair can be had again', async () => {
  const pool = new RtpPortPool('127.0.0.1', await freeRange(4));
  const a = await pool.open();
  const b = await pool.open();
  assert.ok(a && b);
  assert.equal(pool.capacity, 2);
  assert.equal(await pool.open(), null);
  pool.release(a);
  const c = await pool.open();
  assert.ok(c);
  assert.equal(c.port, a.port);
  pool.release(b);
  pool.release(c);
  assert.equal(pool.inUse, 0);
});

test('skips a port another socket holds', async (t) => {
  const range = await freeRange(4);
  const squatter = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => squatter.bind(range.min, '127.0.0.1', resolve));
  t.after(() => squatter.close());
  const pool = new RtpPortPool('127.0.0.1', range);
  const pair = await pool.open();
  assert.ok(pair);
  t.after(() => pool.release(pair));
  assert.equal(pair.port, range.min + 2);
});

test('rotates through the range instead of reusing a just-released pair', async () => {
  const pool = new RtpPortPool('127.0.0.1', await freeRange(6));
  const first = await pool.open();
  assert.ok(first);
  pool.release(first);
  const second = await pool.open();
  assert.ok(second);
  assert.notEqual(second.port, first.port);
  pool.release(second);
});
