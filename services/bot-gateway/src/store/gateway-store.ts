import type { Knex } from 'knex';

export interface ProcessedCommand {
  idempotencyKey: string;
  chatId: number;
  method: string;
  status: 'sent' | 'failed';
  messageId?: number;
  errorCode?: number;
  error?: string;
}

/** bigint columns come back as strings from pg; ids here stay below 2^53. */
const toNumber = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value);

export async function findProcessedCommand(
  db: Knex,
  idempotencyKey: string,
): Promise<ProcessedCommand | undefined> {
  const row = (await db.table('processed_commands').where({ idempotency_key: idempotencyKey }).first()) as
    Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    idempotencyKey,
    chatId: Number(row.chat_id),
    method: String(row.method),
    status: row.status as ProcessedCommand['status'],
    ...(toNumber(row.message_id) !== undefined ? { messageId: toNumber(row.message_id) } : {}),
  };
}

export async function recordProcessedCommand(
  trx: Knex.Transaction,
  command: ProcessedCommand,
): Promise<void> {
  await trx
    .table('processed_commands')
    .insert({
      idempotency_key: command.idempotencyKey,
      chat_id: command.chatId,
      method: command.method,
      status: command.status,
      message_id: command.messageId ?? null,
      error_code: command.errorCode ?? null,
      error: command.error ?? null,
    })
    .onConflict('idempotency_key')
    .ignore();
}

export async function findSentMessage(
  db: Knex,
  messageKey: string,
): Promise<{ chatId: number; messageId: number } | undefined> {
  const row = (await db.table('sent_messages').where({ message_key: messageKey }).first()) as
    { chat_id: string; message_id: string } | undefined;
  return row ? { chatId: Number(row.chat_id), messageId: Number(row.message_id) } : undefined;
}

export async function rememberSentMessage(
  trx: Knex.Transaction,
  messageKey: string,
  chatId: number,
  messageId: number,
): Promise<void> {
  await trx
    .table('sent_messages')
    .insert({ message_key: messageKey, chat_id: chatId, message_id: messageId, updated_at: trx.fn.now() })
    .onConflict('message_key')
    .merge();
}

export async function forgetSentMessage(trx: Knex.Transaction, messageKey: string): Promise<void> {
  await trx.table('sent_messages').where({ message_key: messageKey }).delete();
}

export async function findFileId(db: Knex, storageKey: string): Promise<string | undefined> {
  const row = (await db.table('telegram_files').where({ storage_key: storageKey }).first()) as
    { file_id: string } | undefined;
  return row?.file_id;
}

export async function rememberFileId(
  trx: Knex.Transaction,
  storageKey: string,
  fileId: string,
  fileUniqueId: string | undefined,
): Promise<void> {
  await trx
    .table('telegram_files')
    .insert({
      storage_key: storageKey,
      file_id: fileId,
      file_unique_id: fileUniqueId ?? null,
      updated_at: trx.fn.now(),
    })
    .onConflict('storage_key')
    .merge();
}

export interface StoredBotToken {
  sealedToken: string;
  botId: number;
  username: string;
}

export async function loadBotToken(db: Knex): Promise<StoredBotToken | undefined> {
  const row = (await db.table('bot_settings').where({ id: 1 }).first()) as
    { sealed_token: string; bot_id: string; username: string } | undefined;
  return row
    ? { sealedToken: row.sealed_token, botId: Number(row.bot_id), username: row.username }
    : undefined;
}

export async function saveBotToken(db: Knex, token: StoredBotToken): Promise<void> {
  await db
    .table('bot_settings')
    .insert({
      id: 1,
      sealed_token: token.sealedToken,
      bot_id: token.botId,
      username: token.username,
      updated_at: db.fn.now(),
    })
    .onConflict('id')
    .merge();
}

/** Forgets carried-out commands older than the longest a command could be redelivered. */
export async function pruneProcessedCommands(db: Knex, olderThanMs: number): Promise<number> {
  return db
    .table('processed_commands')
    .where('created_at', '<', new Date(Date.now() - olderThanMs))
    .delete();
}
