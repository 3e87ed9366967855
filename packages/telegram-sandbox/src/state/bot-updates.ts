import { BotApiError, ErrorText } from '../methods/bot-api-error.js';
import {
  UPDATE_TYPES_OFF_BY_DEFAULT,
  type TelegramUpdate,
  type TelegramUpdateContent,
} from '../telegram-types.js';

/** An update waiting for the bot's confirmation (getUpdates offset, or a webhook 2xx). */
export interface PendingUpdate {
  readonly update: TelegramUpdate;
  /** A copy pushed again by `redeliver`: it is confirmed only once it has been handed out. */
  readonly redelivery: boolean;
  handedOut: boolean;
}

/**
 * One bot's update queue. Updates stay here until confirmed, whichever way the bot receives
 * them; getUpdates and the webhook dispatcher both read from it.
 */
export class BotUpdates {
  private nextUpdateId = 1;
  private pending: PendingUpdate[] = [];
  /** Every update ever pushed, by id, for `redeliver`. */
  private readonly history = new Map<number, TelegramUpdate>();
  private readonly listeners = new Set<() => void>();
  private waitingPoll: { terminate: (description: string) => void } | undefined;
  /** The last allowed_updates a bot set (getUpdates or setWebhook); undefined = default. */
  allowedUpdates: string[] | undefined;

  /** Numbers the update and queues it, unless the bot's allowed_updates exclude its type. */
  push(content: TelegramUpdateContent): TelegramUpdate {
    const update: TelegramUpdate = { update_id: this.nextUpdateId, ...content };
    this.nextUpdateId += 1;
    this.history.set(update.update_id, update);
    if (this.allows(update)) this.enqueue({ update, redelivery: false, handedOut: false });
    return update;
  }

  redeliver(updateId: number, times: number): void {
    const update = this.history.get(updateId);
    if (update === undefined) throw new Error(`redeliver: this bot was never sent update ${updateId}`);
    for (let i = 0; i < times; i += 1) this.enqueue({ update, redelivery: true, handedOut: false });
  }

  pendingCount(): number {
    return this.pending.length;
  }

  entries(): readonly PendingUpdate[] {
    return this.pending;
  }

  remove(entry: PendingUpdate): void {
    this.pending = this.pending.filter((candidate) => candidate !== entry);
  }

  dropPending(): void {
    this.pending = [];
  }

  /**
   * getUpdates' offset: forgets the updates with a smaller id (a redelivered copy only once it
   * was handed out); a negative offset keeps only that many updates from the end of the queue.
   */
  confirm(offset: number): void {
    if (offset < 0) {
      this.pending = this.pending.slice(offset);
      return;
    }
    this.pending = this.pending.filter(
      (entry) => entry.update.update_id >= offset || (entry.redelivery && !entry.handedOut),
    );
  }

  /**
   * The next updates for getUpdates. A redelivered copy comes alone in its batch, so the offset
   * the bot computes from it cannot confirm newer updates it has not seen.
   */
  takeBatch(limit: number): TelegramUpdate[] {
    const first = this.pending[0];
    if (first === undefined) return [];
    const batch = first.redelivery ? [first] : [];
    if (!first.redelivery) {
      for (const entry of this.pending) {
        if (entry.redelivery || batch.length >= limit) break;
        batch.push(entry);
      }
    }
    for (const entry of batch) entry.handedOut = true;
    return batch.map((entry) => entry.update);
  }

  /**
   * Holds a long poll until an update is queued, `timeoutMs` passes or the client leaves.
   * A newer getUpdates ends the held one with 409, as Telegram does.
   */
  async waitForUpdates(timeoutMs: number, clientGone: AbortSignal): Promise<void> {
    this.waitingPoll?.terminate(ErrorText.terminatedByOtherGetUpdates);
    if (this.pending.length > 0 || timeoutMs <= 0 || clientGone.aborted) return;
    await new Promise<void>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        unsubscribe();
        clientGone.removeEventListener('abort', onGone);
        if (this.waitingPoll === poll) this.waitingPoll = undefined;
        outcome();
      };
      const poll = {
        terminate: (description: string) => finish(() => reject(new BotApiError(409, description))),
      };
      const onGone = (): void => finish(resolve);
      const timer = setTimeout(() => finish(resolve), timeoutMs);
      const unsubscribe = this.onChange(() => {
        if (this.pending.length > 0) finish(resolve);
      });
      clientGone.addEventListener('abort', onGone);
      this.waitingPoll = poll;
    });
  }

  /** Ends a held long poll with 409 (a webhook was set, or another getUpdates arrived). */
  terminateWaitingPoll(description: string = ErrorText.terminatedByOtherGetUpdates): void {
    this.waitingPoll?.terminate(description);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueue(entry: PendingUpdate): void {
    this.pending.push(entry);
    for (const listener of [...this.listeners]) listener();
  }

  private allows(update: TelegramUpdate): boolean {
    const type = updateType(update);
    const allowed = this.allowedUpdates;
    if (allowed === undefined || allowed.length === 0) return !UPDATE_TYPES_OFF_BY_DEFAULT.includes(type);
    return allowed.includes(type);
  }
}

/** 'message', 'callback_query', … : the one field besides update_id. */
export function updateType(update: TelegramUpdate): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}

/** The chat an update belongs to, for webhook ordering; a callback without a message goes by its user. */
export function updateChatId(update: TelegramUpdate): number | undefined {
  return (
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    update.callback_query?.from.id ??
    update.my_chat_member?.chat.id
  );
}
