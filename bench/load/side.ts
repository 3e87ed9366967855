import type { SandboxBot } from '@fieldgram/telegram-sandbox';

export type SideLabel = 'ours' | 'baseline';

/**
 * One bot under test as the simulated users see it: ours (every fieldgram service as its own
 * process) or the baseline (one telegraf process). Both are bots of the same sandbox.
 */
export interface BotSide {
  readonly label: SideLabel;
  readonly bot: SandboxBot;
  /** The /start payload that makes the sender a technician (our join link; the baseline's own). */
  readonly technicianPayload: string;
  /**
   * An admin creates one task per chat id (a technician's) and sends its offer through the bot.
   * Resolves with the dispatches that failed (each reported on stderr).
   */
  dispatch(technicianChatIds: readonly number[]): Promise<number>;
  /** The bot's processes, for memory and CPU: name and pid. */
  processes(): readonly { name: string; pid: number }[];
  /** Messages still queued for the bot's processes (ours: RabbitMQ), if it has queues. */
  backlog?(): Promise<number>;
}

/** The task every dispatch creates: the same on both sides, so the offers read the same. */
export const DISPATCHED_TASK = {
  title: 'Replace the boiler valve',
  area: 'Центральный район',
  client: { name: 'Мария Соколова', phone: '+79001234567', address: 'ул. Ленина, 5, кв. 12' },
} as const;
