import type { Knex } from 'knex';
import type { DataInput, DataOf, Envelope, MessageType, Registry } from '@fieldgram/contracts';
import type { ServiceDatabase } from '../db/database.js';
import type { EmitOptions, Outbox } from './outbox.js';
import { recordInInbox } from '../inbox/inbox.js';

export interface TransactionContext<R extends Registry> {
  trx: Knex.Transaction;
  /** Adds a message to the outbox in this transaction; published after commit. */
  emit: <T extends MessageType<R>>(
    type: T,
    data: DataInput<R, T>,
    options?: EmitOptions,
  ) => Promise<Envelope<T, DataOf<R, T>>>;
}

/**
 * A service's transactions: state changes and outgoing messages commit together (outbox), and
 * a consumed message's effects commit together with its inbox record (exactly-once effects).
 */
export class UnitOfWork<R extends Registry> {
  constructor(
    private readonly db: ServiceDatabase,
    private readonly outbox: Outbox<R>,
  ) {}

  /** Runs `work` in a transaction; messages it emits are published after commit. */
  run<T>(work: (tx: TransactionContext<R>) => Promise<T>, causedBy?: Envelope): Promise<T> {
    return this.db.knex.transaction((trx) => work(this.context(trx, causedBy)));
  }

  /**
   * Runs `work` for a consumed message unless `consumer` already did: effects, emitted messages
   * and the inbox record commit atomically, so a redelivery after a crash changes nothing.
   */
  async once(
    consumer: string,
    message: Envelope,
    work: (tx: TransactionContext<R>) => Promise<void>,
  ): Promise<{ duplicate: boolean }> {
    return this.db.knex.transaction(async (trx) => {
      const first = await recordInInbox(trx, this.db.schema, consumer, message.id);
      if (!first) return { duplicate: true };
      await work(this.context(trx, message));
      return { duplicate: false };
    });
  }

  private context(trx: Knex.Transaction, causedBy: Envelope | undefined): TransactionContext<R> {
    return {
      trx,
      emit: (type, data, options = {}) =>
        this.outbox.add(
          trx,
          type,
          data,
          causedBy ? { causedBy, actor: causedBy.actor, ...options } : options,
        ),
    };
  }
}
