import type { ChatEvent, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { sleep } from '../lib/timing.js';

/**
 * When each chat event was recorded in the sandbox, on this process's performance.now() clock
 * (the one confirms are timed with), through the sandbox's onChatEvent; and each bot's latest.
 */
export class ArrivalClock {
  private readonly arrivals = new Map<number, number>();
  private readonly latest = new Map<number, number>();
  private readonly unsubscribe: () => void;

  constructor(sandbox: TelegramSandbox) {
    this.unsubscribe = sandbox.onChatEvent((botId, _chatId, event) => {
      const now = performance.now();
      this.arrivals.set(event.seq, now);
      this.latest.set(botId, now);
    });
  }

  /** When `event` arrived; NaN for one recorded before the clock started. */
  arrivalOf(event: ChatEvent | undefined): number {
    return (event && this.arrivals.get(event.seq)) ?? Number.NaN;
  }

  /**
   * Resolves once the bot's chats have had nothing new for `quietMs` and `backlog` (the side's
   * queued messages, if it has queues) is 0, or after `maxMs`; says which.
   */
  async settle(
    botId: number,
    { quietMs, maxMs, backlog }: { quietMs: number; maxMs: number; backlog?: () => Promise<number> },
  ): Promise<{ ms: number; quiet: boolean }> {
    const start = performance.now();
    for (;;) {
      const idle = performance.now() - (this.latest.get(botId) ?? 0) >= quietMs;
      const quiet = idle && (await queued(backlog)) === 0;
      const ms = performance.now() - start;
      if (quiet || ms > maxMs) return { ms, quiet };
      await sleep(250);
    }
  }

  stop(): void {
    this.unsubscribe();
  }
}

async function queued(backlog: (() => Promise<number>) | undefined): Promise<number> {
  try {
    return (await backlog?.()) ?? 0;
  } catch {
    return 0; // the management API is only a hint
  }
}
