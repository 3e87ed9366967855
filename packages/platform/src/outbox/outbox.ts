import type { Knex } from 'knex';
import {
  createEnvelope,
  messageDef,
  type Actor,
  type DataInput,
  type DataOf,
  type Envelope,
  type MessageType,
  type Registry,
} from '@fieldgram/contracts';
import { MessageValidationError } from '../errors/bus-errors.js';
import { describeIssues } from '../bus/decode.js';

export interface EmitOptions {
  /** The message being handled; the new one inherits its correlation id. */
  causedBy?: Pick<Envelope, 'id' | 'correlationId'>;
  actor?: Actor;
  /** Messages with the same key are published in the order their transactions committed. */
  partitionKey?: string;
  correlationId?: string;
}

/**
 * Writes messages into the service's outbox table inside the caller's transaction, so a state
 * change and the events it implies are committed together or not at all (DESIGN §3).
 */
export class Outbox<R extends Registry> {
  constructor(private readonly options: { registry: R; source: string; schema: string }) {}

  async add<T extends MessageType<R>>(
    trx: Knex.Transaction,
    type: T,
    data: DataInput<R, T>,
    options: EmitOptions = {},
  ): Promise<Envelope<T, DataOf<R, T>>> {
    const def = messageDef(this.options.registry, type);
    if (!def) throw new MessageValidationError(`unknown message type "${type}"`, type);
    const parsed = def.data.safeParse(data);
    if (!parsed.success) {
      throw new MessageValidationError(`invalid ${type} data: ${describeIssues(parsed.error)}`, type);
    }
    const envelope = createEnvelope({
      type,
      data: parsed.data as DataOf<R, T>,
      source: this.options.source,
      version: def.version,
      ...options,
    });
    if (options.partitionKey !== undefined) {
      // Serializes writers of one key until commit, so sequence order = commit order per key.
      await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `${this.options.schema}:${options.partitionKey}`,
      ]);
    }
    await trx
      .withSchema(this.options.schema)
      .table('fg_outbox')
      .insert({
        message_id: envelope.id,
        exchange: def.exchange,
        routing_key: type,
        partition_key: options.partitionKey ?? null,
        envelope: JSON.stringify(envelope),
      });
    return envelope;
  }
}
