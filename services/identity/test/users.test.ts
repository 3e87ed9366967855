// Staff manage people through the admin API: create, list, search, page, update; REST sign-in (S3-07, S2-06).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import type { User } from '@fieldgram/contracts';
import { outboxCount, useTestEnv, type Caller, type EventTap } from '@fieldgram/testkit';
import { ADMIN, asAdmin, startIdentityRun, telegramProfile, type IdentityRun } from './support/harness.js';

const env = useTestEnv('identity-users');
let run: IdentityRun;
let caller: Caller;
let tap: EventTap;
let db: Knex;
let rootAdmin: { userId: string };

beforeAll(async () => {
  run = await startIdentityRun(env());
  ({ caller, tap, db } = run);
  rootAdmin = await caller.ask('identity.authenticate', ADMIN);
});
afterAll(async () => {
  await run?.stop();
});

const byAdmin = () => asAdmin(rootAdmin.userId);

/** Gives every client of one manager to another (S1-01: a manager leaves only without clients). */
async function handOverClients(fromId: string, toId: string): Promise<void> {
  const { items } = await caller.ask('identity.list-users', { managerId: fromId, pageSize: 100 });
  for (const client of items)
    await caller.ask('identity.assign-manager', { clientId: client.id, managerId: toId });
}

describe('creating people', () => {
  it('makes a manager with a REST login, as the admin who asked', async () => {
    const manager = await caller.ask(
      'identity.create-user',
      {
        role: 'manager',
        name: 'Maria Manager',
        phone: '+7 900 111-22-33',
        email: 'maria@example.com',
        login: 'maria',
        password: 'maria-secret-1',
      },
      byAdmin(),
    );
    expect(manager).toMatchObject({
      role: 'manager',
      active: true,
      name: 'Maria Manager',
      displayName: 'Maria Manager',
      login: 'maria',
      telegramId: null,
      profileLink: null,
      phone: '+7 900 111-22-33',
      email: 'maria@example.com',
      managerId: null,
    });
    const event = await tap.next('user.registered', (d) => d.userId === manager.id);
    expect(event.data).toMatchObject({
      via: 'staff',
      role: 'manager',
      name: 'Maria Manager',
      telegramId: null,
    });
    expect(event.actor).toEqual({ kind: 'user', userId: rootAdmin.userId, role: 'admin' });
    const [row] = await db
      .withSchema('identity')
      .table('users')
      .where({ id: manager.id })
      .select<{ password_hash: string }[]>('password_hash');
    expect(row?.password_hash).toMatch(/^scrypt\$/);
  });

  it('refuses a login that is taken (in any case), naming the field', async () => {
    const taken = await caller.refusal('identity.create-user', {
      role: 'manager',
      name: 'Other Maria',
      login: 'MARIA',
      password: 'another-secret',
    });
    expect(taken).toMatchObject({ code: 'conflict', details: { field: 'login' } });
    // Two at once: one wins, the other gets the same refusal.
    const race = await Promise.allSettled(
      ['twin', 'Twin'].map((login) =>
        caller.ask('identity.create-user', { role: 'admin', name: 'Twin', login, password: 'twin-secret' }),
      ),
    );
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'conflict', details: { field: 'login' } },
    });
  });

  it('gives logins only to staff, and passwords only with a login', async () => {
    expect(
      await caller.refusal('identity.create-user', {
        role: 'technician',
        name: 'Tech',
        login: 'tech',
        password: 'tech-secret',
      }),
    ).toMatchObject({ code: 'validation', details: { field: 'login' } });
    expect(
      await caller.refusal('identity.create-user', { role: 'manager', name: 'M', password: 'lonely-secret' }),
    ).toMatchObject({ code: 'validation', details: { field: 'password' } });
    expect(
      await caller.refusal('identity.create-user', { role: 'manager', name: 'M', login: 'nopass' }),
    ).toMatchObject({ code: 'validation', details: { field: 'password' } });
  });

  it('assigns a client to an active manager only (S1-01)', async () => {
    const manager = await caller.ask('identity.create-user', { role: 'manager', name: 'Boss' });
    const client = await caller.ask('identity.create-user', {
      role: 'client',
      name: 'Kim',
      managerId: manager.id,
    });
    expect(client.managerId).toBe(manager.id);
    const { user: tech } = await caller.ask('identity.register-from-telegram', {
      profile: telegramProfile('NotAManager'),
    });
    for (const managerId of [tech.id, '0195f000-0000-7000-8000-00000000f00d', 'garbage'])
      expect(
        await caller.refusal('identity.create-user', { role: 'client', name: 'Lee', managerId }),
      ).toMatchObject({ code: 'validation', details: { field: 'managerId' } });
  });
});

