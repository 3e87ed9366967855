// Telegram pushes through the REAL bot-gateway and the Telegram sandbox: the tg.out command
// notification builds is carried out, and the gateway's outcome closes the delivery log (S2-03).
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import type { TelegramSandbox, SandboxBot } from '@fieldgram/telegram-sandbox';
import { listDeliveries } from '../src/store/delivery-store.js';
import { person, waitFor, type BusPeer, type IdentityDouble } from './support/notification-harness.js';
import { startTelegramStack, type TelegramStack } from './support/telegram-stack.js';

const env = useTestEnv('notification-tg');
let stack: TelegramStack;
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let identity: IdentityDouble;
let bus: BusPeer;
let db: Knex;

beforeAll(async () => {
  stack = await startTelegramStack(env());
  ({ sandbox, bot, identity, bus, db } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

describe('Telegram pushes through bot-gateway', () => {
  it('reaches an admin on Telegram (sent); an admin who blocked the bot is logged failed with the error', async () => {
    const olgaTg = sandbox.createUser({ firstName: 'Ольга', languageCode: 'ru' });
    const jackTg = sandbox.createUser({ firstName: 'Jack', languageCode: 'en' });
    await jackTg.blockBot(bot.token);
    const olga = person({ role: 'admin', name: 'Ольга', telegramId: olgaTg.id, languageCode: 'ru' });
    const jack = person({ role: 'admin', name: 'Jack', telegramId: jackTg.id, languageCode: 'en' });
    identity.people = [olga, jack];

    const technician = person({ role: 'technician', name: 'Пётр' });
    await bus.publish('identity', 'user.registered', {
      userId: technician.id,
      role: 'technician',
      name: 'Пётр',
      telegramId: 5002,
      username: null,
      profileLink: 'tg://user?id=5002',
      via: 'invite',
    });

    await sandbox.waitForEvent(
      bot.token,
      olgaTg.id,
      (e) => e.kind === 'message' && e.message?.text === 'Добавлен новый техник (Пётр)',
    );
    const telegramOf = async (recipientId: string) =>
      (await listDeliveries(db, { recipientId })).find((d) => d.channel === 'telegram');
    const sent = await waitFor(
      async () => (await telegramOf(olga.id))?.status === 'sent' && telegramOf(olga.id),
      {
        message: "Olga's push marked sent",
      },
    );
    expect(sent).toMatchObject({ attempts: 1, error: null, chatId: olgaTg.id });
    expect(sent.sentAt).toBeInstanceOf(Date);

    const failed = await waitFor(
      async () => (await telegramOf(jack.id))?.status === 'failed' && telegramOf(jack.id),
      { message: "Jack's push marked failed" },
    );
    expect(failed).toMatchObject({
      attempts: 1,
      sentAt: null,
      message: 'New technician added (Пётр)',
      error: expect.stringMatching(/^403: Forbidden: bot was blocked by the user/) as string,
    });
    // Blocked or not, both still have it in their feed.
    expect(
      (await listDeliveries(db)).filter((d) => d.channel === 'feed' && d.status === 'sent'),
    ).toHaveLength(2);
  });
});
