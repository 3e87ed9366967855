// identity down when an event comes: the event waits (retried without using up its tries) and
// is notified once identity answers again — nothing lost, nothing doubled (DESIGN §3).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import type { NotificationService } from '../src/service.js';
import {
  BusPeer,
  consumedCount,
  IdentityDouble,
  notificationDb,
  person,
  startNotification,
} from './support/notification-harness.js';

const env = useTestEnv('notification-outage');
let service: NotificationService;
let identity: IdentityDouble;
let bus: BusPeer;
let db: Knex;

beforeAll(async () => {
  identity = await IdentityDouble.start(env());
  bus = await BusPeer.open(env());
  service = await startNotification(env(), { retryDelaysMs: [300], rpcTimeoutMs: 300 });
  db = notificationDb(env());
});
afterAll(async () => {
  await service?.runtime.stop();
  await bus?.close();
  await identity?.stop();
  await db?.destroy();
});

describe('identity outage', () => {
  it('an event that came while identity was down is notified once it is back', async () => {
    const admin = person({ role: 'admin', name: 'Olga' });
    identity.people = [admin];
    await identity.pause();

    await bus.publish('identity', 'user.registered', {
      userId: 'tech-1',
      role: 'technician',
      name: 'Ivan',
      telegramId: null,
      username: null,
      profileLink: null,
      via: 'staff',
    });
    // More retries than the consumer's tries: an outage does not use them up (the event is not parked).
    await waitFor(async () => (await consumedCount(service.runtime, 'user.registered', 'retried')) >= 2, {
      message: 'the event retried while identity is down',
    });
    expect(await db.table('feed_items').select('id')).toEqual([]);

    await identity.resume();
    await waitFor(async () => (await db.table('feed_items').where({ subject: 'user:tech-1' })).length === 1, {
      message: 'the feed item once identity is back',
      timeoutMs: 15_000,
    });
    expect(await db.table('feed_items').where({ recipient_id: admin.id }).select('text')).toEqual([
      { text: 'Добавлен новый техник (Ivan)' },
    ]);
  });
});
