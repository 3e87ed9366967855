// People join through the bot: invites, plain starts, link tokens, disconnect (S0-02…S0-04, S2-01, S2-02, S3-06).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { outboxCount, useTestEnv, type Caller, type EventTap } from '@fieldgram/testkit';
import {
  asAdmin,
  fakeBotGateway,
  startIdentityRun,
  telegramProfile,
  type IdentityRun,
} from './support/harness.js';

const env = useTestEnv('identity-join');
let run: IdentityRun;
let caller: Caller;
let tap: EventTap;
let db: Knex;
const admin = asAdmin('0195f000-0000-7000-8000-000000000001');

beforeAll(async () => {
  run = await startIdentityRun(env(), { gateway: fakeBotGateway('shop_bot') });
  ({ caller, tap, db } = run);
});
afterAll(async () => {
  await run?.stop();
});

const register = (profile: ReturnType<typeof telegramProfile>, startPayload?: string) =>
  caller.ask('identity.register-from-telegram', {
    profile,
    ...(startPayload !== undefined ? { startPayload } : {}),
  });

async function usersWithTelegramId(telegramId: number): Promise<number> {
  const [row] = await db
    .withSchema('identity')
    .table('users')
    .where({ telegram_id: telegramId })
    .count<{ n: string }[]>({ n: '*' });
  return Number(row?.n);
}

describe('joining through the technicians’ link (S0-02…S0-04)', () => {
  it('is one standing link, made once, on the bot gateway’s bot', async () => {
    const [first, second] = await Promise.all([
      caller.ask('identity.get-join-link', { role: 'technician' }, admin),
      caller.ask('identity.get-join-link', { role: 'technician' }, admin),
    ]);
    expect(second).toEqual(first);
    expect(first.expiresAt).toBeNull();
    expect(first.link).toBe(`https://t.me/shop_bot?start=i_${first.token}`);
    expect(`i_${first.token}`.length).toBeLessThanOrEqual(64);
    expect(await caller.ask('identity.get-join-link', { role: 'technician' })).toEqual(first);
    const created = await tap.next('invite.created', (d) => d.role === 'technician');
    expect(created.data).toMatchObject({ maxUses: null, expiresAt: null });
    expect(tap.ofType('invite.created', (d) => d.role === 'technician')).toHaveLength(1);
  });

  it('makes a technician with name, Telegram id, username and profile link', async () => {
    const { token } = await caller.ask('identity.get-join-link', { role: 'technician' });
    const profile = telegramProfile('Ivan', { lastName: 'Petrov', username: 'ivan_fix' });
    const { user, outcome } = await register(profile, `i_${token}`);
    expect(outcome).toBe('registered');
    expect(user).toMatchObject({
      role: 'technician',
      active: true,
      name: 'Ivan Petrov',
      firstName: 'Ivan',
      lastName: 'Petrov',
      username: 'ivan_fix',
      telegramId: profile.telegramId,
      profileLink: 'https://t.me/ivan_fix',
      languageCode: 'en',
      displayName: null,
      login: null,
    });
    const event = await tap.next('user.registered', (d) => d.userId === user.id);
    expect(event.data).toEqual({
      userId: user.id,
      role: 'technician',
      name: 'Ivan Petrov',
      telegramId: profile.telegramId,
      username: 'ivan_fix',
      profileLink: 'https://t.me/ivan_fix',
      via: 'invite',
    });
    expect(event.partitionKey).toBe(`user:${user.id}`);
    expect(event.source).toBe('identity');
    expect(event.causationId).not.toBeNull();
    expect(await caller.ask('identity.get-user-by-telegram', { telegramId: profile.telegramId })).toEqual({
      user,
    });
    expect(await caller.ask('identity.get-user', { userId: user.id })).toEqual(user);
  });

  it('recognises a second /start: nothing new, the role kept, the profile refreshed', async () => {
    const { token } = await caller.ask('identity.get-join-link', { role: 'technician' });
    const profile = telegramProfile('Olga', { username: 'olga_old' });
    const first = await register(profile, `i_${token}`);
    const again = await register({ ...profile, username: 'olga_new' });
    expect(again.outcome).toBe('existing');
    expect(again.user).toMatchObject({ id: first.user.id, role: 'technician', username: 'olga_new' });
    expect(again.user.profileLink).toBe('https://t.me/olga_new');
    const updated = await tap.next('user.updated', (d) => d.userId === first.user.id);
    expect(updated.data).toMatchObject({ changed: ['username'], role: 'technician' });
    // A client's invite changes nobody's role.
    const { token: clientInvite } = await caller.ask('identity.create-invite', { role: 'manager' });
    expect(await register({ ...profile, username: 'olga_new' }, `i_${clientInvite}`)).toMatchObject({
      outcome: 'existing',
      user: { role: 'technician' },
    });
    expect(await usersWithTelegramId(profile.telegramId)).toBe(1);
    expect(await outboxCount(db, 'user.updated', { field: 'userId', value: first.user.id })).toBe(1);
  });

  it('makes one person of the same /start sent 10 times at once', async () => {
    const { token } = await caller.ask('identity.get-join-link', { role: 'technician' });
    const profile = telegramProfile('Sergey');
    const results = await Promise.all(Array.from({ length: 10 }, () => register(profile, `i_${token}`)));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'existing')).toHaveLength(9);
    expect(await usersWithTelegramId(profile.telegramId)).toBe(1);
    expect(await outboxCount(db, 'user.registered', { field: 'telegramId', value: profile.telegramId })).toBe(
      1,
    );
  });

  it('makes 50 technicians of 50 people joining at once', async () => {
    const { token } = await caller.ask('identity.get-join-link', { role: 'technician' });
    const before = await db
      .withSchema('identity')
      .table('invites')
      .where({ token })
      .first<{ uses: number }>();
    const profiles = Array.from({ length: 50 }, (_, i) => telegramProfile(`Tech${i}`));
    const results = await Promise.all(profiles.map((profile) => register(profile, `i_${token}`)));
    expect(results.every((r) => r.outcome === 'registered' && r.user.role === 'technician')).toBe(true);
    expect(new Set(results.map((r) => r.user.id)).size).toBe(50);
    const after = await db
      .withSchema('identity')
      .table('invites')
      .where({ token })
      .first<{ uses: number } | undefined>();
    expect((after?.uses ?? 0) - (before?.uses ?? 0)).toBe(50);
    const listed = await caller.ask('identity.list-users', { role: 'technician', q: 'Tech', pageSize: 100 });
    expect(listed.total).toBe(50);
  });
});

