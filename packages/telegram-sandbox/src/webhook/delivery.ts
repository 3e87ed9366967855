import { setTimeout as sleep } from 'node:timers/promises';
import { updateChatId, type BotUpdates, type PendingUpdate } from '../state/bot-updates.js';
import type { TelegramUpdate } from '../telegram-types.js';

export interface WebhookSettings {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
}

export interface WebhookHooks {
  now(): number;
  onAttempt(succeeded: boolean): void;
  /** A method the bot put in its 2xx answer (`{"method": "sendMessage", …}`), run like a call. */
  runReply(method: string, params: Record<string, unknown>): Promise<void>;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;
/** How long Telegram waits for the bot to answer one POST. */
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * POSTs one bot's queued updates to its webhook. Updates of one chat go one at a time, in
 * order (the next waits for the previous one's 2xx); different chats go in parallel, at most
 * max_connections requests at once. A failed update is retried with backoff and kept queued.
 */
export class WebhookDelivery {
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;
  private readonly activeChats = new Set<string>();
  private readonly stopping = new AbortController();
  private inFlight = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly settings: WebhookSettings,
    private readonly updates: BotUpdates,
    private readonly hooks: WebhookHooks,
  ) {}

  start(): void {
    this.unsubscribe = this.updates.onChange(() => this.schedule());
    this.schedule();
  }

  /** Stops delivering; an update in flight is abandoned and stays queued. */
  stop(): void {
    this.unsubscribe?.();
    this.stopping.abort();
    for (const wake of this.slotWaiters.splice(0)) wake();
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private schedule(): void {
    if (this.stopped) return;
    for (const entry of this.updates.entries()) {
      const chat = chatKey(entry.update);
      if (this.activeChats.has(chat)) continue;
      this.activeChats.add(chat);
      void this.deliverChat(chat);
    }
  }

  /** Works through one chat's queued updates in order until none is left. */
  private async deliverChat(chat: string): Promise<void> {
    try {
      for (;;) {
        const entry = this.updates.entries().find((candidate) => chatKey(candidate.update) === chat);
        if (entry === undefined || this.stopped) return;
        await this.deliverWithRetries(entry);
      }
    } finally {
      this.activeChats.delete(chat);
    }
  }

  private async deliverWithRetries(entry: PendingUpdate): Promise<void> {
    let retryMs = FIRST_RETRY_MS;
    while (!this.stopped) {
      await this.acquireSlot();
      let succeeded: boolean;
      try {
        succeeded = await this.post(entry.update);
      } finally {
        this.releaseSlot();
      }
      if (this.stopped) return;
      this.hooks.onAttempt(succeeded);
      if (succeeded) {
        this.updates.remove(entry);
        return;
      }
      // Dropped meanwhile (drop_pending_updates): nothing left to retry.
      if (!this.updates.entries().includes(entry)) return;
      await sleep(retryMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }

  private async post(update: TelegramUpdate): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.settings.secretToken !== undefined) {
      headers['X-Telegram-Bot-Api-Secret-Token'] = this.settings.secretToken;
    }
    try {
      const response = await fetch(this.settings.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(ANSWER_TIMEOUT_MS)]),
      });
      const body = await response.text();
      if (response.status < 200 || response.status > 299) {
        this.recordError(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        return false;
      }
      await this.runReply(response.headers.get('content-type'), body);
      return true;
    } catch (error) {
      if (!this.stopped) this.recordError(describeNetworkError(error));
      return false;
    }
  }

  private async runReply(contentType: string | null, body: string): Promise<void> {
    if (contentType?.includes('application/json') !== true || body.trim() === '') return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null || !('method' in reply)) return;
    const { method, ...params } = reply as Record<string, unknown>;
    // Telegram gives the bot no way to learn that a webhook reply failed; neither does the sandbox.
    if (typeof method === 'string') await this.hooks.runReply(method, params).catch(() => undefined);
  }

  private recordError(message: string): void {
    this.lastErrorDate = Math.floor(this.hooks.now() / 1000);
    this.lastErrorMessage = message;
  }

  private async acquireSlot(): Promise<void> {
    while (this.inFlight >= this.settings.maxConnections && !this.stopped) {
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    this.inFlight += 1;
  }

  private releaseSlot(): void {
    this.inFlight -= 1;
    this.slotWaiters.shift()?.();
  }
}

function chatKey(update: TelegramUpdate): string {
  return String(updateChatId(update) ?? 'none');
}

/** Telegram's wording for the usual ways a webhook cannot be reached. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'Read timeout expired';
  }
  if (cause?.code === 'ECONNREFUSED') return 'Connection refused';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN')
    return 'Failed to resolve host: Name or service not known';
  return `Connection failed: ${error instanceof Error ? error.message : String(error)}`;
}
