import { createServer } from 'node:http';
import express from 'express';
import type { Telegraf } from 'telegraf';

/**
 * Serves a baseline's telegraf bot in webhook mode on 127.0.0.1:`port` (plus any `routes` of its
 * own), sets the webhook with the limits bot-gateway uses, prints {"ready":true} (what
 * startBotProcess waits for) and exits on SIGTERM.
 */
export async function serveWebhook(
  bot: Telegraf,
  { port, secret }: { port: number; secret: string },
  routes: (app: express.Express) => void = () => undefined,
): Promise<void> {
  const app = express();
  app.post('/hook', bot.webhookCallback('/hook', { secretToken: secret }));
  routes(app);
  const server = createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  bot.botInfo = await bot.telegram.getMe();
  await bot.telegram.setWebhook(`http://127.0.0.1:${port}/hook`, {
    secret_token: secret,
    max_connections: 40, // as bot-gateway sets it
    drop_pending_updates: true,
  });
  console.log(JSON.stringify({ ready: true }));
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

/** What every baseline bot is started with (BASELINE_API_ROOT, _TOKEN, _PORT, _SECRET). */
export function baselineSettings(): { apiRoot: string; token: string; port: number; secret: string } {
  return {
    apiRoot: requiredEnv('BASELINE_API_ROOT'),
    token: requiredEnv('BASELINE_TOKEN'),
    port: Number(requiredEnv('BASELINE_PORT')),
    secret: requiredEnv('BASELINE_SECRET'),
  };
}

/** A variable the baseline cannot run without. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`baseline: ${name} is required`);
  return value;
}
