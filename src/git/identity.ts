// Who the user is, as their git config says: user.name and user.email read with `git config
// --get` (reading config runs nothing, and the usual hooks and programs stay off).
import type { GitRepo } from './repo.js';

export async function readUserIdentity(
  repo: GitRepo,
): Promise<{ name: string; email: string } | null> {
  const get = async (key: string) => {
    const result = await repo.run(['config', '--get', key], { okExitCodes: [1] });
    return result.exitCode === 0 ? result.stdout.trim() : '';
  };
  const name = await get('user.name');
  const email = await get('user.email');
  return name && email ? { name, email } : null;
}
