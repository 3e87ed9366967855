import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from 'pino';
import type { BusConnection } from './connection.js';
import { BusUnavailableError } from '../errors/bus-errors.js';

const REOPEN_DELAY_MS = 250;
const MAX_REOPEN_DELAY_MS = 5_000;

interface ManagedChannelOptions<C extends Channel> {
  connection: BusConnection;
  name: string;
  logger: Logger;
  confirm: C extends ConfirmChannel ? true : false;
  /** Runs on every fresh channel before it is handed out: prefetch, declarations, consume. */
  setup?: (channel: C) => Promise<void>;
}

/**
 * A channel that is reopened whenever it dies: with its connection (after the reconnect) or
 * alone (a channel-level error while the connection lives on).
 */
export class ManagedChannel<C extends Channel> {
  private channel: C | null = null;
  private waiters: ((channel: C) => void)[] = [];
  private closed = false;
  private detach: (() => void) | null = null;
  private readonly closeReasons = new WeakMap<C, Error>();

  private constructor(private readonly options: ManagedChannelOptions<C>) {}

  static async open<C extends Channel>(options: ManagedChannelOptions<C>): Promise<ManagedChannel<C>> {
    const managed = new ManagedChannel(options);
    managed.detach = await options.connection.attach((model) => managed.openOn(model));
    return managed;
  }

  /** The live channel, or null while it is being reopened. */
  current(): C | null {
    return this.channel;
  }

  /** The live channel, waiting up to `timeoutMs` for one. */
  acquire(timeoutMs: number): Promise<C> {
    if (this.channel) return Promise.resolve(this.channel);
    if (this.closed) return Promise.reject(new BusUnavailableError(`channel ${this.options.name} is closed`));
    return new Promise<C>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== onChannel);
        reject(
          new BusUnavailableError(`no channel to RabbitMQ for ${this.options.name} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const onChannel = (channel: C): void => {
        clearTimeout(timer);
        resolve(channel);
      };
      this.waiters.push(onChannel);
    });
  }

  /** Why the broker closed `channel` (e.g. "NOT_FOUND - no exchange …"), if it did. */
  closeReason(channel: C): Error | undefined {
    return this.closeReasons.get(channel);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.detach?.();
    const channel = this.channel;
    this.channel = null;
    if (channel) await channel.close().catch(() => undefined);
  }

  private async openOn(model: ChannelModel): Promise<void> {
    if (this.closed) return;
    const channel = (
      this.options.confirm ? await model.createConfirmChannel() : await model.createChannel()
    ) as C;
    channel.on('error', (error: Error) => {
      this.closeReasons.set(channel, error);
      this.options.logger.warn({ err: error, channel: this.options.name }, 'channel error');
    });
    try {
      await this.options.setup?.(channel);
    } catch (error) {
      await channel.close().catch(() => undefined);
      throw error;
    }
    channel.on('close', () => this.onClosed(channel, model));
    this.channel = channel;
    for (const waiter of this.waiters.splice(0)) waiter(channel);
  }

  private onClosed(channel: C, model: ChannelModel): void {
    if (this.channel === channel) this.channel = null;
    this.reopenLater(model, REOPEN_DELAY_MS);
  }

  // If the whole connection went, the connection's setup reopens us after reconnecting instead.
  private reopenLater(model: ChannelModel, delayMs: number): void {
    if (this.closed || this.options.connection.current() !== model) return;
    setTimeout(() => {
      if (this.closed || this.channel || this.options.connection.current() !== model) return;
      this.openOn(model).catch((error: unknown) => {
        this.options.logger.error(
          { err: error, channel: this.options.name },
          'reopening channel failed; retrying',
        );
        this.reopenLater(model, Math.min(delayMs * 2, MAX_REOPEN_DELAY_MS));
      });
    }, delayMs).unref();
  }
}
