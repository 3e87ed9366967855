// The gateway killed with SIGKILL in the middle of sending: nothing lost; duplicates only from
// sends in flight at the instant of the kill (Telegram cannot be asked whether it got them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, useTestEnv, waitFor, type ChildHandle } from '@fieldgram/testkit';
import { SecretBox } from '@fieldgram/platform';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import { commandSender, GATEWAY_MAIN } from './support/gateway-harness.js';

const env = useTestEnv('gw-egress-crash');
const CHATS = 20;
const PER_CHAT = 20;
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let users: SandboxUser[];
let sender: Awaited<ReturnType<typeof commandSender>>;
const children: ChildHandle[] = [];
const secretsKey = SecretBox.generateKey();

function startGatewayProcess(): ChildHandle {
  const child = startProcess({
    name: 'bot-gateway',
    entry: GATEWAY_MAIN,
    env: env().processEnv({
      LOG_LEVEL: 'info',
      HTTP_PORT: '0',
      SECRETS_KEY: secretsKey,
      TELEGRAM_API_ROOT: sandbox.apiRoot,
      TELEGRAM_BOT_TOKEN: bot.token,
      TELEGRAM_LIMIT_PER_SECOND: '100',
      TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: '5',
    }),
  });
  children.push(child);
  return child;
}

function delivered(user: SandboxUser): string[] {
  return sandbox
    .chatLog(bot.token, user.id)
    .filter((event) => event.kind === 'message')
    .map((event) => event.message?.text ?? '');
}

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({
    limits: { perBotPerSecond: 100, perChatPerSecond: 5, perGroupPerMinute: 20 },
  });
  bot = sandbox.createBot({ username: 'crash_bot' });
  users = Array.from({ length: CHATS }, (_, i) => sandbox.createUser({ firstName: `U${i}` }));
  sender = await commandSender(env());
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.kill('SIGKILL').catch(() => undefined)));
  await sender?.close();
  await sandbox?.stop();
});

describe('bot-gateway killed mid-run', () => {
  it('loses nothing; the only duplicates are the sends in flight at the kill', async () => {
    const first = startGatewayProcess();
    await first.waitForLog((entry) => entry.msg === 'service started', 30_000);
    for (let n = 0; n < PER_CHAT; n++) {
      await Promise.all(
        users.map((user) =>
          sender.send({
            idempotencyKey: `crash:${user.id}:${n}`,
            chatId: user.id,
            method: 'sendMessage',
            params: { text: `#${n}` },
          }),
        ),
      );
    }
    const total = CHATS * PER_CHAT;
    await waitFor(() => users.reduce((sum, user) => sum + delivered(user).length, 0) >= total / 4, {
      message: 'a quarter delivered',
      timeoutMs: 30_000,
    });
    await first.kill('SIGKILL');
    const atKill = users.reduce((sum, user) => sum + delivered(user).length, 0);

    const second = startGatewayProcess();
    await second.waitForLog((entry) => entry.msg === 'service started', 30_000);
    await waitFor(() => users.every((user) => new Set(delivered(user)).size === PER_CHAT), {
      message: 'every message delivered after the restart',
      timeoutMs: 60_000,
      intervalMs: 250,
    });

    const deliveredTotal = users.reduce((sum, user) => sum + delivered(user).length, 0);
    const duplicates = deliveredTotal - total;
    console.log(
      `egress crash: ${atKill}/${total} delivered at the SIGKILL; after restart ${deliveredTotal} sends, ` +
        `${duplicates} duplicate(s) (at most one in flight per chat: ${CHATS})`,
    );
    // Each chat has at most one send in flight at a time, so at most one duplicate per chat.
    expect(duplicates).toBeLessThanOrEqual(CHATS);
    for (const user of users) {
      const firstSeen = delivered(user).filter((text, index, all) => all.indexOf(text) === index);
      expect(firstSeen).toEqual(Array.from({ length: PER_CHAT }, (_, n) => `#${n}`));
    }
    await second.kill('SIGTERM');
  });
});
