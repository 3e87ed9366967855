// S1-01: every client has exactly one assigned manager — by the organization's rule when they join
// (the active manager with the fewest clients, the oldest on a tie), waiting while no manager is
// active; reassigned by staff (user.manager-assigned); a manager leaves only without active clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@fieldgram/contracts';
import { useTestEnv, type Caller, type EventTap } from '@fieldgram/testkit';
import {
  ADMIN,
  asAdmin,
  identityEnvFor,
  startIdentity,
  startIdentityRun,
  telegramProfile,
  type IdentityRun,
} from './support/harness.js';

const env = useTestEnv('identity-managers');
const raceEnv = useTestEnv('identity-managers-race');
let run: IdentityRun;
let caller: Caller;
let tap: EventTap;
let adminId: string;

beforeAll(async () => {
  run = await startIdentityRun(env());
  ({ caller, tap } = run);
  adminId = (await caller.ask('identity.authenticate', ADMIN)).userId;
});
afterAll(async () => {
  await run?.stop();
});

const joins = async (name: string) =>
  (await caller.ask('identity.register-from-telegram', { profile: telegramProfile(name) })).user;
const manager = (name: string) => caller.ask('identity.create-user', { role: 'manager', name });
const managerOf = async (user: User) =>
  (await caller.ask('identity.get-user', { userId: user.id })).managerId;
const clientsOf = async (managerId: string) =>
  (await caller.ask('identity.list-users', { managerId, role: 'client', active: true, pageSize: 100 })).total;

describe('clients who join before any manager (S1-01)', () => {
  it('wait unassigned, and get the first manager as soon as one exists', async () => {
    const early = await joins('Early Bird');
    const added = await caller.ask('identity.create-user', { role: 'client', name: 'Early Import' });
    expect([early.managerId, added.managerId]).toEqual([null, null]);
    expect(await run.outboxCount('user.manager-assigned')).toBe(0);

    const first = await manager('First Manager');
    expect(await managerOf(early)).toBe(first.id);
    expect(await managerOf(added)).toBe(first.id);
    for (const client of [early, added]) {
      const assigned = await tap.next('user.manager-assigned', (d) => d.userId === client.id);
      expect(assigned.data).toEqual({
        userId: client.id,
        name: client.name,
        managerId: first.id,
        previousManagerId: null,
        via: 'rule',
      });
      // The person changed too: the same partition says so first.
      expect(tap.typesFor(client.id).slice(-2)).toEqual(['user.updated', 'user.manager-assigned']);
    }
  });
});

