// Audit: every domain event journaled once, append-only, queryable by type, subject and time (S0-12).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import { newMessageId, type JournalEntry } from '@fieldgram/contracts';
import type { AuditService } from '../src/service.js';
import { auditDb, BusPeer, consumedCount, startAudit } from './support/audit-harness.js';

const env = useTestEnv('audit');
let service: AuditService;
let bus: BusPeer;
let db: Knex;

beforeAll(async () => {
  service = await startAudit(env());
  bus = await BusPeer.open(env());
  db = auditDb(env());
});
afterAll(async () => {
  await service?.runtime.stop();
  await bus?.close();
  await db?.destroy();
});

const admin = { kind: 'user' as const, userId: 'admin-1', role: 'admin' as const };

function registered(name: string, role: 'technician' | 'client' = 'technician') {
  return {
    userId: newMessageId(),
    role,
    name,
    telegramId: null,
    username: null,
    profileLink: null,
    via: 'staff' as const,
  };
}

async function journaled(id: string): Promise<JournalEntry | undefined> {
  const { items } = await bus.rpc.request('audit.query', { pageSize: 200 });
  return items.find((item) => item.id === id);
}

describe('audit', () => {
  it('journals an event once, even when it is delivered twice', async () => {
    const data = registered('Ann');
    const event = await bus.publish('user.registered', data, { actor: admin });
    const entry = await waitFor(() => journaled(event.id), { message: 'the event journaled' });
    expect(entry).toEqual({
      id: event.id,
      type: 'user.registered',
      actor: admin,
      subject: `user:${data.userId}`,
      data,
      occurredAt: event.occurredAt,
      source: 'identity',
      correlationId: event.correlationId,
    });

    const duplicatesBefore = await consumedCount(service.runtime, 'user.registered', 'duplicate');
    await bus.republish(event);
    await waitFor(
      async () => (await consumedCount(service.runtime, 'user.registered', 'duplicate')) > duplicatesBefore,
      { message: 'the redelivery recognised' },
    );
    expect(await db.table('journal').where({ id: event.id }).count<{ n: string }[]>({ n: '*' })).toEqual([
      { n: '1' },
    ]);
  });

  it('journals Telegram facts (a user blocked the bot) but not Telegram traffic', async () => {
    const sent = await bus.publish(
      'tg.out.sent',
      { idempotencyKey: 'k1', chatId: 77, method: 'sendMessage', messageId: 1 },
      { source: 'bot-gateway', partitionKey: 'chat:77' },
    );
    const blocked = await bus.publish(
      'tg.user.blocked',
      { chatId: 77, description: 'Forbidden: bot was blocked by the user' },
      { source: 'bot-gateway', partitionKey: 'chat:77' },
    );
    const entry = await waitFor(() => journaled(blocked.id), { message: 'tg.user.blocked journaled' });
    expect(entry).toMatchObject({ type: 'tg.user.blocked', subject: 'chat:77', actor: { kind: 'system' } });
    // The queue is not even bound to tg.out.sent: nothing arrives, nothing is parked.
    expect(await journaled(sent.id)).toBeUndefined();
    expect(await consumedCount(service.runtime, 'tg.out.sent', 'invalid')).toBe(0);
  });

  it('filters by type (or a family of types), subject and time; pages newest first with the total', async () => {
    // A year of its own, so other tests' events stay out of the window.
    const window = { from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' };
    const at = (day: number) => new Date(Date.UTC(2020, 5, day, 12));
    const ann = registered('Ann');
    const bob = registered('Bob', 'client');
    const published = [
      await bus.publish('user.registered', ann, { occurredAt: at(1) }),
      await bus.publish('user.registered', bob, { occurredAt: at(2) }),
      await bus.publish(
        'user.updated',
        { userId: ann.userId, role: 'technician', active: false, name: 'Ann', changed: ['active'] },
        { occurredAt: at(3), actor: admin, source: 'identity' },
      ),
      await bus.publish(
        'invite.created',
        { inviteId: 'inv-1', role: 'technician', maxUses: null, expiresAt: null },
        { occurredAt: at(4), actor: admin },
      ),
      await bus.publish(
        'user.telegram-linked',
        { userId: ann.userId, telegramId: 9, name: 'Ann' },
        { occurredAt: at(5) },
      ),
    ];
    await waitFor(
      async () => (await bus.rpc.request('audit.query', { ...window })).total === published.length,
      { message: 'five events journaled' },
    );
    const query = async (filter: Record<string, unknown>) => {
      const result = await bus.rpc.request('audit.query', { ...window, ...filter });
      return { total: result.total, types: result.items.map((item) => item.type), page: result.page };
    };

    expect(await query({})).toEqual({
      total: 5,
      page: 1,
      types: ['user.telegram-linked', 'invite.created', 'user.updated', 'user.registered', 'user.registered'],
    });
    expect(await query({ type: 'user.registered' })).toMatchObject({ total: 2 });
    expect(await query({ type: 'user.*' })).toMatchObject({ total: 4 });
    expect(await query({ type: 'user' })).toMatchObject({ total: 0 });
    expect(await query({ subject: `user:${ann.userId}` })).toMatchObject({
      total: 3,
      types: ['user.telegram-linked', 'user.updated', 'user.registered'],
    });
    expect(await query({ subject: 'invite:inv-1' })).toMatchObject({ total: 1, types: ['invite.created'] });
    // [from, to): from is included, to is not.
    expect(await query({ from: at(2).toISOString(), to: at(4).toISOString() })).toMatchObject({
      total: 2,
      types: ['user.updated', 'user.registered'],
    });

    const page2 = await bus.rpc.request('audit.query', { ...window, page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((item) => item.id)).toEqual([published[2]!.id, published[1]!.id]);
    expect((await bus.rpc.request('audit.query', { ...window, page: 3, pageSize: 2 })).items).toHaveLength(1);
  });

  it('is append-only: the database refuses updates, deletes and truncation', async () => {
    const event = await bus.publish('user.registered', registered('Carol'));
    await waitFor(() => journaled(event.id), { message: 'the event journaled' });
    await expect(db.table('journal').where({ id: event.id }).update({ type: 'forged' })).rejects.toThrow(
      /append-only: UPDATE is not allowed/,
    );
    await expect(db.table('journal').where({ id: event.id }).delete()).rejects.toThrow(
      /append-only: DELETE is not allowed/,
    );
    await expect(db.raw('truncate journal')).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    expect(await journaled(event.id)).toMatchObject({ type: 'user.registered' });
  });
});
