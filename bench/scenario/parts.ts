/**
 * The scenario benchmark's parts (scenario.ts): each runs in a pinned process of its own and hands
 * back a {@link PartResult}; the parent assembles them into one report.
 */
import type { MachineFacts } from '../harness/machine.js';
import type { MemoryResult } from './memory.js';
import type { ScenarioOptions } from './options.js';
import type { ScenarioFacts, ScenarioReport, ThroughputRow } from './report.js';

/**
 * The benchmark's parts, each measured in a process of its own: run in one process, the fake's
 * calls made the engine's call sites see two kinds of HTTP client, and the real row, measured after
 * the fake one, fell by about 10% (3,500 against 3,800-4,100 calls/s measured alone).
 */
export const PARTS = ['fake-http', 'real-http', 'memory'] as const;
export type Part = (typeof PARTS)[number];

/** What one part's process hands back to the parent (as JSON, through a file). */
export interface PartResult {
  readonly part: Part;
  readonly benchCpus: string | null;
  readonly serverCpus: string | null;
  readonly scenario: ScenarioFacts | null;
  readonly row: ThroughputRow | null;
  readonly memory: MemoryResult | null;
  readonly crm: ScenarioReport['crm'];
  readonly aborted: string | null;
}

/** A part that measured nothing yet: what a failure keeps when it happens first. */
export function emptyPart(part: Part, benchCpus: string | null, aborted: string | null = null): PartResult {
  return { part, benchCpus, serverCpus: null, scenario: null, row: null, memory: null, crm: null, aborted };
}

/** The report of every part, in PARTS order. */
export function assemble(
  machine: MachineFacts,
  options: ScenarioOptions,
  httpConnections: number,
  parts: readonly PartResult[],
): ScenarioReport {
  const aborted = parts.flatMap((part) => (part.aborted === null ? [] : [`${part.part}: ${part.aborted}`]));
  const first = parts.find((part) => part.scenario !== null);
  return {
    machine,
    options,
    httpConnections,
    placement: { benchCpus: first?.benchCpus ?? null, serverCpus: first?.serverCpus ?? null },
    scenario: first?.scenario ?? null,
    rows: parts.flatMap((part) => (part.row === null ? [] : [part.row])),
    memory: parts.find((part) => part.memory !== null)?.memory ?? null,
    crm: parts.find((part) => part.crm !== null)?.crm ?? null,
    aborted: aborted.length === 0 ? null : aborted.join('; '),
  };
}
