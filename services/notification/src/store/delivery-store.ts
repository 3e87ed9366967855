import type { Knex } from 'knex';
import { newMessageId } from '@fieldgram/contracts';
import type { AttachedFile } from '../domain/rules/rule.js';

export type DeliveryChannel = 'feed' | 'telegram';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface NewDelivery {
  /** The feed item it delivers (none for a rule without the feed channel). */
  feedItemId: string | null;
  recipientId: string;
  channel: DeliveryChannel;
  chatId?: number;
  message: string;
  type: string;
  reference: string | null;
  /** The files a Telegram call carries after the text it belongs to (`message`). */
  attachments?: readonly AttachedFile[];
}

/** The delivery log (S2-03): one row per message sent to one person on one channel. */
export interface Delivery {
  id: string;
  feedItemId: string | null;
  recipientId: string;
  channel: DeliveryChannel;
  chatId: number | null;
  message: string;
  type: string;
  reference: string | null;
  /** The files this call carried (an album after its text); null for a text. */
  attachments: AttachedFile[] | null;
  status: DeliveryStatus;
  attempts: number;
  sentAt: Date | null;
  error: string | null;
  createdAt: Date;
}

interface DeliveryRow {
  id: string;
  feed_item_id: string | null;
  recipient_id: string;
  channel: DeliveryChannel;
  chat_id: string | null;
  message: string;
  type: string;
  reference: string | null;
  attachments: AttachedFile[] | null;
  status: DeliveryStatus;
  attempts: number;
  sent_at: Date | null;
  error: string | null;
  created_at: Date;
}

/** A feed item is delivered by being stored: logged as sent at once. */
export async function logFeedDelivery(trx: Knex.Transaction, delivery: NewDelivery): Promise<string> {
  return insertDelivery(trx, delivery, { status: 'sent', attempts: 1, sent_at: trx.fn.now() });
}

/** A Telegram push waits for bot-gateway's `tg.out.sent` / `tg.out.failed`. */
export async function logPendingDelivery(trx: Knex.Transaction, delivery: NewDelivery): Promise<string> {
  return insertDelivery(trx, delivery, { status: 'pending', attempts: 0 });
}

async function insertDelivery(
  trx: Knex.Transaction,
  delivery: NewDelivery,
  state: Record<string, unknown>,
): Promise<string> {
  const id = newMessageId();
  await trx.table('deliveries').insert({
    id,
    feed_item_id: delivery.feedItemId,
    recipient_id: delivery.recipientId,
    channel: delivery.channel,
    chat_id: delivery.chatId ?? null,
    message: delivery.message,
    type: delivery.type,
    reference: delivery.reference,
    attachments: delivery.attachments?.length ? JSON.stringify(delivery.attachments) : null,
    ...state,
  });
  return id;
}

/** Records the outcome bot-gateway reported; false if no such delivery is logged here. */
export async function recordDeliveryOutcome(
  trx: Knex.Transaction,
  id: string,
  outcome: { status: 'sent'; at: Date } | { status: 'failed'; error: string },
): Promise<boolean> {
  const updated = await trx
    .table('deliveries')
    .where({ id })
    .update({
      status: outcome.status,
      attempts: trx.raw('attempts + 1'),
      sent_at: outcome.status === 'sent' ? outcome.at : null,
      error: outcome.status === 'failed' ? outcome.error : null,
      updated_at: trx.fn.now(),
    });
  return updated > 0;
}

export async function listDeliveries(
  db: Knex,
  filter: { feedItemId?: string; recipientId?: string; reference?: string } = {},
): Promise<Delivery[]> {
  const query = db.table('deliveries').orderBy([
    { column: 'created_at', order: 'asc' },
    { column: 'id', order: 'asc' },
  ]);
  if (filter.feedItemId) void query.where('feed_item_id', filter.feedItemId);
  if (filter.recipientId) void query.where('recipient_id', filter.recipientId);
  if (filter.reference) void query.where('reference', filter.reference);
  const rows = await query.select<DeliveryRow[]>('*');
  return rows.map((row) => ({
    id: row.id,
    feedItemId: row.feed_item_id,
    recipientId: row.recipient_id,
    channel: row.channel,
    chatId: row.chat_id === null ? null : Number(row.chat_id),
    message: row.message,
    type: row.type,
    reference: row.reference,
    attachments: row.attachments,
    status: row.status,
    attempts: row.attempts,
    sentAt: row.sent_at,
    error: row.error,
    createdAt: row.created_at,
  }));
}
