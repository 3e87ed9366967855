import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { messages } from '@fieldgram/contracts';
import { BusConnection, createMetrics, Publisher, publishMessage } from '@fieldgram/platform';
import { TELEGRAM_FLOOD_LIMITS, type TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { freePort, startProcess, waitFor } from '@fieldgram/testkit/env';
import { silentLogger, withBenchEnv } from '../lib/env.js';

const GATEWAY_ENTRY = path.join(import.meta.dirname, '..', '..', 'services', 'bot-gateway', 'src', 'main.ts');

export interface EgressResult {
  count: number;
  chats: number;
  seconds: number;
  /** Messages/s from the first publish to the last delivery. */
  achieved: number;
  /** What Telegram's limits allow here: min(per bot, chats × per chat). */
  allowed: number;
  tooManyRequests: number;
  /** Notifications that never reached their chat. */
  lost: number;
  /** Deliveries beyond one per notification. */
  duplicates: number;
}

/**
 * Egress under Telegram's flood limits (the sandbox answers 429 beyond them): `count`
 * notifications (`tg.out` sendMessage commands, as notification and conversation publish them)
 * to `chats` chats, carried out by a bot-gateway process started exactly as `npm start` starts
 * it, with Telegram's limits (its defaults), in a database and vhost of its own. The latency
 * phases' gateway cannot serve here: its per-bot limit is lifted for them.
 */
export async function measureEgress(
  sandbox: TelegramSandbox,
  count: number,
  chats: number,
): Promise<EgressResult> {
  return withBenchEnv('load-egress', async (env) => {
    const perChat = count / chats;
    const bot = sandbox.createBot({ username: 'egress_load_bot' });
    const users = Array.from({ length: chats }, (_, i) => sandbox.createUser({ firstName: `Notified${i}` }));
    const texts = new Map<number, string[]>();
    let lastDeliveryAt = 0;
    const unsubscribe = sandbox.onChatEvent((botId, chatId, event) => {
      if (botId !== bot.id || event.kind !== 'message') return;
      const list = texts.get(chatId) ?? [];
      list.push(event.message?.text ?? '');
      texts.set(chatId, list);
      lastDeliveryAt = performance.now();
    });
    const delivered = (): number => [...texts.values()].reduce((sum, list) => sum + list.length, 0);

    const storageDir = mkdtempSync(path.join(tmpdir(), 'fg-load-egress-'));
    const port = await freePort();
    const gateway = startProcess({
      name: 'bot-gateway (egress)',
      entry: GATEWAY_ENTRY,
      env: env.processEnv({
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        SECRETS_KEY: randomBytes(32).toString('base64'),
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        TELEGRAM_BOT_TOKEN: bot.token,
        TELEGRAM_MODE: 'polling',
        OBJECT_STORAGE_DIR: storageDir,
      }),
    });
    let connection: BusConnection | undefined;
    let publisher: Publisher | undefined;
    sandbox.setLimits(TELEGRAM_FLOOD_LIMITS);
    try {
      await waitFor(
        async () =>
          (await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1_000) })).ok,
        { message: 'the egress bot-gateway to be ready', timeoutMs: 60_000, intervalMs: 100 },
      );
      connection = await BusConnection.open({ url: env.amqpUrl, name: 'bench-egress', logger: silentLogger });
      publisher = await Publisher.open({
        connection,
        logger: silentLogger,
        metrics: createMetrics({ service: 'bench' }),
      });
      const tooManyBefore = sandbox.stats().tooManyRequests;
      const start = performance.now();
      for (let n = 0; n < perChat; n++) {
        await Promise.all(
          users.map((user) =>
            publishMessage(publisher!, messages, 'notification', 'tg.out', {
              idempotencyKey: `load-egress:${user.id}:${n}`,
              chatId: user.id,
              method: 'sendMessage',
              params: { text: `Notification ${n + 1} of ${perChat}` },
            }),
          ),
        );
      }
      const limits = TELEGRAM_FLOOD_LIMITS;
      const allowed = Math.min(limits.perBotPerSecond, chats * limits.perChatPerSecond);
      await waitFor(() => delivered() >= count, {
        message: `${count} notifications delivered`,
        timeoutMs: (count / allowed) * 1_500 + 60_000,
        intervalMs: 100,
      }).catch((error: unknown) =>
        console.error(`[load] egress: ${error instanceof Error ? error.message : String(error)}`),
      );
      // Anything doubled would come right behind.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const seconds = lastDeliveryAt > start ? (lastDeliveryAt - start) / 1000 : Number.NaN;
      const distinct = users.reduce((sum, user) => sum + new Set(texts.get(user.id) ?? []).size, 0);
      return {
        count,
        chats,
        seconds,
        achieved: distinct > 0 ? distinct / seconds : 0,
        allowed,
        tooManyRequests: sandbox.stats().tooManyRequests - tooManyBefore,
        lost: count - distinct,
        duplicates: delivered() - distinct,
      };
    } finally {
      sandbox.setLimits('off');
      unsubscribe();
      await publisher?.close();
      await connection?.close();
      await gateway.kill('SIGTERM');
      rmSync(storageDir, { recursive: true, force: true });
    }
  });
}
