// S1-01 with CLIENT_DEFAULT_MANAGER: every joining client goes to that manager, checked at start;
// while they are inactive the fewest-clients rule takes over (with a warning), and a manager who
// comes back takes the clients who waited for one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@fieldgram/contracts';
import { ConfigError, EX_CONFIG } from '@fieldgram/platform';
import { startProcess, useTestEnv } from '@fieldgram/testkit';
import { checkDefaultManagerSource } from '../src/bootstrap/default-manager.js';
import { createIdentityService } from '../src/service.js';
import {
  capturingLogger,
  IDENTITY_MAIN,
  identityEnvFor,
  startIdentityRun,
  telegramProfile,
  type IdentityRun,
} from './support/harness.js';

const env = useTestEnv('identity-default-manager');
let fixed: User;
let other: User;
let client: User;
let run: IdentityRun;
const log = capturingLogger();

const isFallbackWarning = (entry: Record<string, unknown>) =>
  entry.level === 40 && typeof entry.msg === 'string' && entry.msg.startsWith('CLIENT_DEFAULT_MANAGER');

beforeAll(async () => {
  // The managers exist before the setting names one (the operator creates them first).
  const setup = await startIdentityRun(env());
  try {
    fixed = await setup.ask('identity.create-user', {
      role: 'manager',
      name: 'Fixed Manager',
      login: 'fixed-manager',
      password: 'fixed-manager-1',
    });
    other = await setup.ask('identity.create-user', { role: 'manager', name: 'Other Manager' });
    client = await setup.ask('identity.create-user', { role: 'client', name: 'Plain Client' });
  } finally {
    await setup.stop();
  }
  run = await startIdentityRun(env(), undefined, {
    overrides: { CLIENT_DEFAULT_MANAGER: 'FIXED-manager' },
    logger: log.logger,
  });
});
afterAll(async () => {
  await run?.stop();
});

const joins = async (name: string) =>
  (await run.ask('identity.register-from-telegram', { profile: telegramProfile(name) })).user;

describe('CLIENT_DEFAULT_MANAGER (S1-01)', () => {
  it('gives every joining client that manager, however many clients they have', async () => {
    // Before the setting, the fewest-clients rule gave the client to the oldest manager.
    expect(client.managerId).toBe(fixed.id);
    const picked = [];
    for (const name of ['Fixed 1', 'Fixed 2', 'Fixed 3']) picked.push((await joins(name)).managerId);
    expect(picked).toEqual([fixed.id, fixed.id, fixed.id]);
    const added = await run.ask('identity.create-user', { role: 'client', name: 'Fixed 4' });
    expect(added.managerId).toBe(fixed.id);
    expect(log.entries.filter(isFallbackWarning)).toEqual([]);
  });

  it('falls back to the fewest-clients rule, with a warning, while that manager is inactive', async () => {
    const { items } = await run.ask('identity.list-users', { managerId: fixed.id, pageSize: 100 });
    for (const each of items)
      await run.ask('identity.assign-manager', { clientId: each.id, managerId: other.id });
    await run.ask('identity.update-user', { userId: fixed.id, patch: { active: false } });
    expect((await joins('Fallback')).managerId).toBe(other.id);
    const [warning] = log.entries.filter(isFallbackWarning);
    expect(warning).toMatchObject({ defaultManager: 'FIXED-manager', managerId: fixed.id });
    expect(warning!.msg).toContain('fewest clients');
  });

  it('lets clients wait while no manager is active; the manager coming back takes them', async () => {
    // Other's clients leave, then Other: nobody manages anymore.
    const { items } = await run.ask('identity.list-users', { managerId: other.id, pageSize: 100 });
    for (const each of items)
      await run.ask('identity.update-user', { userId: each.id, patch: { active: false } });
    await run.ask('identity.update-user', { userId: other.id, patch: { active: false } });
    const waiting = [
      await joins('Waiting 1'),
      await run.ask('identity.create-user', { role: 'client', name: 'Waiting 2' }),
    ];
    expect(waiting.map((user) => user.managerId)).toEqual([null, null]);

    await run.ask('identity.update-user', { userId: fixed.id, patch: { active: true } });
    for (const user of waiting) {
      expect((await run.ask('identity.get-user', { userId: user.id })).managerId).toBe(fixed.id);
      expect((await run.tap.next('user.manager-assigned', (d) => d.userId === user.id)).data).toMatchObject({
        managerId: fixed.id,
        previousManagerId: null,
        via: 'rule',
      });
    }
    // A client coming back whose manager left gets an active one by the rule.
    const back = await run.ask('identity.update-user', { userId: items[0]!.id, patch: { active: true } });
    expect(back.managerId).toBe(fixed.id);
  });

  it('refuses to start when it names nobody or someone who is no manager', async () => {
    for (const [ref, problem] of [
      ['nobody-here', 'CLIENT_DEFAULT_MANAGER: names nobody: no manager has the login or id "nobody-here"'],
      [client.id, `CLIENT_DEFAULT_MANAGER: names "${client.id}", who is a client, not a manager`],
    ] as const) {
      const settings = identityEnvFor(env(), { CLIENT_DEFAULT_MANAGER: ref });
      const failure = await checkDefaultManagerSource(settings, 'identity').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as Error).message).toContain(problem);
    }
    // In process too, before answering anything.
    const identity = await createIdentityService(
      identityEnvFor(env(), { CLIENT_DEFAULT_MANAGER: 'nobody-here' }),
      {
        logger: capturingLogger().logger,
      },
    );
    const failure = await identity.runtime.start().catch((error: unknown) => error);
    expect(failure).toMatchObject({ part: 'default-manager', cause: expect.any(ConfigError) as unknown });
    await identity.runtime.stop();
  });

  it('as a process: exit 78, naming the variable', async () => {
    const child = startProcess({
      name: 'identity',
      entry: IDENTITY_MAIN,
      env: env().processEnv({ CLIENT_DEFAULT_MANAGER: 'nobody-here' }),
    });
    expect((await child.exited).code).toBe(EX_CONFIG);
    expect(child.stderrText()).toContain('CLIENT_DEFAULT_MANAGER: names nobody');
  });
});
