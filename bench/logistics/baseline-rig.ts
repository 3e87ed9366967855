import path from 'node:path';
import type { SandboxBot, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { freePort } from '@fieldgram/testkit/env';
import { startBotProcess } from '../lib/bot-process.js';

const ENTRY = path.join(import.meta.dirname, 'baseline-bot.ts');

export interface LogisticsBaseline {
  bot: SandboxBot;
  pid: number;
  startToReadyMs: number;
  stop(): Promise<void>;
}

/** The baseline: baseline-bot.ts as its own process, a bot of the same sandbox. */
export async function startLogisticsBaseline(sandbox: TelegramSandbox): Promise<LogisticsBaseline> {
  const bot = sandbox.createBot({ username: 'baseline_logistics_bot', firstName: 'baseline' });
  const { child, startToReadyMs } = await startBotProcess('baseline-logistics-bot', ENTRY, {
    BASELINE_API_ROOT: sandbox.apiRoot,
    BASELINE_TOKEN: bot.token,
    BASELINE_PORT: String(await freePort()),
    BASELINE_SECRET: 'baseline-webhook-secret',
  });
  return {
    bot,
    pid: child.pid,
    startToReadyMs,
    stop: async () => {
      await child.kill('SIGTERM');
    },
  };
}