describe('listing people', () => {
  let created: User[];
  beforeAll(async () => {
    created = [];
    for (let i = 0; i < 25; i++)
      created.push(
        await caller.ask('identity.create-user', {
          role: i % 5 === 0 ? 'manager' : 'client',
          name: `Listed Person ${String(i).padStart(2, '0')}`,
          phone: `+49 30 5550${String(i).padStart(2, '0')}`,
          ...(i === 7 ? { email: 'Seven@Example.org' } : {}),
        }),
      );
  });

  it('pages newest first, with the total', async () => {
    const first = await caller.ask('identity.list-users', { q: 'listed person', pageSize: 10 });
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 10 });
    expect(first.items.map((u) => u.name)).toEqual(
      [...created]
        .reverse()
        .slice(0, 10)
        .map((u) => u.name),
    );
    const third = await caller.ask('identity.list-users', { q: 'listed person', pageSize: 10, page: 3 });
    expect(third.items.map((u) => u.id)).toEqual(
      created
        .slice(0, 5)
        .reverse()
        .map((u) => u.id),
    );
    const beyond = await caller.ask('identity.list-users', { q: 'listed person', pageSize: 10, page: 4 });
    expect(beyond).toMatchObject({ items: [], total: 25 });
    const everyone = await caller.ask('identity.list-users', {});
    expect(everyone.pageSize).toBe(20);
    expect(everyone.items).toHaveLength(20);
  });

  it('filters by role and active, and searches names, phones, e-mails and logins case-insensitively', async () => {
    const managers = await caller.ask('identity.list-users', { role: 'manager', q: 'LISTED' });
    expect(managers.total).toBe(5);
    expect(managers.items.every((u) => u.role === 'manager')).toBe(true);
    expect((await caller.ask('identity.list-users', { q: 'seven@example' })).items.map((u) => u.id)).toEqual([
      created[7]!.id,
    ]);
    expect((await caller.ask('identity.list-users', { q: '555012' })).items.map((u) => u.id)).toEqual([
      created[12]!.id,
    ]);
    expect((await caller.ask('identity.list-users', { q: 'ROOT-adm' })).items.map((u) => u.login)).toEqual([
      ADMIN.login,
    ]);
    await caller.ask('identity.update-user', { userId: created[3]!.id, patch: { active: false } });
    const inactive = await caller.ask('identity.list-users', { active: false, q: 'listed' });
    expect(inactive.items.map((u) => u.id)).toEqual([created[3]!.id]);
    expect((await caller.ask('identity.list-users', { active: true, q: 'listed' })).total).toBe(24);
    // Pattern characters are literal.
    expect((await caller.ask('identity.list-users', { q: '%' })).total).toBe(0);
    expect((await caller.ask('identity.list-users', { q: 'Listed_Person' })).total).toBe(0);
  });

  it('finds Telegram people by first + last name and username', async () => {
    await caller.ask('identity.register-from-telegram', {
      profile: telegramProfile('Zoltan', { lastName: 'Kovacs', username: 'zk_repairs' }),
    });
    expect((await caller.ask('identity.list-users', { q: 'zoltan kov' })).total).toBe(1);
    expect((await caller.ask('identity.list-users', { q: 'ZK_REP' })).total).toBe(1);
  });
});

