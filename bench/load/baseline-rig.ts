import path from 'node:path';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { freePort, type ChildHandle } from '@fieldgram/testkit/env';
import { startBotProcess } from '../lib/bot-process.js';
import type { BotSide } from './side.js';

const ENTRY = path.join(import.meta.dirname, 'baseline-bot.ts');
/** Offers per dispatch request to the baseline's admin endpoint. */
const DISPATCH_BATCH = 200;

export interface BaselineRig {
  side: BotSide;
  child: ChildHandle;
  /** Spawn → its webhook set (it printed {"ready":true}). */
  startToReadyMs: number;
  stop(): Promise<void>;
}

/** The baseline: baseline-bot.ts as its own process, a bot of the same sandbox. */
export async function startBaseline(sandbox: TelegramSandbox): Promise<BaselineRig> {
  const bot = sandbox.createBot({ username: 'baseline_load_bot', firstName: 'baseline' });
  const port = await freePort();
  const technicianPayload = 'join_technician_baseline';
  const { child, startToReadyMs } = await startBotProcess('baseline-bot', ENTRY, {
    BASELINE_API_ROOT: sandbox.apiRoot,
    BASELINE_TOKEN: bot.token,
    BASELINE_PORT: String(port),
    BASELINE_SECRET: 'baseline-webhook-secret',
    BASELINE_TECHNICIAN_PAYLOAD: technicianPayload,
  });
  const side: BotSide = {
    label: 'baseline',
    bot,
    technicianPayload,
    dispatch: async (chatIds) => {
      for (let from = 0; from < chatIds.length; from += DISPATCH_BATCH) {
        const response = await fetch(`http://127.0.0.1:${port}/dispatch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ chatIds: chatIds.slice(from, from + DISPATCH_BATCH) }),
          signal: AbortSignal.timeout(60_000),
        });
        if (response.status !== 204)
          throw new Error(`baseline dispatch: ${response.status} ${await response.text()}`);
      }
      return 0;
    },
    processes: () => [{ name: 'baseline-bot', pid: child.pid }],
  };
  return {
    side,
    child,
    startToReadyMs,
    stop: async () => {
      await child.kill('SIGTERM');
    },
  };
}
