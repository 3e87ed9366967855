import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqplib from 'amqplib';
import express from 'express';
import { Telegraf } from 'telegraf';
import { TelegramSandbox, type SandboxUser } from '@fieldgram/telegram-sandbox';
import { freePort, waitFor } from '@fieldgram/testkit/env';
import { withBenchEnv } from '../lib/env.js';
import type { Bench, BenchResult } from '../lib/report.js';
import { startBenchGateway } from './gateway-rig.js';

const USERS = 100;
const PER_USER = 10;
const SECRET = 'bench-secret';

/** Sends USERS × PER_USER texts, as fast as the sandbox takes them; resolves when all are in. */
async function sendAll(users: SandboxUser[], token: string): Promise<void> {
  for (let n = 0; n < PER_USER; n++)
    await Promise.all(users.map((user) => user.sendText(token, `message ${n}`)));
}

/**
 * Ingress through the webhook: updates/s from the sandbox's delivery to a confirmed `tg.in.*`
 * publish (ours), against a telegraf bot's webhookCallback that only acknowledges them
 * (baseline). Both receive the same updates from the same sandbox (40 connections, each chat's
 * updates one at a time, as Telegram does).
 */
export const ingressBench: Bench = {
  name: 'ingress',
  run: () =>
    withBenchEnv('tg-ingress', async (env): Promise<BenchResult> => {
      const total = USERS * PER_USER;
      const sandbox = await TelegramSandbox.start({ limits: 'off' });
      try {
        // Baseline: telegraf's webhook handler on express.
        const baselineBot = sandbox.createBot({ username: 'baseline_bot' });
        const telegraf = new Telegraf(baselineBot.token, { telegram: { apiRoot: sandbox.apiRoot } });
        let handled = 0;
        telegraf.on('message', () => {
          handled++;
        });
        const app = express();
        app.use(
          await telegraf.createWebhook({ domain: 'http://127.0.0.1', path: '/hook', secret_token: SECRET }),
        );
        const server = createServer(app);
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const baselinePort = (server.address() as AddressInfo).port;
        await telegraf.telegram.setWebhook(`http://127.0.0.1:${baselinePort}/hook`, { secret_token: SECRET });
        const baselineUsers = Array.from({ length: USERS }, (_, i) =>
          sandbox.createUser({ firstName: `B${i}` }),
        );
        let start = performance.now();
        await sendAll(baselineUsers, baselineBot.token);
        await waitFor(() => handled >= total, {
          message: 'baseline updates handled',
          timeoutMs: 120_000,
          intervalMs: 20,
        });
        const baselineRate = total / ((performance.now() - start) / 1000);
        server.closeAllConnections();
        server.close();

        // Ours: bot-gateway in webhook mode; counted when the event arrives on the bus.
        const bot = sandbox.createBot({ username: 'ingress_bot' });
        const port = await freePort();
        const gateway = await startBenchGateway(env, {
          HTTP_PORT: String(port),
          TELEGRAM_API_ROOT: sandbox.apiRoot,
          TELEGRAM_BOT_TOKEN: bot.token,
          TELEGRAM_MODE: 'webhook',
          TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        });
        const connection = await amqplib.connect(env.amqpUrl);
        const channel = await connection.createChannel();
        const { queue } = await channel.assertQueue('', { exclusive: true });
        await channel.bindQueue(queue, 'fg.tg', 'tg.in.message');
        let published = 0;
        await channel.consume(queue, () => published++, { noAck: true });
        const users = Array.from({ length: USERS }, (_, i) => sandbox.createUser({ firstName: `O${i}` }));
        start = performance.now();
        await sendAll(users, bot.token);
        await waitFor(() => published >= total, {
          message: 'updates published',
          timeoutMs: 120_000,
          intervalMs: 20,
        });
        const oursRate = total / ((performance.now() - start) / 1000);
        await connection.close();
        await gateway.runtime.stop();
        return {
          name: 'ingress',
          context:
            `${total} text updates from ${USERS} users delivered by the sandbox's webhook (40 connections, one ` +
            `update per chat at a time); ours = validated, de-duplicated (Redis) and published with confirms; ` +
            `baseline = telegraf webhookCallback acknowledging them`,
          figures: [{ benchmark: 'webhook ingress', ours: oursRate, baseline: baselineRate, unit: 'msg/s' }],
        };
      } finally {
        await sandbox.stop();
      }
    }),
};