describe('updating people (S3-07)', () => {
  it('sets the display name staff and clients see, and says what changed', async () => {
    const { user } = await caller.ask('identity.register-from-telegram', {
      profile: telegramProfile('ivan', { username: 'ivan1990' }),
    });
    const updated = await caller.ask(
      'identity.update-user',
      { userId: user.id, patch: { displayName: 'Ivan (plumber)', phone: '+1 555 0100' } },
      byAdmin(),
    );
    expect(updated).toMatchObject({
      name: 'Ivan (plumber)',
      displayName: 'Ivan (plumber)',
      phone: '+1 555 0100',
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(user.updatedAt));
    const event = await tap.next('user.updated', (d) => d.userId === user.id);
    expect(event.data).toEqual({
      userId: user.id,
      role: 'client',
      active: true,
      name: 'Ivan (plumber)',
      changed: ['displayName', 'phone'],
    });
    expect(event.actor).toEqual({ kind: 'user', userId: rootAdmin.userId, role: 'admin' });

    // Unchanged values change nothing and say nothing.
    expect(
      await caller.ask('identity.update-user', { userId: user.id, patch: { displayName: 'Ivan (plumber)' } }),
    ).toEqual(updated);
    expect(await outboxCount(db, 'user.updated', { field: 'userId', value: user.id })).toBe(1);

    const back = await caller.ask('identity.update-user', {
      userId: user.id,
      patch: { displayName: null, role: 'technician', active: false },
    });
    expect(back).toMatchObject({ name: 'ivan', role: 'technician', active: false });
  });

  it("sets a person's language over their Telegram app's, and clears it", async () => {
    const { user } = await caller.ask('identity.register-from-telegram', {
      profile: telegramProfile('Lena'),
    });
    expect(user).toMatchObject({ languageCode: 'en', language: null });
    const chosen = await caller.ask(
      'identity.update-user',
      { userId: user.id, patch: { language: 'ru' } },
      byAdmin(),
    );
    expect(chosen).toMatchObject({ languageCode: 'en', language: 'ru' });
    expect(await caller.ask('identity.get-user', { userId: user.id })).toMatchObject({ language: 'ru' });
    const event = await tap.next('user.updated', (d) => d.userId === user.id);
    expect(event.data).toMatchObject({ changed: ['language'] });
    // A new /start refreshes the Telegram profile, never the chosen language.
    await caller.ask('identity.register-from-telegram', {
      profile: { telegramId: user.telegramId!, firstName: 'Lena', languageCode: 'de' },
    });
    expect(await caller.ask('identity.get-user', { userId: user.id })).toMatchObject({
      languageCode: 'de',
      language: 'ru',
    });
    const cleared = await caller.ask('identity.update-user', { userId: user.id, patch: { language: null } });
    expect(cleared.language).toBeNull();
    await expect(
      caller.ask('identity.update-user', { userId: user.id, patch: { language: 'de' as 'ru' } }),
    ).rejects.toThrow(/patch\.language/);
  });

  it('refuses unknown people, bad managers and logins for non-staff', async () => {
    expect(
      await caller.refusal('identity.update-user', {
        userId: '0195f000-0000-7000-8000-00000000abcd',
        patch: { active: false },
      }),
    ).toMatchObject({ code: 'not_found' });
    const maria = (await caller.ask('identity.list-users', { q: 'maria' })).items.find(
      (u) => u.login === 'maria',
    )!;
    expect(
      await caller.refusal('identity.update-user', { userId: maria.id, patch: { role: 'client' } }),
    ).toMatchObject({ code: 'validation', details: { field: 'role' } });
    expect(
      await caller.refusal('identity.update-user', { userId: maria.id, patch: { managerId: maria.id } }),
    ).toMatchObject({ code: 'validation', details: { field: 'managerId' } });
    const { user: client } = await caller.ask('identity.register-from-telegram', {
      profile: telegramProfile('C'),
    });
    expect(
      await caller.ask('identity.update-user', { userId: client.id, patch: { managerId: maria.id } }),
    ).toMatchObject({ managerId: maria.id });
    // A manager still managing clients cannot leave (S1-01): hers go to a deputy first.
    const deputy = await caller.ask('identity.create-user', { role: 'manager', name: 'Deputy' });
    await handOverClients(maria.id, deputy.id);
    await caller.ask('identity.update-user', { userId: maria.id, patch: { active: false } });
    expect(
      await caller.refusal('identity.update-user', {
        userId: (await caller.ask('identity.register-from-telegram', { profile: telegramProfile('D') })).user
          .id,
        patch: { managerId: maria.id },
      }),
    ).toMatchObject({ code: 'validation', details: { field: 'managerId' } });
    await caller.ask('identity.update-user', { userId: maria.id, patch: { active: true } });
  });

  it('never leaves nobody able to sign in as admin', async () => {
    const admins = await caller.ask('identity.list-users', { role: 'admin', active: true });
    const withLogin = admins.items.filter((u) => u.login !== null);
    // Demote all but the root admin, then the root admin itself is protected.
    for (const other of withLogin.filter((u) => u.id !== rootAdmin.userId))
      await caller.ask('identity.update-user', { userId: other.id, patch: { active: false } });
    expect(
      await caller.refusal('identity.update-user', { userId: rootAdmin.userId, patch: { active: false } }),
    ).toMatchObject({ code: 'conflict', details: { field: 'active' } });
    expect(
      await caller.refusal('identity.update-user', { userId: rootAdmin.userId, patch: { role: 'manager' } }),
    ).toMatchObject({ code: 'conflict', details: { field: 'role' } });
  });
});

describe('signing in (S2-06)', () => {
  it('accepts the right password, with the login in any case', async () => {
    const maria = (await caller.ask('identity.list-users', { q: 'maria' })).items.find(
      (u) => u.login === 'maria',
    )!;
    expect(await caller.ask('identity.authenticate', { login: 'Maria', password: 'maria-secret-1' })).toEqual(
      {
        userId: maria.id,
        role: 'manager',
        name: 'Maria Manager',
      },
    );
  });

  it('gives one answer to a wrong password, an unknown login and an inactive person', async () => {
    const inactive = await caller.ask('identity.create-user', {
      role: 'manager',
      name: 'Gone',
      login: 'gone',
      password: 'gone-secret-1',
    });
    await caller.ask('identity.update-user', { userId: inactive.id, patch: { active: false } });
    for (const credentials of [
      { login: 'maria', password: 'maria-secret-2' },
      { login: 'nobody', password: 'maria-secret-1' },
      { login: 'gone', password: 'gone-secret-1' },
    ])
      expect(await caller.refusal('identity.authenticate', credentials)).toMatchObject({
        code: 'unauthorized',
        message: 'wrong login or password',
      });
  });
});
