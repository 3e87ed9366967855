import { escapeLike } from '@fieldgram/platform';
import type { Knex } from 'knex';
import type { Actor, Envelope, JournalEntry } from '@fieldgram/contracts';

interface JournalRow {
  id: string;
  type: string;
  actor: Actor;
  subject: string | null;
  data: unknown;
  occurred_at: Date;
  source: string;
  correlation_id: string;
}

/**
 * Appends one event to the journal; false if it is there already (a redelivery). The only
 * write this service ever makes: there is no update or delete, and the table refuses them.
 */
export async function appendToJournal(
  db: Knex,
  envelope: Envelope,
  subject: string | null,
): Promise<boolean> {
  const inserted = await db
    .table('journal')
    .insert({
      id: envelope.id,
      type: envelope.type,
      version: envelope.version,
      actor: JSON.stringify(envelope.actor),
      subject,
      data: JSON.stringify(envelope.data ?? null),
      occurred_at: envelope.occurredAt,
      source: envelope.source,
      correlation_id: envelope.correlationId,
      causation_id: envelope.causationId,
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length === 1;
}

export interface JournalFilter {
  /** An event type (`task.accepted`), or a family of them (`task.*`). */
  type?: string | undefined;
  subject?: string | undefined;
  /** Occurred at or after. */
  from?: string | undefined;
  /** Occurred before. */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** Journal lines matching the filter, newest first, and how many match in all. */
export async function queryJournal(
  db: Knex,
  filter: JournalFilter,
): Promise<{ items: JournalEntry[]; total: number }> {
  const matching = () => {
    const query = db.table('journal');
    if (filter.type?.endsWith('.*'))
      void query.where('type', 'like', `${escapeLike(filter.type.slice(0, -1))}%`);
    else if (filter.type) void query.where('type', filter.type);
    if (filter.subject) void query.where('subject', filter.subject);
    if (filter.from) void query.where('occurred_at', '>=', filter.from);
    if (filter.to) void query.where('occurred_at', '<', filter.to);
    return query;
  };
  const [rows, [count]] = await Promise.all([
    matching()
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .select<JournalRow[]>(
        'id',
        'type',
        'actor',
        'subject',
        'data',
        'occurred_at',
        'source',
        'correlation_id',
      ),
    matching().select<{ total: number }[]>(db.raw('count(*)::int as total')),
  ]);
  return { items: rows.map(toEntry), total: count?.total ?? 0 };
}

function toEntry(row: JournalRow): JournalEntry {
  return {
    id: row.id,
    type: row.type,
    actor: row.actor,
    subject: row.subject,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
    source: row.source,
    correlationId: row.correlation_id,
  };
}
