/** `voxgate accounts create NAME` and `voxgate accounts list`. */
import type { Config } from '../../config.js';
import type { CliOutput } from '../output.js';
import { withCore } from './with-core.js';

export async function accountsCommand(
  config: Config,
  args: readonly string[],
  output: CliOutput,
): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'create') {
    const name = rest.join(' ').trim();
    if (name === '' || name.length > 64) {
      output.err('usage: voxgate accounts create NAME   (NAME: 1 to 64 characters)');
      return 2;
    }
    return withCore(config, async (core) => {
      const account = await core.accounts.createAccount(name);
      const key = await core.credentials.createApiKey(account.id, 'default');
      output.out(`account ${account.id} "${account.name}" created`);
      output.out(`API key (shown once): ${key.key}`);
      output.out(`key prefix: ${key.info.prefix}`);
      return 0;
    });
  }
  if (action === 'list') {
    return withCore(config, async (core) => {
      const page = await core.accounts.listAccounts({ limit: 500, offset: 0 });
      for (const a of page.items) {
        output.out(`${a.id}\t${a.parentId ?? '-'}\t${a.status}\t${a.name}`);
      }
      return 0;
    });
  }
  output.err('usage: voxgate accounts create NAME | voxgate accounts list');
  return 2;
}
