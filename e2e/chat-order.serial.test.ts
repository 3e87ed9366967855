// Issue 7, per-chat order at scale (DESIGN §3): three conversation processes share the chats;
// 100 chats × 20 rapid updates are answered in order; SIGKILL one instance and every chat is
// served again within 5 s. Real processes (as `npm start` runs them), the sandbox as Telegram.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricSum, startServiceStack, useTestEnv, waitFor, type ServiceStack } from '@fieldgram/testkit';
import { isPartitionQueue } from '@fieldgram/platform';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';

const CHATS = 100;
const UPDATES_PER_CHAT = 20;
const INSTANCES = 3;
const PARTITIONS = 16;

const env = useTestEnv('e2e-chat-order');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let stack: ServiceStack;
let users: SandboxUser[];
/** Per chat, the message each bot reply answered (`reply_to_message`), in arrival order. */
const answered = new Map<number, number[]>();
/** Per chat, when its latest bot message arrived (epoch ms). */
const lastReplyAt = new Map<number, number>();

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'order_bot' });
  sandbox.onChatEvent((botId, chatId, event) => {
    if (botId !== bot.id || event.method !== 'sendMessage') return;
    lastReplyAt.set(chatId, event.at);
    const repliedTo = event.message?.reply_to_message?.message_id;
    if (repliedTo !== undefined) answered.set(chatId, [...(answered.get(chatId) ?? []), repliedTo]);
  });
  stack = await startServiceStack({
    env: env(),
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token, mode: 'webhook' },
    instances: { conversation: INSTANCES },
    // The sandbox's flood limits are off, so the gateway need not pace to Telegram's 30/s either:
    // replies then show conversation's order and takeover, not the egress pacing.
    serviceEnv: {
      'bot-gateway': { TELEGRAM_LIMIT_PER_SECOND: '10000', TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: '1000' },
    },
  });
  users = Array.from({ length: CHATS }, (_, index) =>
    sandbox.createUser({ firstName: `Order${index}`, languageCode: 'en' }),
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await sandbox?.stop();
});

function conversations() {
  return stack.processes.filter((process) => process.service === 'conversation');
}

/** Partitions each live conversation instance consumes now. */
async function partitionsOwned(): Promise<number[]> {
  const live = conversations().filter((process) => process.rssBytes() !== undefined);
  return Promise.all(live.map((process) => metricSum(process.opsUrl, 'fg_partitions_owned', () => true)));
}

describe('per-chat order with three conversation instances', () => {
  it('spreads the partitions over the instances', async () => {
    const owned = await waitFor(
      async () => {
        const counts = await partitionsOwned();
        return counts.every((count) => count >= 5) && counts.reduce((a, b) => a + b) === PARTITIONS
          ? counts
          : undefined;
      },
      { message: 'the 16 partitions spread over three instances', timeoutMs: 20_000 },
    );
    console.log(`[chat-order] partitions per instance: ${owned.join(' / ')}`);
  });

  it(`answers ${CHATS} chats × ${UPDATES_PER_CHAT} rapid updates each in order, spread over the instances`, async () => {
    // First contact registers each sender; the welcome is not a reply to a message.
    await Promise.all(users.map((user) => user.sendCommand(bot.token, 'start')));
    await waitFor(() => users.every((user) => lastReplyAt.has(user.id)) || undefined, {
      message: 'every user welcomed',
      timeoutMs: 60_000,
    });

    const sent = new Map<number, number[]>();
    for (let round = 0; round < UPDATES_PER_CHAT; round++) {
      const updates = await Promise.all(users.map((user) => user.sendText(bot.token, `note ${round}`)));
      for (const update of updates)
        sent.set(update.chatId, [...(sent.get(update.chatId) ?? []), update.messageId]);
    }
    await waitFor(
      () => users.every((user) => (answered.get(user.id)?.length ?? 0) >= UPDATES_PER_CHAT) || undefined,
      { message: `${CHATS * UPDATES_PER_CHAT} replies`, timeoutMs: 120_000, intervalMs: 200 },
    );

    let outOfOrder = 0;
    let doubled = 0;
    for (const user of users) {
      const replies = answered.get(user.id) ?? [];
      doubled += replies.length - new Set(replies).size;
      if (JSON.stringify(replies) !== JSON.stringify(sent.get(user.id))) outOfOrder++;
    }
    const handled = await Promise.all(
      conversations().map((process) =>
        metricSum(process.opsUrl, 'fg_messages_consumed_total', (labels) =>
          isPartitionQueue(labels.queue ?? '', 'conversation.updates'),
        ),
      ),
    );
    console.log(
      `[chat-order] ${CHATS * UPDATES_PER_CHAT} updates: ${outOfOrder} chats out of order, ` +
        `${doubled} replies doubled; updates handled per instance: ${handled.join(' / ')}`,
    );
    expect({ outOfOrder, doubled }).toEqual({ outOfOrder: 0, doubled: 0 });
    // Every instance took a real share (the partitions are spread, and chats hash over them).
    for (const count of handled) expect(count).toBeGreaterThan((CHATS * UPDATES_PER_CHAT) / 10);
  }, 240_000);

  it('serves every chat again within 5 s after one instance is SIGKILLed', async () => {
    const before = new Map(users.map((user) => [user.id, answered.get(user.id)?.length ?? 0]));
    const killedAt = Date.now();
    await stack.kill('conversation', 1, 'SIGKILL');
    await Promise.all(users.map((user) => user.sendText(bot.token, 'after the kill')));
    await waitFor(
      () => users.every((user) => (answered.get(user.id)?.length ?? 0) > before.get(user.id)!) || undefined,
      { message: 'every chat answered after the kill', timeoutMs: 30_000, intervalMs: 50 },
    );
    const waits = users.map((user) => lastReplyAt.get(user.id)! - killedAt).sort((a, b) => a - b);
    const slowest = waits.at(-1)!;
    const owned = await partitionsOwned();
    console.log(
      `[chat-order] after SIGKILL of conversation#1: every chat answered, median ${waits[CHATS / 2]} ms, ` +
        `slowest ${slowest} ms after the kill; partitions now ${owned.join(' / ')}`,
    );
    const doubled = users.filter((user) => answered.get(user.id)!.length !== before.get(user.id)! + 1);
    expect(doubled).toEqual([]);
    expect(slowest).toBeLessThan(5_000);
  }, 60_000);
});
