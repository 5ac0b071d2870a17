import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MachineFacts } from '../harness/machine.js';
import { DEFAULT_SCENARIO_OPTIONS } from './options.js';
import { assemble, type PartResult } from './parts.js';
import type { ThroughputRow } from './report.js';
import { phaseAt } from './throughput.js';

const machine = { cpuCount: 2 } as unknown as MachineFacts;

const phase = phaseAt;

function row(id: ThroughputRow['id'], callsPerSecond: number): ThroughputRow {
  return {
    id,
    label: id,
    warmup: phase(1),
    rounds: [phase(callsPerSecond)],
    measured: phase(callsPerSecond),
  };
}

function part(fields: Partial<PartResult> & Pick<PartResult, 'part'>): PartResult {
  return {
    benchCpus: '0',
    serverCpus: '1',
    scenario: {
      actionCount: 50,
      warnings: [],
      perCall: { actions: 54, events: 178, virtualMs: 1, eventsBeforeHttp: 1 },
    },
    row: null,
    memory: null,
    crm: null,
    aborted: null,
    ...fields,
  };
}

test('the report takes each row from its own process, in the order the parts ran, and the CRM counts from the real one', () => {
  const crm = { requests: 70_000, rejected: 0, firstRejection: null, expectedRequests: 70_000 };
  const report = assemble(machine, DEFAULT_SCENARIO_OPTIONS, 16, [
    part({ part: 'fake-http', row: row('fake-http', 7_000) }),
    part({ part: 'real-http', row: row('real-http', 5_000), crm }),
    part({ part: 'memory' }),
  ]);
  assert.deepEqual(
    report.rows.map((r) => [r.id, r.measured.callsPerSecond]),
    [
      ['fake-http', 7_000],
      ['real-http', 5_000],
    ],
  );
  assert.deepEqual(report.crm, crm);
  assert.deepEqual(report.placement, { benchCpus: '0', serverCpus: '1' });
  assert.equal(report.httpConnections, 16);
  assert.equal(report.aborted, null);
});

test('a part that failed is named in the report, which keeps what the others measured', () => {
  const report = assemble(machine, DEFAULT_SCENARIO_OPTIONS, 16, [
    part({ part: 'fake-http', row: row('fake-http', 7_000) }),
    part({ part: 'real-http', scenario: null, aborted: 'the local CRM did not start' }),
    part({ part: 'memory', aborted: 'out of memory' }),
  ]);
  assert.equal(report.aborted, 'real-http: the local CRM did not start; memory: out of memory');
  assert.equal(report.rows.length, 1);
  assert.equal(report.scenario?.actionCount, 50);
  assert.equal(report.memory, null);
});
