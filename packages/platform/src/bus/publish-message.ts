import type { DataInput, DataOf, Envelope, MessageType, Registry } from '@fieldgram/contracts';
import type { Publisher } from './publisher.js';
import { buildEnvelope, type EmitOptions } from './build-envelope.js';

/**
 * Validates and publishes one message directly (confirmed, not through the outbox). For
 * messages with no state change behind them; anything that follows a database write belongs
 * in the outbox, in the same transaction.
 */
export async function publishMessage<R extends Registry, T extends MessageType<R>>(
  publisher: Publisher,
  registry: R,
  source: string,
  type: T,
  data: DataInput<R, T>,
  options: EmitOptions = {},
): Promise<Envelope<T, DataOf<R, T>>> {
  const { envelope, def } = buildEnvelope(registry, source, type, data, options);
  await publisher.publishEnvelope(def.exchange, type, envelope);
  return envelope;
}
