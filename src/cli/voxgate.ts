/**
 * The `voxgate` command. Every subcommand but `serve` works offline against
 * the configured database.
 */
import { ConfigError, loadConfig, type Config } from '../config.js';
import { accountsCommand } from './commands/accounts.js';
import { doctorCommand } from './commands/doctor.js';
import { keysCommand } from './commands/keys.js';
import { migrateCommand } from './commands/migrate.js';
import { simulateCommand } from './commands/simulate.js';
import { testCommand } from './commands/test.js';
import { processOutput, type CliOutput } from './output.js';

const USAGE = `usage: voxgate <command>

  serve                          start the server (HTTP API and SIP telephony)
  migrate                        bring the database schema up to date
  accounts create NAME           create an account and print its first API key
  accounts list                  list accounts
  keys create ACCOUNT_ID [NAME]  create an API key for an account (printed once)
  keys revoke PREFIX             revoke an API key
  doctor                         check system tools, ports and the data directory
  simulate FILE [--key K]...     run a scenario file against a scripted caller (virtual time)
  test PATH...                   run scenario test files (*.test.yaml), report pass/fail

Settings come from VOXGATE_* environment variables (see the README).`;

export async function runCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  output: CliOutput,
): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    output.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  // Simulations and scenario tests run offline, without settings or a database.
  if (command === 'simulate') return simulateCommand(rest, output);
  if (command === 'test') return testCommand(rest, output);
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(`voxgate: invalid configuration: ${error.message}`);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case 'migrate':
      return migrateCommand(config, output);
    case 'accounts':
      return accountsCommand(config, rest, output);
    case 'keys':
      return keysCommand(config, rest, output);
    case 'doctor':
      return doctorCommand(config, output, { envPath: env['PATH'] ?? '' });
    default:
      output.err(`voxgate: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

/** Entry from bin/voxgate.js. `serve` keeps the process alive; the others exit with their status. */
export async function run(args: readonly string[]): Promise<void> {
  if (args[0] === 'serve') {
    const { main } = await import('../main.js');
    await main(process.env);
    return;
  }
  process.exitCode = await runCommand(args, process.env, processOutput);
}
