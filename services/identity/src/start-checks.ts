import type { IdentityEnv } from './config.js';
import { checkDefaultManagerSource } from './bootstrap/default-manager.js';
import { checkFirstAdminSource } from './bootstrap/first-admin.js';

/**
 * What identity checks before it runs, in its own process or in the host: production refuses to
 * start without a way to make the first admin, and CLIENT_DEFAULT_MANAGER must name a manager
 * (a ConfigError: exit 78, like any bad config).
 */
export async function checkIdentityStart(env: IdentityEnv, schema: string): Promise<void> {
  await checkFirstAdminSource(env, schema);
  await checkDefaultManagerSource(env, schema);
}
