/**
 * Undo steps for everything a benchmark starts (server processes, PostgreSQL
 * clusters, temp directories). They run last-in first-out at the end, on
 * failure, and on Ctrl-C, so nothing outlives the run: pg_ctl detaches its
 * server, so an interrupted run would otherwise leave PostgreSQL running.
 */
interface Step {
  readonly label: string;
  readonly run: () => Promise<void> | void;
}

export class Cleanup {
  readonly #steps: Step[] = [];
  #running: Promise<void> | null = null;

  /** Registers a step; it runs before every step registered earlier. */
  defer(label: string, run: () => Promise<void> | void): void {
    this.#steps.push({ label, run });
  }

  /** Runs every step once; a failing step is reported and the rest still run. */
  run(): Promise<void> {
    this.#running ??= (async () => {
      for (let step = this.#steps.pop(); step !== undefined; step = this.#steps.pop()) {
        try {
          await step.run();
        } catch (error) {
          process.stderr.write(`cleanup: ${step.label} failed: ${String(error)}\n`);
        }
      }
    })();
    return this.#running;
  }

  /**
   * Until the returned function is called, SIGINT and SIGTERM run the steps
   * and exit with the conventional 128 + signal number.
   */
  onSignals(): () => void {
    const handler = (signal: NodeJS.Signals): void => {
      process.stderr.write(`\n${signal}: cleaning up before exit\n`);
      const code = signal === 'SIGINT' ? 130 : 143;
      this.run().then(
        () => process.exit(code),
        () => process.exit(code),
      );
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  }
}
