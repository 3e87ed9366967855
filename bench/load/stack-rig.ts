import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { STACK_ADMIN, startServiceStack, type ServiceStack, type TestEnv } from '@fieldgram/testkit/env';
import { fileURLToPath } from 'node:url';
import { bundleHost } from '../../scripts/build/bundle-host.js';
import { timeConcurrent } from '../lib/timing.js';
import { AdminApi } from './admin-api.js';
import type { BotSide } from './side.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Tasks created and sent at once while stocking offers. */
const DISPATCH_CONCURRENCY = 8;

export interface OursRig {
  side: BotSide;
  stack: ServiceStack;
  stop(): Promise<void>;
}

/**
 * Ours: the compiled services (built first, as the install step does) in one host process, as
 * `npm start` runs them, or a process each (`layout: 'split'`, FIELDGRAM_MODE=split) — testkit's
 * startServiceStack — bot-gateway in webhook mode against the sandbox. The sandbox's flood
 * limits are off during the latency phases, so the gateway's own per-bot limit is lifted too
 * (Telegram's 30 msg/s would cap the replies at 30/s); its 1 msg/s per chat stays, and the
 * simulated users never write faster than that.
 */
export async function startOurs(
  env: TestEnv,
  sandbox: TelegramSandbox,
  layout: 'host' | 'split',
): Promise<OursRig> {
  const bot = sandbox.createBot({ username: 'fieldgram_load_bot', firstName: 'fieldgram' });
  await bundleHost(REPO_ROOT);
  const stack = await startServiceStack({
    env,
    layout,
    compiled: true,
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token, mode: 'webhook' },
    serviceEnv: { 'bot-gateway': { TELEGRAM_LIMIT_PER_SECOND: '1000000' } },
  });
  try {
    const api = new AdminApi(stack.apiUrl, STACK_ADMIN);
    const technicianPayload = await api.technicianJoinPayload();
    const side: BotSide = {
      label: 'ours',
      bot,
      technicianPayload,
      dispatch: async (chatIds) => {
        let failed = 0;
        await timeConcurrent(chatIds.length, DISPATCH_CONCURRENCY, async (i) => {
          try {
            await api.dispatch(chatIds[i]!);
          } catch (error) {
            if (failed++ === 0)
              console.error(`[load] ours: a dispatch failed (more may follow, counted):`, error);
          }
        });
        return failed;
      },
      processes: () => stack.processes.map((process) => ({ name: process.name, pid: process.pid })),
      // The management API's counts lag by a few seconds: settling waits for them too.
      backlog: async () =>
        (await env.management.listQueues(env.amqpVhost))
          .filter((queue) => !queue.name.endsWith('.dead'))
          .reduce((sum, queue) => sum + queue.messages, 0),
    };
    return { side, stack, stop: () => stack.stop() };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
