// The first rule against the REAL identity service (S0-05, S0-13): a technician joins through an
// invite → identity's `user.registered` → every active admin identity knows gets a feed item, and
// the admin who joined through the bot (Telegram, English) a push in English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import { identityEnvSchema } from '../../identity/src/config.js';
import { createIdentityService, type IdentityService } from '../../identity/src/service.js';
import type { NotificationService } from '../src/service.js';
import { BusPeer, silentLogger, startNotification } from './support/notification-harness.js';

const env = useTestEnv('notification-identity');
let identity: IdentityService;
let service: NotificationService;
let bus: BusPeer;

beforeAll(async () => {
  identity = await createIdentityService(
    identityEnvSchema.parse({
      DATABASE_URL: env().databaseUrl,
      AMQP_URL: env().amqpUrl,
      REDIS_URL: env().redisUrl,
      REDIS_PREFIX: env().redisPrefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ADMIN_LOGIN: 'root-admin',
      ADMIN_PASSWORD: 'correct horse battery',
      TELEGRAM_BOT_USERNAME: 'fieldgram_bot',
    }),
    { logger: silentLogger },
  );
  await identity.runtime.start();
  service = await startNotification(env());
  bus = await BusPeer.open(env());
});
afterAll(async () => {
  await service?.runtime.stop();
  await identity?.runtime.stop();
  await bus?.close();
});

/** The `/start` payload a user's Telegram sends for a deep link `https://t.me/<bot>?start=<payload>`. */
const startOf = (link: string) => new URL(link).searchParams.get('start') ?? undefined;

describe('with the real identity', () => {
  it('a technician joining reaches every admin: the first admin (feed) and a Telegram admin (feed + push)', async () => {
    const [root] = (await bus.rpc.request('identity.list-users', { role: 'admin' })).items;
    const asRoot = { actor: { kind: 'user' as const, userId: root!.id, role: 'admin' as const } };

    const adminInvite = await bus.rpc.request('identity.create-invite', { role: 'admin' }, asRoot);
    const { user: jack } = await bus.rpc.request('identity.register-from-telegram', {
      profile: { telegramId: 8001, firstName: 'Jack', languageCode: 'en' },
      startPayload: startOf(adminInvite.link),
    });
    expect(jack).toMatchObject({ role: 'admin', telegramId: 8001 });

    const technicianInvite = await bus.rpc.request('identity.create-invite', { role: 'technician' }, asRoot);
    const { user: ivan } = await bus.rpc.request('identity.register-from-telegram', {
      profile: { telegramId: 5001, firstName: 'Иван', lastName: 'Петров', languageCode: 'ru' },
      startPayload: startOf(technicianInvite.link),
    });
    expect(ivan.role).toBe('technician');

    const itemAbout = async (recipientId: string) =>
      (await bus.rpc.request('notification.list', { recipientId })).items.find(
        (item) => item.subject === `user:${ivan.id}`,
      );
    expect(await waitFor(() => itemAbout(root!.id), { message: "the first admin's item" })).toMatchObject({
      text: 'Добавлен новый техник (Иван Петров)',
      sound: true,
      actions: [{ label: 'Проверить / изменить', href: `/api/v1/users/${ivan.id}` }],
    });
    expect(await waitFor(() => itemAbout(jack.id), { message: "Jack's item" })).toMatchObject({
      text: 'New technician added (Иван Петров)',
      sound: true,
      actions: [{ label: 'Review / edit', href: `/api/v1/users/${ivan.id}` }],
    });
    const push = await waitFor(() => bus.ofType('tg.out', (data) => data.chatId === 8001)[0], {
      message: 'a push to Jack',
    });
    expect(push.data).toMatchObject({
      method: 'sendMessage',
      params: { text: 'New technician added (Иван Петров)' },
    });
    // The technician is not an admin: nothing for them, and no other push.
    expect(await itemAbout(ivan.id)).toBeUndefined();
    expect(bus.ofType('tg.out')).toHaveLength(1);
  });

  it('an admin who chose English (PATCH /users/:id {"language"}) gets English in a Russian organization', async () => {
    const [root] = (await bus.rpc.request('identity.list-users', { role: 'admin', q: 'root-admin' })).items;
    expect(root).toMatchObject({ language: null, languageCode: null });
    const asRoot = { actor: { kind: 'user' as const, userId: root!.id, role: 'admin' as const } };
    const updated = await bus.rpc.request(
      'identity.update-user',
      { userId: root!.id, patch: { language: 'en' } },
      asRoot,
    );
    expect(updated.language).toBe('en');

    const invite = await bus.rpc.request('identity.create-invite', { role: 'technician' }, asRoot);
    const { user: olga } = await bus.rpc.request('identity.register-from-telegram', {
      profile: { telegramId: 5002, firstName: 'Ольга', languageCode: 'ru' },
      startPayload: startOf(invite.link),
    });
    const item = await waitFor(
      async () =>
        (await bus.rpc.request('notification.list', { recipientId: root!.id })).items.find(
          (candidate) => candidate.subject === `user:${olga.id}`,
        ),
      { message: "the chosen-English admin's item" },
    );
    expect(item).toMatchObject({
      text: 'New technician added (Ольга)',
      actions: [{ label: 'Review / edit', href: `/api/v1/users/${olga.id}` }],
    });
  });
});
