import type { Channel } from 'amqplib';
import { EXCHANGES } from '@fieldgram/contracts';

export interface QueueBinding {
  exchange: string;
  routingKey: string;
  /** Binding arguments (a headers exchange matches on these). */
  arguments?: Record<string, unknown>;
}

export interface ConsumerQueueSpec {
  queue: string;
  bindings: QueueBinding[];
  /** Delay before each retry; a message is tried `retryDelaysMs.length + 1` times in all. */
  retryDelaysMs: readonly number[];
  /** One consumer at a time across all instances (ordered processing). */
  singleActiveConsumer?: boolean;
  /** Bindings to remove (a queue being retired keeps draining but receives nothing new). */
  unbind?: QueueBinding[];
}

/** The exchanges every service relies on (DESIGN §2); declaring them is idempotent. */
export async function declareExchanges(channel: Channel): Promise<void> {
  await channel.assertExchange(EXCHANGES.events, 'topic', { durable: true });
  await channel.assertExchange(EXCHANGES.commands, 'direct', { durable: true });
  await channel.assertExchange(EXCHANGES.telegram, 'topic', { durable: true });
}

export function retryQueueName(queue: string, delayMs: number): string {
  return `${queue}.retry.${delayMs}ms`;
}

export function deadQueueName(queue: string): string {
  return `${queue}.dead`;
}

/** The queue a `.dead` queue parks messages for. */
export function queueOfDeadQueue(deadQueue: string): string {
  return deadQueue.endsWith('.dead') ? deadQueue.slice(0, -'.dead'.length) : deadQueue;
}

/**
 * A consumer's durable queue with its retry ladder and parking lot. A retry queue holds a
 * message for its delay (queue TTL, so no head-of-line blocking between delays) and then
 * dead-letters it through the default exchange straight back to this queue only — not to the
 * other subscribers of the original routing key.
 */
export async function declareConsumerQueue(channel: Channel, spec: ConsumerQueueSpec): Promise<void> {
  const args: Record<string, unknown> = {};
  if (spec.singleActiveConsumer) args['x-single-active-consumer'] = true;
  await channel.assertQueue(spec.queue, { durable: true, arguments: args });
  for (const delayMs of new Set(spec.retryDelaysMs)) {
    await channel.assertQueue(retryQueueName(spec.queue, delayMs), {
      durable: true,
      arguments: {
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': spec.queue,
      },
    });
  }
  await channel.assertQueue(deadQueueName(spec.queue), { durable: true });
  for (const binding of spec.bindings) {
    await channel.bindQueue(spec.queue, binding.exchange, binding.routingKey, binding.arguments);
  }
  for (const binding of spec.unbind ?? []) {
    await channel.unbindQueue(spec.queue, binding.exchange, binding.routingKey, binding.arguments);
  }
}
