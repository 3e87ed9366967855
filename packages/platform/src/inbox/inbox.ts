import type { Knex } from 'knex';

/**
 * Records that `consumer` handled `messageId`, inside the handler's own transaction. Returns
 * false when it was already recorded: a redelivery whose effects are committed. Two concurrent
 * deliveries of one message serialize on the primary key; the second sees false.
 */
export async function recordInInbox(
  trx: Knex.Transaction,
  schema: string,
  consumer: string,
  messageId: string,
): Promise<boolean> {
  const inserted = await trx
    .withSchema(schema)
    .table('fg_inbox')
    .insert({ consumer, message_id: messageId })
    .onConflict(['consumer', 'message_id'])
    .ignore()
    .returning('message_id');
  return inserted.length === 1;
}

/** Forgets inbox entries older than the longest time a message could be redelivered. */
export async function pruneInbox(db: Knex, schema: string, olderThanMs: number): Promise<number> {
  return db
    .withSchema(schema)
    .table('fg_inbox')
    .where('processed_at', '<', new Date(Date.now() - olderThanMs))
    .delete();
}
