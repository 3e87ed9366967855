import type { Knex } from 'knex';
import { newMessageId, type FeedItem } from '@fieldgram/contracts';

interface FeedItemRow {
  id: string;
  recipient_id: string;
  type: string;
  subject: string | null;
  text: string;
  sound: boolean;
  actions: FeedItem['actions'];
  read_at: Date | null;
  created_at: Date;
}

export interface NewFeedItem {
  recipientId: string;
  type: string;
  subject: string | null;
  text: string;
  sound: boolean;
  actions: FeedItem['actions'];
  ruleId: string;
  eventId: string;
}

export async function insertFeedItem(trx: Knex.Transaction, item: NewFeedItem): Promise<FeedItem> {
  const [row] = await trx
    .table('feed_items')
    .insert({
      id: newMessageId(),
      recipient_id: item.recipientId,
      type: item.type,
      subject: item.subject,
      text: item.text,
      sound: item.sound,
      actions: JSON.stringify(item.actions),
      rule_id: item.ruleId,
      event_id: item.eventId,
    })
    .returning<FeedItemRow[]>('*');
  return toFeedItem(row!);
}

export interface FeedPage {
  items: FeedItem[];
  /** Items matching the filter. */
  total: number;
  /** The recipient's unread items, whatever the filter. */
  unread: number;
}

/** A recipient's feed, newest first. */
export async function listFeed(
  db: Knex,
  query: { recipientId: string; unread?: boolean; page: number; pageSize: number },
): Promise<FeedPage> {
  const mine = () => db.table('feed_items').where('recipient_id', query.recipientId);
  const filtered = () => (query.unread ? mine().whereNull('read_at') : mine());
  const [rows, [counts]] = await Promise.all([
    filtered()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .select<FeedItemRow[]>('*'),
    mine().select<{ total: number; unread: number }[]>(
      db.raw('count(*)::int as total'),
      db.raw('(count(*) filter (where read_at is null))::int as unread'),
    ),
  ]);
  const all = counts ?? { total: 0, unread: 0 };
  return {
    items: rows.map(toFeedItem),
    total: query.unread ? all.unread : all.total,
    unread: all.unread,
  };
}

/** Marks one of the recipient's items read (once: a second call keeps the first time); undefined if not theirs. */
export async function markRead(db: Knex, recipientId: string, id: string): Promise<FeedItem | undefined> {
  const [row] = await db
    .table('feed_items')
    .where({ id, recipient_id: recipientId })
    .update({ read_at: db.raw('coalesce(read_at, now())') })
    .returning<FeedItemRow[]>('*');
  return row ? toFeedItem(row) : undefined;
}

function toFeedItem(row: FeedItemRow): FeedItem {
  return {
    id: row.id,
    recipientId: row.recipient_id,
    type: row.type,
    subject: row.subject,
    text: row.text,
    sound: row.sound,
    actions: row.actions,
    read: row.read_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}
