import type { Channel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { BusConnection } from './connection.js';
import { ManagedChannel } from './managed-channel.js';

export interface QueueWorkerOptions {
  connection: BusConnection;
  logger: Logger;
  queue: string;
  prefetch: number;
  /** Declares the queue and its bindings; runs on every fresh channel. */
  declare: (channel: Channel) => Promise<void>;
  /** Handles one delivery; acknowledging it is the handler's job (see `QueueWorker.canAcknowledge`). */
  handle: (channel: Channel, delivery: ConsumeMessage) => Promise<void>;
}

/** Channels consuming for some worker, until they close. */
const consumingChannels = new WeakSet<Channel>();

/**
 * Takes deliveries from one queue on a channel that survives reconnects, keeps count of the
 * ones in hand, and on stop stops taking more and waits for those to finish.
 */
export class QueueWorker {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly consumerTags = new WeakMap<Channel, string>();
  private stopping = false;
  private channel!: ManagedChannel<Channel>;

  private constructor(private readonly options: QueueWorkerOptions) {}

  static async start(options: QueueWorkerOptions): Promise<QueueWorker> {
    const worker = new QueueWorker(options);
    worker.channel = await ManagedChannel.open<Channel>({
      connection: options.connection,
      name: options.queue,
      logger: options.logger,
      confirm: false,
      setup: (channel) => worker.setup(channel),
    });
    return worker;
  }

  /**
   * A delivery may be acknowledged only on the channel it came on, while that channel lives;
   * once it died the broker has requeued the message already. Known from the moment the
   * channel starts consuming: a handler can finish before its worker (or the managed channel)
   * has finished starting, and its ack must not be skipped then.
   */
  static canAcknowledge(channel: Channel): boolean {
    return consumingChannels.has(channel);
  }

  inFlightCount(): number {
    return this.inFlight.size;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const channel = this.channel.current();
    const tag = channel && this.consumerTags.get(channel);
    if (channel && tag) await channel.cancel(tag).catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.channel.close();
  }

  private async setup(channel: Channel): Promise<void> {
    consumingChannels.add(channel);
    channel.once('close', () => consumingChannels.delete(channel));
    await channel.prefetch(this.options.prefetch);
    await this.options.declare(channel);
    if (this.stopping) return;
    const { consumerTag } = await channel.consume(this.options.queue, (delivery) => {
      if (!delivery) return; // cancelled by the broker (queue deleted); the next setup redoes it
      const work = this.options
        .handle(channel, delivery)
        .catch((error: unknown) =>
          this.options.logger.error({ err: error, queue: this.options.queue }, 'delivery failed'),
        )
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTags.set(channel, consumerTag);
  }
}
