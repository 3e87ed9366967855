import { BusConnection, createMetrics, Publisher, publishMessage } from '@fieldgram/platform';
import { messages } from '@fieldgram/contracts';
import { TelegramSandbox, TELEGRAM_FLOOD_LIMITS } from '@fieldgram/telegram-sandbox';
import { waitFor } from '@fieldgram/testkit/env';
import { silentLogger, withBenchEnv } from '../lib/env.js';
import type { Bench, BenchResult } from '../lib/report.js';
import { startBenchGateway } from './gateway-rig.js';

const CHATS = 100;
const PER_CHAT = 8;

/**
 * Egress under Telegram's own flood limits (the sandbox enforces them, 429 beyond): how close
 * the gateway's pacing gets to the allowed rate, with nothing lost or doubled. The baseline
 * column is the allowed rate itself: min(per bot, chats × per chat).
 */
export const egressBench: Bench = {
  name: 'egress',
  run: () =>
    withBenchEnv('tg-egress', async (env): Promise<BenchResult> => {
      const limits = TELEGRAM_FLOOD_LIMITS;
      const sandbox = await TelegramSandbox.start({ limits });
      const bot = sandbox.createBot({ username: 'bench_egress_bot' });
      const users = Array.from({ length: CHATS }, (_, i) => sandbox.createUser({ firstName: `U${i}` }));
      const gateway = await startBenchGateway(env, {
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        TELEGRAM_BOT_TOKEN: bot.token,
        TELEGRAM_LIMIT_PER_SECOND: String(limits.perBotPerSecond),
        TELEGRAM_LIMIT_PER_CHAT_PER_SECOND: String(limits.perChatPerSecond),
        TELEGRAM_LIMIT_PER_GROUP_PER_MINUTE: String(limits.perGroupPerMinute),
      });
      const connection = await BusConnection.open({ url: env.amqpUrl, name: 'bench', logger: silentLogger });
      const publisher = await Publisher.open({
        connection,
        logger: silentLogger,
        metrics: createMetrics({ service: 'bench' }),
      });
      try {
        const total = CHATS * PER_CHAT;
        const delivered = () =>
          users.reduce(
            (sum, u) => sum + sandbox.chatLog(bot.token, u.id).filter((e) => e.kind === 'message').length,
            0,
          );
        const start = performance.now();
        for (let n = 0; n < PER_CHAT; n++) {
          await Promise.all(
            users.map((user) =>
              publishMessage(publisher, messages, 'bench', 'tg.out', {
                idempotencyKey: `bench:${user.id}:${n}`,
                chatId: user.id,
                method: 'sendMessage',
                params: { text: `notification ${n}` },
              }),
            ),
          );
        }
        await waitFor(() => delivered() >= total, {
          message: `${total} delivered`,
          timeoutMs: 300_000,
          intervalMs: 100,
        });
        const seconds = (performance.now() - start) / 1000;
        const sends = delivered();
        const allowed = Math.min(limits.perBotPerSecond, CHATS * limits.perChatPerSecond);
        const lost = users.filter(
          (u) => new Set(sandbox.chatLog(bot.token, u.id).map((e) => e.message?.text)).size < PER_CHAT,
        ).length;
        return {
          name: 'egress',
          context:
            `${total} notifications to ${CHATS} chats under Telegram's limits (${limits.perBotPerSecond}/s per bot, ` +
            `${limits.perChatPerSecond}/s per chat); ${seconds.toFixed(1)} s; 429s received ${sandbox.stats().tooManyRequests}; ` +
            `lost ${lost}; duplicates ${sends - total}; baseline column = the allowed rate`,
          figures: [
            {
              benchmark: 'egress achieved ÷ allowed',
              ours: total / seconds,
              baseline: allowed,
              unit: 'msg/s',
            },
          ],
        };
      } finally {
        await publisher.close();
        await connection.close();
        await gateway.runtime.stop();
        await sandbox.stop();
      }
    }),
};
