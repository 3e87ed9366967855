import {
  createEnvelope,
  messageDef,
  type DataInput,
  type DataOf,
  type Envelope,
  type MessageType,
  type Registry,
} from '@fieldgram/contracts';
import type { Publisher } from './publisher.js';
import type { EmitOptions } from '../outbox/outbox.js';
import { MessageValidationError } from '../errors/bus-errors.js';
import { describeIssues } from './decode.js';
import { currentLogContext } from '../log/index.js';

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
  const def = messageDef(registry, type);
  if (!def) throw new MessageValidationError(`unknown message type "${type}"`, type);
  const parsed = def.data.safeParse(data);
  if (!parsed.success)
    throw new MessageValidationError(`invalid ${type} data: ${describeIssues(parsed.error)}`, type);
  const inherited = currentLogContext()?.correlationId;
  const envelope = createEnvelope({
    type,
    data: parsed.data as DataOf<R, T>,
    source,
    version: def.version,
    ...(inherited && !options.causedBy ? { correlationId: inherited } : {}),
    ...options,
  });
  await publisher.publishEnvelope(def.exchange, type, envelope);
  return envelope;
}
