import { randomUUID } from 'node:crypto';
import type { Channel } from 'amqplib';
import type { Redis } from 'ioredis';
import type { MessageType, Registry } from '@fieldgram/contracts';
import { Consumer, type ConsumerOptions } from './consumer.js';
import { withDeadline } from '../concurrency/with-deadline.js';
import { HEADERS } from './headers.js';
import { PartitionLeases } from './partition-leases.js';
import {
  assignPartitions,
  partitionQueueName,
  slotExchangeName,
  slotsOfPartition,
  unslottedExchangeName,
  validatePartitionCount,
} from './partitions.js';

export interface PartitionedConsumerOptions<R extends Registry, T extends MessageType<R>> extends Omit<
  ConsumerOptions<R, T>,
  'routing' | 'singleActiveConsumer'
> {
  /** Partition queues are `<queue>.p00` … (see partitions.ts); changing the count needs a migration. */
  partitions: number;
  redis: Redis;
  /** A member whose heartbeat is this old is gone; a lease not renewed for this long is free. */
  leaseTtlMs?: number;
  /** How often membership is renewed and partitions rebalanced. */
  rebalanceIntervalMs?: number;
  /** The longest one Redis round of a rebalance may take before it is abandoned (Redis down). */
  redisTimeoutMs?: number;
}

const DEFAULT_LEASE_TTL_MS = 2_000;
const DEFAULT_REBALANCE_INTERVAL_MS = 500;

/**
 * Ordered processing per partition key with any number of instances (DESIGN §3): messages are
 * spread over partition queues by slot, each partition is consumed by one instance at a time,
 * and the partitions are spread evenly over the live instances. An instance SIGKILLed drops out
 * of the membership after `leaseTtlMs`; its partitions' unacknowledged messages went back to
 * their queues when its connection died, and the others take them over, in order.
 *
 * Handing a partition over, an instance stops consuming it and finishes what it holds before it
 * releases the lease, so its successor never overlaps it. The partition queues are also
 * single-active-consumer: should two instances ever both believe they hold a partition (a
 * process paused past its lease), the broker still delivers to only one of them.
 */
export class PartitionedConsumer<R extends Registry, T extends MessageType<R>> {
  private readonly leases: PartitionLeases;
  private readonly running = new Map<number, Consumer<R, T>>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private lastLogged = '';

  private constructor(
    private readonly options: PartitionedConsumerOptions<R, T>,
    readonly memberId: string,
  ) {
    validatePartitionCount(options.partitions);
    this.leases = new PartitionLeases(options.redis, {
      queue: options.queue,
      memberId,
      ttlMs: options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS,
    });
  }

  /** Joins the membership and takes the partitions free for it now; rebalances from then on. */
  static async start<R extends Registry, T extends MessageType<R>>(
    options: PartitionedConsumerOptions<R, T>,
  ): Promise<PartitionedConsumer<R, T>> {
    const consumer = new PartitionedConsumer(options, randomUUID());
    await consumer.rebalance();
    consumer.timer = setInterval(
      () => consumer.scheduleRound(),
      options.rebalanceIntervalMs ?? DEFAULT_REBALANCE_INTERVAL_MS,
    );
    return consumer;
  }

  get queue(): string {
    return this.options.queue;
  }

  /** The partitions this instance consumes now, ascending. */
  owned(): number[] {
    return [...this.running.keys()].sort((a, b) => a - b);
  }

  inFlightCount(): number {
    return [...this.running.values()].reduce((sum, consumer) => sum + consumer.inFlightCount(), 0);
  }

