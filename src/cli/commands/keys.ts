/** `voxgate keys create ACCOUNT [NAME]` and `voxgate keys revoke PREFIX`. */
import type { Config } from '../../config.js';
import { isVoxgateError } from '../../errors.js';
import type { CliOutput } from '../output.js';
import { withCore } from './with-core.js';

export async function keysCommand(
  config: Config,
  args: readonly string[],
  output: CliOutput,
): Promise<number> {
  const [action, target, ...rest] = args;
  try {
    if (action === 'create' && target !== undefined && /^\d+$/.test(target)) {
      return await withCore(config, async (core) => {
        const account = await core.accounts.getAccount(Number(target));
        const key = await core.credentials.createApiKey(account.id, rest.join(' ').trim() || 'cli');
        output.out(`API key for account ${account.id} (shown once): ${key.key}`);
        output.out(`key prefix: ${key.info.prefix}`);
        return 0;
      });
    }
    if (action === 'revoke' && target !== undefined) {
      return await withCore(config, async (core) => {
        const key = await core.credentials.revokeApiKey(target, null);
        output.out(`key ${key.prefix} revoked`);
        return 0;
      });
    }
  } catch (error) {
    if (isVoxgateError(error) && error.statusCode === 404) {
      output.err(`voxgate: ${error.message}`);
      return 1;
    }
    throw error;
  }
  output.err('usage: voxgate keys create ACCOUNT_ID [NAME] | voxgate keys revoke PREFIX');
  return 2;
}
