// Telegram ingress by long polling: the offset advances only past what was published (issue 3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import type { GatewayEnv } from '../src/config.js';
import { gatewayEnvFor, startGateway, TelegramTap } from './support/gateway-harness.js';

const env = useTestEnv('gw-polling');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;
let gatewayEnv: GatewayEnv;
let gateway: BotGateway | undefined;
let tap: TelegramTap;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'polling_bot' });
  ann = sandbox.createUser({ firstName: 'Ann' });
  tap = await TelegramTap.open(env());
  gatewayEnv = gatewayEnvFor(env(), {
    TELEGRAM_API_ROOT: sandbox.apiRoot,
    TELEGRAM_BOT_TOKEN: bot.token,
    TELEGRAM_MODE: 'polling',
  });
});
afterAll(async () => {
  await gateway?.runtime.stop();
  await tap?.close();
  await sandbox?.stop();
});

describe('polling ingress', () => {
  it('picks up what was sent while it was down, each update once, across restarts', async () => {
    const early = await ann.sendText(bot.token, 'sent before the gateway started');
    gateway = await startGateway(gatewayEnv);
    await tap.next('tg.in.message', (d) => d.updateId === early.updateId);

    await gateway.runtime.stop();
    gateway = undefined;
    const whileDown = await ann.sendText(bot.token, 'sent while it was stopped');
    gateway = await startGateway(gatewayEnv);
    await tap.next('tg.in.message', (d) => d.updateId === whileDown.updateId);
    const live = await ann.sendText(bot.token, 'sent while it runs');
    await tap.next('tg.in.message', (d) => d.updateId === live.updateId);

    await sleep(1_500); // a poll or two more: nothing already published comes again
    const updateIds = tap.ofType('tg.in.message').map((e) => e.data.updateId);
    expect(updateIds).toEqual([early.updateId, whileDown.updateId, live.updateId]);
  });
});
