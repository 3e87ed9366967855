// Claims follow their client (issue 13, S1-01, S1-06): identity's `user.manager-assigned` moves the
// client's undecided claims to the new manager; `user.updated` renames them for the search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@fieldgram/contracts';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { asManager, startClaims, type ClaimsRun } from './support/harness.js';

const env = useTestEnv('claims-reassignment');
let claims: ClaimsRun;
let first: User;
let second: User;

beforeAll(async () => {
  claims = await startClaims(env());
  first = claims.manager('Первый Менеджер');
  second = claims.manager('Второй Менеджер');
});
afterAll(async () => {
  await claims?.stop();
});

const managerOf = async (claimId: string) => (await claims.run.ask('claims.get', { claimId })).managerId;

describe('a client reassigned (S1-01)', () => {
  it('their open claims go to the new manager, each with claim.reassigned; decided ones stay', async () => {
    const client = claims.client(first.id, 'Клиент Переходящий');
    const fresh = await claims.file(client);
    const reviewing = await claims.file(client);
    const decided = await claims.file(client);
    await claims.run.ask(
      'claims.change-status',
      { claimId: reviewing.id, status: 'in_review', comment: 'Смотрю' },
      asManager(first.id),
    );
    await claims.run.ask(
      'claims.change-status',
      { claimId: decided.id, status: 'resolved', comment: 'Готово' },
      asManager(first.id),
    );
    await claims.publish('user.manager-assigned', {
      userId: client.id,
      name: client.name,
      managerId: second.id,
      previousManagerId: first.id,
      via: 'staff',
    });
    const moved = await waitFor(
      () => {
        const events = claims.run.tap.ofType('claim.reassigned', (data) => data.clientId === client.id);
        return events.length === 2 && events;
      },
      { message: 'both open claims reassigned' },
    );
    expect(moved.map((event) => event.data.claimId).sort()).toEqual([fresh.id, reviewing.id].sort());
    expect(moved[0]?.data).toMatchObject({ managerId: second.id, previousManagerId: first.id });
    expect(await managerOf(fresh.id)).toBe(second.id);
    expect(await managerOf(reviewing.id)).toBe(second.id);
    expect(await managerOf(decided.id)).toBe(first.id);
    // The new manager decides them now; the old one no longer may.
    const change = { claimId: reviewing.id, status: 'resolved', comment: 'Решено' } as const;
    expect((await claims.run.refusal('claims.change-status', change, asManager(first.id))).code).toBe(
      'forbidden',
    );
    await claims.run.ask('claims.change-status', change, asManager(second.id));
    // A claim filed afterwards goes to the new manager, even if identity's lookup lags behind.
    expect((await claims.file(client)).managerId).toBe(second.id);
  });

  it('an assignment older than what claims knows changes nothing, nor does the same one again', async () => {
    const client = claims.client(first.id, 'Клиент Запоздалый');
    const claim = await claims.file(client);
    const assign = (managerId: string) => ({
      userId: client.id,
      name: client.name,
      managerId,
      previousManagerId: null,
      via: 'staff' as const,
    });
    await claims.publish('user.manager-assigned', assign(second.id), new Date(Date.now() + 1_000));
    await waitFor(async () => (await managerOf(claim.id)) === second.id, { message: 'reassigned' });
    await claims.publish('user.manager-assigned', assign(first.id), new Date(Date.now() - 60_000));
    await claims.publish('user.manager-assigned', assign(second.id), new Date(Date.now() + 1_000));
    await sleep(500);
    expect(await managerOf(claim.id)).toBe(second.id);
    expect(claims.run.tap.ofType('claim.reassigned', (data) => data.claimId === claim.id)).toHaveLength(1);
  });
});

describe('a client renamed (S1-06)', () => {
  it('is found by the new name; an older rename does not win', async () => {
    const client = claims.client(first.id, 'Ольга Старая');
    const claim = await claims.file(client);
    await claims.publish('user.updated', {
      userId: client.id,
      role: 'client',
      active: true,
      name: 'Ольга Новикова',
      changed: ['displayName'],
    });
    const search = (q: string) =>
      claims.run.ask('claims.list', { q }).then((page) => page.items.map((i) => i.id));
    await waitFor(async () => (await search('новикова')).includes(claim.id), {
      message: 'found by the new name',
    });
    await claims.publish(
      'user.updated',
      { userId: client.id, role: 'client', active: true, name: 'Ольга Старая', changed: ['displayName'] },
      new Date(Date.now() - 60_000),
    );
    await sleep(500);
    expect(await search('Старая')).not.toContain(claim.id);
    expect((await claims.run.ask('claims.get', { claimId: claim.id })).clientName).toBe('Ольга Новикова');
  });
});
