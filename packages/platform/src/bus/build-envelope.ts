import {
  type Actor,
  createEnvelope,
  messageDef,
  type DataInput,
  type DataOf,
  type Envelope,
  type MessageDef,
  type MessageType,
  type Registry,
} from '@fieldgram/contracts';
import { MessageValidationError } from '../errors/bus-errors.js';
import { currentLogContext } from '../log/index.js';
import { describeIssues } from './decode.js';

export interface EmitOptions {
  /** The message being handled; the new one inherits its correlation id. */
  causedBy?: Pick<Envelope, 'id' | 'correlationId'>;
  actor?: Actor;
  /** Messages with the same key are published in the order their transactions committed. */
  partitionKey?: string;
  correlationId?: string;
  /** A deterministic id (e.g. derived from a Telegram update_id), so a re-publish is recognised. */
  id?: string;
}

/**
 * Validates `data` against its type's schema and wraps it in an envelope. The one place where
 * an outgoing message is built, whether it goes out directly, through the outbox, or as a
 * request; outside a `causedBy`, it inherits the correlation id of the message being handled.
 */
export function buildEnvelope<R extends Registry, T extends MessageType<R>>(
  registry: R,
  source: string,
  type: T,
  data: DataInput<R, T>,
  options: EmitOptions = {},
): { envelope: Envelope<T, DataOf<R, T>>; def: MessageDef } {
  const def = messageDef(registry, type);
  if (!def) throw new MessageValidationError(`unknown message type "${type}"`, type);
  const parsed = def.data.safeParse(data);
  if (!parsed.success)
    throw new MessageValidationError(`invalid ${type} data: ${describeIssues(parsed.error)}`, type);
  const inherited = options.causedBy ? undefined : currentLogContext()?.correlationId;
  const envelope = createEnvelope({
    type,
    data: parsed.data as DataOf<R, T>,
    source,
    version: def.version,
    ...(inherited ? { correlationId: inherited } : {}),
    ...options,
  });
  return { envelope, def };
}
