/** `voxgate test` and `voxgate simulate`: exit codes and report text. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCommand } from '../../src/cli/voxgate.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
    out,
    err,
  };
}

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples/scenarios');
const FAILING = path.resolve(import.meta.dirname, 'testdata/failing.test.yaml');

test('voxgate test passes the example suite and exits 0', async () => {
  const { output, out } = capture();
  const status = await runCommand(['test', EXAMPLES], {}, output);
  assert.equal(status, 0, out.join('\n'));
  assert.equal(out.filter((line) => line.startsWith('PASS ')).length, 3);
  assert.equal(out.at(-1), '3 passed, 0 failed');
});

test('voxgate test reports the first difference of a failing test and exits 1', async () => {
  const { output, out } = capture();
  const status = await runCommand(['test', FAILING], {}, output);
  assert.equal(status, 1);
  const report = out.join('\n');
  assert.match(report, /FAIL .*failing\.test\.yaml › expects the wrong menu value/);
  assert.match(report, /event #1 of the expectation: not found after event #0/);
  assert.match(report, /- expected: \{"type":"input.collected","data":\{"variable":"menu","value":"3"\}\}/);
  assert.match(report, /\+ actual: +\{"type":"input.collected".*"value":"2"/);
  assert.match(report, /PASS .* › passes/);
  assert.equal(out.at(-1), '1 passed, 1 failed');
});

test('voxgate test exits 2 on a malformed test file, naming the problem', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-scenario-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'broken.test.yaml');
  fs.writeFileSync(file, 'scenario: [hangup]\ntests:\n  - name: x\n    expect: {}\n    bogus: 1\n');
  const { output, out } = capture();
  assert.equal(await runCommand(['test', file], {}, output), 2);
  assert.match(out.join('\n'), /ERROR .*broken\.test\.yaml: .*bogus/);
});

test('voxgate simulate prints the call and refuses a bad key', async () => {
  const { output, out } = capture();
  const status = await runCommand(
    ['simulate', path.join(EXAMPLES, 'main-menu.json'), '--key', '2'],
    {},
    output,
  );
  assert.equal(status, 0);
  assert.ok(
    out.some((line) => line.includes('menu = "2" (OK)')),
    out.join('\n'),
  );
  assert.ok(out.some((line) => line.includes('SMS to +15550100001: ACCEPTED')));
  const bad = capture();
  assert.equal(
    await runCommand(['simulate', path.join(EXAMPLES, 'main-menu.json'), '--key', 'x'], {}, bad.output),
    2,
  );
});
