// Telegram egress under the flood limits at 95% of the allowed rate (issue 3). How many 429s a
// paced sender draws depends on how evenly its calls arrive, which a loaded machine disturbs, so
// this runs in the `serial` project, alone, where the count measures the pacer and not the load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import { commandSender, floodLimitEnv, gatewayEnvFor, startGateway } from './support/gateway-harness.js';

const env = useTestEnv('gw-egress-pacing');
const LIMITS = { perBotPerSecond: 100, perChatPerSecond: 5, perGroupPerMinute: 20 };
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let gateway: BotGateway;
let sender: Awaited<ReturnType<typeof commandSender>>;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: LIMITS });
  bot = sandbox.createBot({ username: 'egress_pacing_bot' });
  gateway = await startGateway(
    gatewayEnvFor(env(), {
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
      ...floodLimitEnv(LIMITS),
    }),
  );
  sender = await commandSender(env());
});
afterAll(async () => {
  await sender?.close();
  await gateway?.runtime.stop();
  await sandbox?.stop();
});

describe('egress pacing', () => {
  it('delivers 1,000 messages to 50 chats under the flood limits: all, once, in order per chat', async () => {
    const chats = Array.from({ length: 50 }, (_, i) => sandbox.createUser({ firstName: `User${i}` }));
    const throttledBefore = sandbox.stats().tooManyRequests;
    const startedAt = Date.now();
    for (let n = 0; n < 20; n++) {
      await Promise.all(
        chats.map((chat) =>
          sender.send({
            idempotencyKey: `bulk:${chat.id}:${n}`,
            chatId: chat.id,
            method: 'sendMessage',
            params: { text: `#${n}` },
          }),
        ),
      );
    }
    await waitFor(
      () =>
        chats.every(
          (chat) => sandbox.chatLog(bot.token, chat.id).filter((e) => e.kind === 'message').length >= 20,
        ),
      { message: '1000 messages delivered', timeoutMs: 60_000, intervalMs: 250 },
    );
    const seconds = (Date.now() - startedAt) / 1000;
    await sleep(500);
    for (const chat of chats) {
      const texts = sandbox
        .chatLog(bot.token, chat.id)
        .filter((e) => e.kind === 'message')
        .map((e) => e.message?.text);
      expect(texts).toEqual(Array.from({ length: 20 }, (_, n) => `#${n}`));
    }
    const throttled = sandbox.stats().tooManyRequests - throttledBefore;
    const allowed = Math.min(LIMITS.perBotPerSecond, 50 * LIMITS.perChatPerSecond);
    console.log(
      `egress: 1000 messages to 50 chats in ${seconds.toFixed(1)} s = ${(1000 / seconds).toFixed(0)} msg/s ` +
        `(allowed ${allowed} msg/s, ${((1000 / seconds / allowed) * 100).toFixed(0)}%); 429s received: ${throttled}`,
    );
    expect(throttled).toBeLessThan(20); // rare; every one of them was waited out (all delivered)
  });
});
