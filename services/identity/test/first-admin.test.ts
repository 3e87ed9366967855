// The first admin (issue 4): from ADMIN_LOGIN / ADMIN_PASSWORD, admin/admin with a warning in a local
// trial, and no start at all in production without them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { ConfigError, EX_CONFIG } from '@fieldgram/platform';
import { Caller, outboxCount, startProcess, useTestEnv } from '@fieldgram/testkit';
import { checkFirstAdminSource } from '../src/bootstrap/first-admin.js';
import { hashPassword } from '../src/domain/password.js';
import { createIdentityService, type IdentityService } from '../src/service.js';
import {
  capturingLogger,
  IDENTITY_MAIN,
  identityDb,
  identityEnvFor,
  startIdentity,
} from './support/harness.js';

const trial = useTestEnv('identity-admin-trial');
const race = useTestEnv('identity-admin-race');
const production = useTestEnv('identity-admin-prod');

const noAdminVariables = { ADMIN_LOGIN: undefined, ADMIN_PASSWORD: undefined };

async function adminLogins(db: Knex): Promise<string[]> {
  const rows = await db
    .withSchema('identity')
    .table('users')
    .where({ role: 'admin' })
    .select<{ login: string }[]>('login');
  return rows.map((row) => row.login);
}

function isDefaultWarning(entry: Record<string, unknown>): boolean {
  return (
    entry.level === 40 &&
    typeof entry.msg === 'string' &&
    entry.msg.includes('ADMIN_LOGIN') &&
    entry.msg.includes('ADMIN_PASSWORD')
  );
}

describe('a local trial without ADMIN_LOGIN / ADMIN_PASSWORD', () => {
  let identity: IdentityService | undefined;
  let caller: Caller;
  let db: Knex;
  beforeAll(async () => {
    caller = await Caller.open(trial());
    db = identityDb(trial());
  });
  afterAll(async () => {
    await identity?.runtime.stop();
    await caller?.close();
    await db?.destroy();
  });

  it('gets admin/admin and a loud warning, once, across restarts', async () => {
    const env = identityEnvFor(trial(), { ...noAdminVariables, NODE_ENV: 'development' });
    const first = capturingLogger();
    identity = await startIdentity(env, { logger: first.logger });
    expect(first.entries.filter(isDefaultWarning)).toHaveLength(1);
    expect(await caller.ask('identity.authenticate', { login: 'admin', password: 'admin' })).toMatchObject({
      role: 'admin',
    });

    await identity.runtime.stop();
    const second = capturingLogger();
    identity = await startIdentity(env, { logger: second.logger });
    expect(second.entries.filter(isDefaultWarning)).toHaveLength(1); // still the default password
    expect(await adminLogins(db)).toEqual(['admin']);
    expect(await outboxCount(db, 'user.registered')).toBe(1);
  });

  it('builds links on TELEGRAM_BOT_USERNAME while no bot-gateway answers', async () => {
    const { token, link } = await caller.ask('identity.get-join-link', { role: 'technician' });
    expect(link).toBe(`https://t.me/fallback_bot?start=i_${token}`);
  });

  it('refuses production while the admin still has the default password (issue 11)', async () => {
    const failure = await checkFirstAdminSource(
      identityEnvFor(trial(), { ...noAdminVariables, NODE_ENV: 'production' }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toContain(
      'ADMIN_PASSWORD: the admin "admin" still signs in with the default password',
    );
  });

  it('lets production start without ADMIN_* once an admin exists with a password of its own', async () => {
    const db = identityDb(trial());
    try {
      await db
        .withSchema('identity')
        .table('users')
        .where({ login: 'admin' })
        .update({ password_hash: await hashPassword('a long password of its own') });
    } finally {
      await db.destroy();
    }
    await expect(
      checkFirstAdminSource(identityEnvFor(trial(), { ...noAdminVariables, NODE_ENV: 'production' })),
    ).resolves.toBeUndefined();
  });
});

describe('instances starting at once', () => {
  it('make one first admin', async () => {
    const env = identityEnvFor(race());
    // Migrated first, as a deployment's `migrate` step does; then three instances race to bootstrap.
    await (await createIdentityService(env)).runtime.migrateOnly();
    const instances = await Promise.all([1, 2, 3].map(() => startIdentity(env)));
    const db = identityDb(race());
    try {
      expect(await adminLogins(db)).toEqual(['root-admin']);
      expect(await outboxCount(db, 'user.registered')).toBe(1);
    } finally {
      await Promise.all(instances.map((instance) => instance.runtime.stop()));
      await db.destroy();
    }
  });
});

describe('production without ADMIN_LOGIN / ADMIN_PASSWORD', () => {
  it('refuses to start: exit 78, naming the variables', async () => {
    const child = startProcess({
      name: 'identity',
      entry: IDENTITY_MAIN,
      env: production().processEnv({ NODE_ENV: 'production', ADMIN_LOGIN: '', ADMIN_PASSWORD: '' }),
    });
    const status = await child.exited;
    expect(status.code).toBe(EX_CONFIG);
    expect(child.stderrText()).toContain('ADMIN_LOGIN: required when NODE_ENV=production');
    expect(child.stderrText()).toContain('ADMIN_PASSWORD');
    expect(child.stdoutText()).toBe('');
  });

  it('is refused in process too', async () => {
    const env = identityEnvFor(production(), { ...noAdminVariables, NODE_ENV: 'production' });
    await expect(checkFirstAdminSource(env)).rejects.toBeInstanceOf(ConfigError);
    const identity = await createIdentityService(env, { logger: capturingLogger().logger });
    const failure = await identity.runtime.start().catch((error: unknown) => error);
    expect(failure).toMatchObject({ part: 'first-admin', cause: expect.any(ConfigError) as unknown });
    expect((failure as { cause: Error }).cause.message).toContain('ADMIN_LOGIN');
    await identity.runtime.stop();
  });
});
