import type { Channel, ChannelModel } from 'amqplib';
import { seqOf } from './messages.js';

/**
 * A plain subscriber (own channel, no acks, exclusive queue) that notes when each bench message
 * arrived, keyed by its `seq`: the receiving end for benches that time publish → delivery.
 */
export class Sink {
  private readonly arrivals = new Map<number, number>();
  private received = 0;
  private firstAt: number | undefined;
  private waiter: { count: number; resolve: (at: number) => void } | null = null;

  private constructor(private readonly channel: Channel) {}

  static async open(model: ChannelModel, exchange: string, pattern: string): Promise<Sink> {
    const channel = await model.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, exchange, pattern);
    const sink = new Sink(channel);
    await channel.consume(queue, (message) => message && sink.onMessage(message.content), { noAck: true });
    return sink;
  }

  /** Forgets what arrived so far. */
  reset(): void {
    this.arrivals.clear();
    this.received = 0;
    this.firstAt = undefined;
  }

  /** performance.now() of the first message since the last reset. */
  firstArrivalAt(): number | undefined {
    return this.firstAt;
  }

  /** performance.now() of the message with this seq, if it arrived. */
  arrivedAt(seq: number): number | undefined {
    return this.arrivals.get(seq);
  }

  /** Resolves with the time the `count`-th message (since the last reset) arrived. */
  waitForCount(count: number, timeoutMs = 60_000): Promise<number> {
    if (this.received >= count) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`sink: ${this.received} of ${count} messages arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        count,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
  }

  private onMessage(content: Buffer): void {
    const at = performance.now();
    this.arrivals.set(seqOf(content), at);
    this.firstAt ??= at;
    this.received++;
    if (this.waiter && this.received >= this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = null;
      resolve(at);
    }
  }
}