describe('the fewest-clients rule (S1-01)', () => {
  let first: User;
  let second: User;
  let third: User;
  beforeAll(async () => {
    first = (await caller.ask('identity.list-users', { role: 'manager', q: 'First Manager' })).items[0]!;
    second = await manager('Second Manager');
    third = await manager('Third Manager');
  });

  it('gives each joining client the active manager with the fewest clients, the oldest on a tie', async () => {
    // First has 2 clients, Second and Third none.
    const picked: (string | null)[] = [];
    for (const name of ['Join A', 'Join B', 'Join C', 'Join D', 'Join E'])
      picked.push((await joins(name)).managerId);
    expect(picked).toEqual([second.id, third.id, second.id, third.id, first.id]);
    // Staff adding a client without a manager: the same rule; with one: that one.
    const imported = await caller.ask('identity.create-user', { role: 'client', name: 'Imported' });
    expect(imported.managerId).toBe(second.id);
    const chosen = await caller.ask('identity.create-user', {
      role: 'client',
      name: 'Chosen',
      managerId: first.id,
    });
    expect(chosen.managerId).toBe(first.id);
    expect((await tap.next('user.manager-assigned', (d) => d.userId === chosen.id)).data).toMatchObject({
      via: 'staff',
      managerId: first.id,
    });
    const joined = await tap.next('user.manager-assigned', (d) => d.userId === imported.id);
    expect(joined.data).toMatchObject({ via: 'rule', previousManagerId: null });
    expect(tap.typesFor(imported.id)).toEqual(['user.registered', 'user.manager-assigned']);
  });

  it('counts active clients only, and never gives a client an inactive manager', async () => {
    const loads = async () => [
      await clientsOf(first.id),
      await clientsOf(second.id),
      await clientsOf(third.id),
    ];
    expect(await loads()).toEqual([4, 3, 2]);
    // Two of First's clients leave: First has the fewest now.
    const { items } = await caller.ask('identity.list-users', { managerId: first.id, pageSize: 2 });
    for (const client of items)
      await caller.ask('identity.update-user', { userId: client.id, patch: { active: false } });
    expect((await joins('After Leaving')).managerId).toBe(first.id);
    // A manager without clients may go; nobody joins them afterwards.
    const idle = await manager('Idle Manager');
    expect(await clientsOf(idle.id)).toBe(0);
    await caller.ask('identity.update-user', { userId: idle.id, patch: { active: false } });
    expect((await joins('Not Idle')).managerId).not.toBe(idle.id);
  });

  it('reassigns a client by staff, announcing it, and refuses non-clients and non-managers', async () => {
    const client = await joins('Moving Client');
    const previous = client.managerId!;
    const target = previous === third.id ? second : third;
    const moved = await caller.ask(
      'identity.assign-manager',
      { clientId: client.id, managerId: target.id },
      asAdmin(adminId),
    );
    expect(moved).toMatchObject({ id: client.id, managerId: target.id });
    const event = await tap.next('user.manager-assigned', (d) => d.userId === client.id && d.via === 'staff');
    expect(event.data).toEqual({
      userId: client.id,
      name: 'Moving Client',
      managerId: target.id,
      previousManagerId: previous,
      via: 'staff',
    });
    expect(event.actor).toEqual({ kind: 'user', userId: adminId, role: 'admin' });
    // The same manager again changes nothing and says nothing.
    await caller.ask('identity.assign-manager', { clientId: client.id, managerId: target.id });
    expect(await run.outboxCount('user.manager-assigned', { field: 'userId', value: client.id })).toBe(2);

    const inactive = (await caller.ask('identity.list-users', { role: 'manager', active: false })).items[0]!;
    for (const managerId of [inactive.id, client.id, adminId, 'not-a-uuid'])
      expect(
        await caller.refusal('identity.assign-manager', { clientId: client.id, managerId }),
      ).toMatchObject({ code: 'validation', details: { field: 'managerId' } });
    expect(
      await caller.refusal('identity.assign-manager', { clientId: second.id, managerId: third.id }),
    ).toMatchObject({ code: 'validation', details: { field: 'clientId' } });
    expect(
      await caller.refusal('identity.assign-manager', {
        clientId: '0195f000-0000-7000-8000-00000000beef',
        managerId: third.id,
      }),
    ).toMatchObject({ code: 'not_found' });
    // Through update-user too: announced the same way; a client is never left without one.
    const back = await caller.ask('identity.update-user', {
      userId: client.id,
      patch: { managerId: previous },
    });
    expect(back.managerId).toBe(previous);
    expect(
      (
        await tap.next(
          'user.manager-assigned',
          (d) => d.userId === client.id && d.via === 'staff' && d.managerId === previous,
        )
      ).data,
    ).toMatchObject({ via: 'staff', previousManagerId: target.id });
    expect(
      await caller.refusal('identity.update-user', { userId: client.id, patch: { managerId: null } }),
    ).toMatchObject({ code: 'validation', details: { field: 'managerId' } });
  });

  it('refuses to deactivate or demote a manager with active clients: 409 saying how many', async () => {
    const count = await clientsOf(third.id);
    expect(count).toBeGreaterThan(0);
    const refusal = await caller.refusal('identity.update-user', {
      userId: third.id,
      patch: { active: false },
    });
    expect(refusal).toMatchObject({ code: 'conflict', details: { field: 'active', clients: count } });
    expect(refusal.message).toContain(`${count} active client`);
    expect(
      await caller.refusal('identity.update-user', { userId: third.id, patch: { role: 'technician' } }),
    ).toMatchObject({ code: 'conflict', details: { field: 'role', clients: count } });
    expect((await caller.ask('identity.get-user', { userId: third.id })).active).toBe(true);

    // Once every client is with someone else, Third may go.
    const { items } = await caller.ask('identity.list-users', { managerId: third.id, pageSize: 100 });
    for (const client of items)
      await caller.ask('identity.assign-manager', { clientId: client.id, managerId: second.id });
    const gone = await caller.ask('identity.update-user', { userId: third.id, patch: { active: false } });
    expect(gone.active).toBe(false);
    // Back again: Third takes nobody (no client is waiting) but is in the rule again.
    await caller.ask('identity.update-user', { userId: third.id, patch: { active: true } });
    expect((await joins('Third Again')).managerId).toBe(third.id);
  });

  it("lists a manager's clients, paged newest first, searchable; a manager's view has themselves too", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await caller.ask('identity.create-user', {
            role: 'client',
            name: `Paged ${i}`,
            managerId: first.id,
          })
        ).id,
      );
    const all = await caller.ask('identity.list-users', { managerId: first.id, pageSize: 100 });
    expect(all.items.every((user) => user.managerId === first.id)).toBe(true);
    const page1 = await caller.ask('identity.list-users', { managerId: first.id, q: 'paged', pageSize: 2 });
    const page3 = await caller.ask('identity.list-users', {
      managerId: first.id,
      q: 'paged',
      pageSize: 2,
      page: 3,
    });
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.items.map((user) => user.id)).toEqual([ids[4], ids[3]]);
    expect(page3.items.map((user) => user.id)).toEqual([ids[0]]);
    expect((await caller.ask('identity.list-users', { managerId: second.id, q: 'paged' })).total).toBe(0);
    expect((await caller.ask('identity.list-users', { managerId: 'nobody' })).total).toBe(0);

    const view = await caller.ask('identity.list-users', { visibleToManager: first.id, pageSize: 100 });
    expect(view.total).toBe(all.total + 1);
    expect(view.items.map((user) => user.id)).toContain(first.id);
    expect(view.items.every((user) => user.id === first.id || user.managerId === first.id)).toBe(true);
  });

  it('takes the manager away from someone who stops being a client, and gives one to a new client', async () => {
    const client = await joins('Turning Tech');
    const tech = await caller.ask('identity.update-user', {
      userId: client.id,
      patch: { role: 'technician' },
    });
    expect(tech.managerId).toBeNull();
    const again = await caller.ask('identity.update-user', { userId: client.id, patch: { role: 'client' } });
    expect(again.managerId).not.toBeNull();
    // Once at joining, once on becoming a client again.
    expect(await run.outboxCount('user.manager-assigned', { field: 'userId', value: client.id })).toBe(2);
  });
});

describe('30 clients joining at once across 3 managers (S1-01)', () => {
  it('get 10 each: the assignment lock leaves no race, even across two identity instances', async () => {
    const raceRun = await startIdentityRun(raceEnv());
    const second = await startIdentity(identityEnvFor(raceEnv()));
    try {
      const managers: User[] = [];
      for (const name of ['Race A', 'Race B', 'Race C'])
        managers.push(await raceRun.ask('identity.create-user', { role: 'manager', name }));
      const clients = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          i % 3 === 0
            ? raceRun.ask('identity.create-user', { role: 'client', name: `Racer ${i}` })
            : raceRun
                .ask('identity.register-from-telegram', { profile: telegramProfile(`Racer ${i}`) })
                .then((result) => result.user),
        ),
      );
      const counts = managers.map((m) => clients.filter((client) => client.managerId === m.id).length);
      expect(counts).toEqual([10, 10, 10]);
      for (const m of managers)
        expect((await raceRun.ask('identity.list-users', { managerId: m.id })).total).toBe(10);
      expect(await raceRun.outboxCount('user.manager-assigned')).toBe(30);
    } finally {
      await second.runtime.stop();
      await raceRun.stop();
    }
  });
});
