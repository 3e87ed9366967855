import type { Knex } from 'knex';
import type { DataInput, DataOf, Envelope, MessageType, Registry } from '@fieldgram/contracts';
import { buildEnvelope, type EmitOptions } from '../bus/build-envelope.js';

export type { EmitOptions };

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
    const { envelope, def } = buildEnvelope(this.options.registry, this.options.source, type, data, options);
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
