/**
 * `npm run bench -- NAME [options]` runs one benchmark; with no name it lists
 * them and runs every one. Benchmarks are loaded on demand so one that needs a
 * missing tool cannot stop another from running.
 */

/** A benchmark module: its `main` returns the process exit code. */
interface Benchmark {
  main(args: readonly string[]): Promise<number>;
}

/** Adding a benchmark is one line here. */
const BENCHMARKS: Readonly<Record<string, () => Promise<Benchmark>>> = {
  api: () => import('./api.js'),
  dtmf: () => import('./dtmf.js'),
  scenario: () => import('./scenario.js'),
  'sip-load': () => import('./sip-load.js'),
  webhooks: () => import('./webhooks.js'),
};

const names = Object.keys(BENCHMARKS);
const [first, ...rest] = process.argv.slice(2);

async function runAll(args: readonly string[]): Promise<number> {
  process.stdout.write(`Benchmarks: ${names.join(', ')}. Running all.\n\n`);
  let worst = 0;
  for (const name of names) {
    const benchmark = await BENCHMARKS[name]!();
    worst = Math.max(worst, await benchmark.main(args));
  }
  return worst;
}

if (first === undefined || first.startsWith('-')) {
  process.exitCode = await runAll(process.argv.slice(2));
} else if (Object.hasOwn(BENCHMARKS, first)) {
  const benchmark = await BENCHMARKS[first]!();
  process.exitCode = await benchmark.main(rest);
} else {
  process.stderr.write(`bench: unknown benchmark "${first}"; available: ${names.join(', ')}\n`);
  process.exitCode = 2;
}
