// The bot token set at run time (S0-01): checked with getMe, stored encrypted, ingress restarted (issue 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import knex, { type Knex } from 'knex';
import { useTestEnv } from '@fieldgram/testkit';
import { BusConnection, createMetrics, RemoteError, RpcClient } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import { TelegramSandbox, type SandboxBot } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import type { GatewayEnv } from '../src/config.js';
import { gatewayEnvFor, silentLogger, startGateway, TelegramTap } from './support/gateway-harness.js';

const env = useTestEnv('gw-settings');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let gatewayEnv: GatewayEnv;
let gateway: BotGateway;
let connection: BusConnection;
let rpc: RpcClient<Messages>;
let tap: TelegramTap;
let db: Knex;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'settings_bot' });
  gatewayEnv = gatewayEnvFor(env(), { TELEGRAM_API_ROOT: sandbox.apiRoot });
  gateway = await startGateway(gatewayEnv);
  connection = await BusConnection.open({ url: env().amqpUrl, name: 'admin-api', logger: silentLogger });
  rpc = await RpcClient.open({
    connection,
    registry: messages,
    source: 'test',
    logger: silentLogger,
    metrics: createMetrics({ service: 't' }),
  });
  tap = await TelegramTap.open(env());
  db = knex({ client: 'pg', connection: env().databaseUrl });
});
afterAll(async () => {
  await rpc?.close();
  await connection?.close();
  await tap?.close();
  await gateway?.runtime.stop();
  await db?.destroy();
  await sandbox?.stop();
});

describe('bot settings', () => {
  it('starts without a bot and says so', async () => {
    expect(await rpc.request('bot-gateway.get-settings', {})).toEqual({
      connected: false,
      botId: null,
      username: null,
      link: null,
      mode: 'none',
      source: 'none',
    });
  });

  it('refuses a token Telegram does not accept, with a clear message', async () => {
    const error = await rpc
      .request('bot-gateway.set-token', { botToken: '123456:not-a-real-token' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      code: 'validation',
      message: 'Telegram did not accept the bot token: Unauthorized',
      details: { field: 'botToken' },
    });
  });

  it('connects a good token, stores it encrypted, and starts receiving updates', async () => {
    const settings = await rpc.request('bot-gateway.set-token', { botToken: bot.token });
    expect(settings).toEqual({
      connected: true,
      botId: bot.id,
      username: 'settings_bot',
      link: 'https://t.me/settings_bot',
      mode: 'polling',
      source: 'stored',
    });
    const [row] = await db
      .withSchema('bot_gateway')
      .table('bot_settings')
      .select<{ sealed_token: string }[]>('sealed_token');
    expect(row?.sealed_token).toMatch(/^v1\./);
    expect(row?.sealed_token).not.toContain(bot.token.split(':')[1]!);

    const user = sandbox.createUser({ firstName: 'Eve' });
    const sent = await user.sendText(bot.token, 'are you there?');
    await tap.next('tg.in.message', (d) => d.updateId === sent.updateId);
  });

  it('comes back with the stored token after a restart', async () => {
    await gateway.runtime.stop();
    gateway = await startGateway(gatewayEnv);
    expect(await rpc.request('bot-gateway.get-settings', {})).toMatchObject({
      connected: true,
      source: 'stored',
      username: 'settings_bot',
    });
  });
});