  /** Stops every partition (in-flight messages finish), releases them and leaves at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round;
    const partitions = this.owned();
    await Promise.all(partitions.map((partition) => this.stopPartition(partition)));
    await this.withinRedisTimeout(async () => {
      await this.leases.release(partitions);
      await this.leases.leave();
    }).catch((error: unknown) =>
      this.options.logger.warn({ err: error, queue: this.queue }, 'could not release partitions'),
    );
  }

  private scheduleRound(): void {
    if (this.round || this.stopped) return;
    this.round = this.rebalance()
      .catch((error: unknown) =>
        // Redis unreachable: keep consuming what is held. Nobody else can take it meanwhile, and
        // once Redis is back a lease found taken stops the partition here (SAC covers the gap).
        this.options.logger.warn({ err: error, queue: this.queue }, 'partition rebalance failed; will retry'),
      )
      .finally(() => {
        this.round = null;
      });
  }

  private async rebalance(): Promise<void> {
    const { partitions } = this.options;
    const { members, holders } = await this.withinRedisTimeout(() => this.leases.heartbeat(partitions));
    if (this.stopped) return;
    const wanted = new Set(assignPartitions(members, partitions, holders).get(this.memberId) ?? []);

    // Partitions now another member's: stop taking, finish what is in hand, then hand over.
    const leaving = this.owned().filter((partition) => !wanted.has(partition));
    await Promise.all(leaving.map((partition) => this.stopPartition(partition)));
    await this.withinRedisTimeout(() => this.leases.release(leaving));

    const held = await this.withinRedisTimeout(() => this.leases.claim([...wanted]));
    for (const partition of wanted) {
      if (this.stopped) return;
      if (held.has(partition) && !this.running.has(partition)) await this.startPartition(partition);
      // A lease lost to another member (this process was paused past its TTL): step back.
      if (!held.has(partition) && this.running.has(partition)) await this.stopPartition(partition);
    }
    this.report(members.length);
  }

  private async startPartition(partition: number): Promise<void> {
    const { connection, publisher, registry, logger, metrics, handlers, prefetch, retryDelaysMs } =
      this.options;
    const source = slotExchangeName(this.queue);
    const consumer = await Consumer.start<R, T>({
      connection,
      publisher,
      registry,
      logger,
      metrics,
      handlers,
      ...(prefetch !== undefined ? { prefetch } : {}),
      ...(retryDelaysMs !== undefined ? { retryDelaysMs } : {}),
      queue: partitionQueueName(this.queue, partition),
      singleActiveConsumer: true,
      routing: {
        declareSource: (channel) => this.declareSlotExchange(channel),
        bindings: [
          ...slotsOfPartition(partition, this.options.partitions).map((slot) => ({
            exchange: source,
            routingKey: '',
            arguments: { 'x-match': 'all', [HEADERS.slot]: String(slot) },
          })),
          // A message published without a slot (not through our Publisher) lands in the first partition.
          ...(partition === 0 ? [{ exchange: unslottedExchangeName(this.queue), routingKey: '' }] : []),
        ],
      },
    });
    this.running.set(partition, consumer);
  }

  private async stopPartition(partition: number): Promise<void> {
    const consumer = this.running.get(partition);
    this.running.delete(partition);
    await consumer?.stop();
  }

  /**
   * `<queue>.slots`, a headers exchange fed by each handled type's routing key; what matches no
   * slot goes on to its alternate exchange `<queue>.unslotted` instead of being dropped.
   */
  private async declareSlotExchange(channel: Channel): Promise<void> {
    const { registry, handlers } = this.options;
    const exchange = slotExchangeName(this.queue);
    const unslotted = unslottedExchangeName(this.queue);
    await channel.assertExchange(unslotted, 'fanout', { durable: true });
    await channel.assertExchange(exchange, 'headers', { durable: true, alternateExchange: unslotted });
    for (const type of Object.keys(handlers)) {
      await channel.bindExchange(exchange, registry[type]!.exchange, type);
    }
  }

  private report(memberCount: number): void {
    const owned = this.owned();
    this.options.metrics.partitionsOwned.set({ queue: this.queue }, owned.length);
    const summary = `${memberCount}:${owned.join(',')}`;
    if (summary === this.lastLogged) return;
    this.lastLogged = summary;
    this.options.logger.info(
      { queue: this.queue, members: memberCount, partitions: owned },
      'partitions assigned',
    );
  }

  private withinRedisTimeout<V>(work: () => Promise<V>): Promise<V> {
    const timeoutMs = this.options.redisTimeoutMs ?? this.options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    return withDeadline(work(), timeoutMs, () => new Error(`Redis did not answer within ${timeoutMs} ms`));
  }
}