describe('a plain /start (S3-06)', () => {
  it('makes a client, as does an unknown payload', async () => {
    const plain = await register(telegramProfile('Anna'));
    expect(plain).toMatchObject({
      outcome: 'registered',
      user: { role: 'client', profileLink: expect.stringMatching(/^tg:\/\/user\?id=\d+$/) as unknown },
    });
    const odd = await register(telegramProfile('Boris'), 'from-sms');
    expect(odd).toMatchObject({ outcome: 'registered', user: { role: 'client' } });
    const event = await tap.next('user.registered', (d) => d.userId === plain.user.id);
    expect(event.data.via).toBe('start');
  });
});

describe('invites', () => {
  it('admit no more people than their maximum, even at once', async () => {
    const invite = await caller.ask('identity.create-invite', { role: 'workshop', maxUses: 3 }, admin);
    expect(invite).toMatchObject({ role: 'workshop', maxUses: 3, expiresAt: null });
    expect(invite.link).toBe(`https://t.me/shop_bot?start=i_${invite.token}`);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => register(telegramProfile(`Shop${i}`), `i_${invite.token}`)),
    );
    expect(results.filter((r) => r.outcome === 'registered' && r.user.role === 'workshop')).toHaveLength(3);
    const refused = results.filter((r) => r.outcome === 'invite-invalid');
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.user.role === 'client')).toBe(true);
    expect(await caller.ask('identity.describe-token', { token: invite.token })).toMatchObject({
      kind: 'invite',
      role: 'workshop',
      valid: false,
    });
    const created = await tap.next('invite.created', (d) => d.inviteId !== undefined && d.maxUses === 3);
    expect(created.actor).toEqual(admin.actor);
  });

  it('expire', async () => {
    const invite = await caller.ask('identity.create-invite', { role: 'technician', expiresInHours: 2 });
    expect(Date.parse(invite.expiresAt!) - Date.now()).toBeGreaterThan(7_000_000);
    await db
      .withSchema('identity')
      .table('invites')
      .where({ token: invite.token })
      .update({
        expires_at: db.raw("now() - interval '1 minute'"),
      });
    const result = await register(telegramProfile('Late'), `i_${invite.token}`);
    expect(result).toMatchObject({ outcome: 'invite-invalid', user: { role: 'client' } });
    expect(await register(telegramProfile('Lost'), 'i_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      outcome: 'invite-invalid',
    });
  });
});

