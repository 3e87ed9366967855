import type { Knex } from 'knex';

export async function insertGreeting(
  trx: Knex.Transaction,
  greeting: { messageId: string; name: string; text: string },
): Promise<number> {
  const [row] = await trx
    .table('greetings')
    .insert({ message_id: greeting.messageId, name: greeting.name, text: greeting.text })
    .returning<{ id: number }[]>('id');
  return row!.id;
}

export async function isBrokenName(trx: Knex.Transaction, name: string): Promise<boolean> {
  return (await trx.table('broken_names').where({ name }).first()) !== undefined;
}

export async function greetingSummary(
  db: Knex,
  name: string,
): Promise<{ count: number; lastText: string | null }> {
  const [row] = await db
    .table('greetings')
    .where({ name })
    .select<{ count: number; lastText: string | null }[]>(
      db.raw('count(*)::int as count'),
      db.raw('(array_agg(text order by id desc))[1] as "lastText"'),
    );
  return { count: row?.count ?? 0, lastText: row?.lastText ?? null };
}

export async function logGreeted(trx: Knex.Transaction, eventId: string, greetingId: number): Promise<void> {
  await trx.table('greeted_log').insert({ event_id: eventId, greeting_id: greetingId });
}
