import type { SandboxBot, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import {
  ApiClient,
  STACK_ADMIN,
  startServiceStack,
  type ServiceStack,
  type TestEnv,
} from '@fieldgram/testkit/env';

export interface LogisticsOurs {
  bot: SandboxBot;
  stack: ServiceStack;
  /** The admin's REST session: managers, their Telegram links, the clients' managers. */
  admin: ApiClient;
  /** Messages still queued in ours' vhost (dead-letter queues left out). */
  backlog: () => Promise<number>;
  stop(): Promise<void>;
}

/**
 * Ours: every service as its own process (startServiceStack's split layout), bot-gateway in
 * webhook mode against the sandbox. As in the load bench, the gateway's per-bot limit (Telegram's
 * 30 msg/s) is lifted, since the sandbox's is off and the baseline has none: 200 PDFs, 200
 * "created" and the managers' pushes would otherwise queue for 20 s behind it. Its 1 msg/s per
 * chat stays: it is what orders and paces a manager's pushes. The album wait is bot-gateway's own
 * default unless set (startServiceStack shortens it to 300 ms for tests).
 */
export async function startLogisticsOurs(
  env: TestEnv,
  sandbox: TelegramSandbox,
  { albumWaitMs }: { albumWaitMs: number },
): Promise<LogisticsOurs> {
  const bot = sandbox.createBot({ username: 'fieldgram_logistics_bot', firstName: 'fieldgram' });
  const stack = await startServiceStack({
    env,
    telegram: { apiRoot: sandbox.apiRoot, token: bot.token, mode: 'webhook' },
    serviceEnv: {
      'bot-gateway': { TELEGRAM_LIMIT_PER_SECOND: '1000000', TELEGRAM_ALBUM_WAIT_MS: String(albumWaitMs) },
    },
  });
  try {
    const admin = await ApiClient.login(stack.apiUrl, STACK_ADMIN.login, STACK_ADMIN.password);
    return {
      bot,
      stack,
      admin,
      backlog: async () =>
        (await env.management.listQueues(env.amqpVhost))
          .filter((queue) => !queue.name.endsWith('.dead'))
          .reduce((sum, queue) => sum + queue.messages, 0),
      stop: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