describe('link tokens (S2-01, S2-02)', () => {
  async function personWithoutTelegram(name: string) {
    return caller.ask('identity.create-user', { role: 'client', name, phone: '+10000000' }, admin);
  }

  it('attach a Telegram account to the person they were made for, once', async () => {
    const person = await personWithoutTelegram('Client From CRM');
    const link = await caller.ask('identity.create-telegram-link', { userId: person.id }, admin);
    expect(link.link).toBe(`https://t.me/shop_bot?start=l_${link.token}`);
    expect(Date.parse(link.expiresAt!) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const described = await caller.ask('identity.describe-token', { token: `l_${link.token}` });
    expect(described).toEqual({
      kind: 'telegram-link',
      link: link.link,
      role: null,
      userId: person.id,
      expiresAt: link.expiresAt,
      valid: true,
    });

    const profile = telegramProfile('Pavel', { username: 'pavel_t' });
    const linked = await register(profile, `l_${link.token}`);
    expect(linked.outcome).toBe('linked');
    expect(linked.user).toMatchObject({
      id: person.id,
      role: 'client',
      name: 'Client From CRM',
      telegramId: profile.telegramId,
      username: 'pavel_t',
      firstName: 'Pavel',
      phone: '+10000000',
    });
    const event = await tap.next('user.telegram-linked', (d) => d.userId === person.id);
    expect(event.data).toEqual({
      userId: person.id,
      telegramId: profile.telegramId,
      name: 'Client From CRM',
    });
    expect(await caller.ask('identity.describe-token', { token: link.token })).toMatchObject({
      valid: false,
    });
    expect(await outboxCount(db, 'user.registered', { field: 'telegramId', value: profile.telegramId })).toBe(
      0,
    );

    // The same person tapping it again is told it worked; nothing changes.
    expect(await register(profile, `l_${link.token}`)).toMatchObject({
      outcome: 'linked',
      user: { id: person.id },
    });
    // Anyone else is refused (and, being new, registered as a plain client).
    const stranger = await register(telegramProfile('Mallory'), `l_${link.token}`);
    expect(stranger.outcome).toBe('link-invalid');
    expect(stranger.user.id).not.toBe(person.id);
    expect(stranger.user.role).toBe('client');
    expect(await outboxCount(db, 'user.telegram-linked', { field: 'userId', value: person.id })).toBe(1);
  });

  it('are refused once expired, and never take an account from another person', async () => {
    const person = await personWithoutTelegram('Late Client');
    const expired = await caller.ask('identity.create-telegram-link', { userId: person.id });
    await db
      .withSchema('identity')
      .table('telegram_links')
      .where({ user_id: person.id })
      .update({
        expires_at: db.raw("now() - interval '1 second'"),
      });
    const late = telegramProfile('Late');
    expect((await register(late, `l_${expired.token}`)).outcome).toBe('link-invalid');

    // `late` now is a person of their own: a fresh token for `person` cannot take their account.
    const fresh = await caller.ask('identity.create-telegram-link', { userId: person.id });
    const refused = await register(late, `l_${fresh.token}`);
    expect(refused.outcome).toBe('link-invalid');
    expect(refused.user.id).not.toBe(person.id);
    expect((await caller.ask('identity.get-user', { userId: person.id })).telegramId).toBeNull();
    expect(await caller.ask('identity.describe-token', { token: fresh.token })).toMatchObject({
      valid: true,
    });
  });

  it('replace the account a person had before', async () => {
    const { user } = await register(telegramProfile('Vera'));
    const link = await caller.ask('identity.create-telegram-link', { userId: user.id });
    const newPhone = telegramProfile('Vera');
    const result = await register(newPhone, `l_${link.token}`);
    expect(result).toMatchObject({
      outcome: 'linked',
      user: { id: user.id, telegramId: newPhone.telegramId },
    });
    await tap.next('user.telegram-unlinked', (d) => d.userId === user.id && d.telegramId === user.telegramId);
    await tap.next(
      'user.telegram-linked',
      (d) => d.userId === user.id && d.telegramId === newPhone.telegramId,
    );
    expect(await caller.ask('identity.get-user-by-telegram', { telegramId: user.telegramId! })).toEqual({
      user: null,
    });
  });

  it('need a person that exists', async () => {
    const missing = await caller.refusal('identity.create-telegram-link', {
      userId: '0195f000-0000-7000-8000-00000000dead',
    });
    expect(missing.code).toBe('not_found');
    expect((await caller.refusal('identity.create-telegram-link', { userId: 'nope' })).code).toBe(
      'not_found',
    );
  });
});

describe('an inactive person (S3-07)', () => {
  it('is answered blocked, whatever link they come back with, and nothing changes', async () => {
    const profile = telegramProfile('Blocked Bob', { username: 'bob_before' });
    const bob = (await register(profile)).user;
    await caller.ask('identity.update-user', { userId: bob.id, patch: { active: false } }, admin);
    const client = await caller.ask('identity.create-user', { role: 'client', name: 'Spare Client' }, admin);
    const link = await caller.ask('identity.create-telegram-link', { userId: client.id }, admin);
    const invite = await caller.ask('identity.create-invite', { role: 'manager' }, admin);

    for (const payload of [undefined, `l_${link.token}`, `i_${invite.token}`]) {
      const answer = await register({ ...profile, username: 'bob_after' }, payload);
      expect(answer, String(payload)).toMatchObject({
        outcome: 'blocked',
        user: { id: bob.id, active: false },
      });
    }
    // Not refreshed, not linked, not promoted; the link is still unused.
    const after = await caller.ask('identity.get-user', { userId: bob.id });
    expect(after).toMatchObject({ username: 'bob_before', role: 'client', active: false });
    expect(await caller.ask('identity.describe-token', { token: link.token })).toMatchObject({ valid: true });
  });
});

describe('disconnecting Telegram', () => {
  it('clears the account, says so in an event, and refuses when there is nothing to disconnect', async () => {
    const profile = telegramProfile('Dmitry', { username: 'dima' });
    const { user } = await register(profile);
    const after = await caller.ask('identity.disconnect-telegram', { userId: user.id }, admin);
    expect(after).toMatchObject({
      id: user.id,
      telegramId: null,
      username: null,
      profileLink: null,
      name: 'Dmitry',
    });
    const event = await tap.next('user.telegram-unlinked', (d) => d.userId === user.id);
    expect(event.data).toEqual({ userId: user.id, telegramId: profile.telegramId, name: 'Dmitry' });
    expect(event.actor).toEqual(admin.actor);
    const again = await caller.refusal('identity.disconnect-telegram', { userId: user.id });
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/^not connected/);
    expect(await caller.ask('identity.get-user-by-telegram', { telegramId: profile.telegramId })).toEqual({
      user: null,
    });
    const unknown = await caller.refusal('identity.disconnect-telegram', {
      userId: '0195f000-0000-7000-8000-00000000beef',
    });
    expect(unknown.code).toBe('not_found');
  });
});

describe('describe-token', () => {
  it('tells invites by their bare token or payload, and refuses unknown tokens', async () => {
    const invite = await caller.ask('identity.create-invite', {
      role: 'client',
      maxUses: 5,
      expiresInHours: 1,
    });
    const expected = {
      kind: 'invite',
      link: invite.link,
      role: 'client',
      userId: null,
      expiresAt: invite.expiresAt,
      valid: true,
    };
    expect(await caller.ask('identity.describe-token', { token: invite.token })).toEqual(expected);
    expect(await caller.ask('identity.describe-token', { token: `i_${invite.token}` })).toEqual(expected);
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `l_${invite.token}`, 'not a token'])
      expect((await caller.refusal('identity.describe-token', { token })).code).toBe('not_found');
  });
});
