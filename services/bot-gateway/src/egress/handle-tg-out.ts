import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import {
  DependencyUnavailableError,
  type HandlerResult,
  type MessageHandler,
  type ObjectStorage,
  type UnitOfWork,
} from '@fieldgram/platform';
import type { DataOf, Envelope, Messages } from '@fieldgram/contracts';
import type { BotSettingsStore } from '../settings/bot-settings.js';
import { TelegramApiError, type BotApiClient } from '../telegram/bot-api-client.js';
import type { TelegramSender } from './telegram-sender.js';
import type { KeyedSerializer } from '@fieldgram/platform';
import { fileIdOf, MissingObjectError, resolveFileParams } from './file-params.js';
import {
  findFileId,
  findProcessedCommand,
  findSentMessage,
  forgetSentMessage,
  recordProcessedCommand,
  rememberFileId,
  rememberSentMessage,
} from '../store/gateway-store.js';

type TgOut = Envelope<'tg.out', DataOf<Messages, 'tg.out'>>;

/** Methods that act on an existing message, which `messageKey` can designate. */
const TARGETING = new Set([
  'editMessageText',
  'editMessageReplyMarkup',
  'editMessageCaption',
  'deleteMessage',
  'pinChatMessage',
  'unpinChatMessage',
]);
const WITHOUT_CHAT = new Set(['answerCallbackQuery']);

export interface TgOutDeps {
  db: Knex;
  uow: UnitOfWork<Messages>;
  bots: BotSettingsStore;
  sender: TelegramSender;
  storage: ObjectStorage;
  chats: KeyedSerializer;
  logger: Logger;
}

/** What a Bot API call returned, with the files it uploaded: all that recording it needs. */
interface Sent {
  result: unknown;
  uploads: Awaited<ReturnType<typeof resolveFileParams>>['uploads'];
}

/** Waits before each further try to record a call Telegram carried out (about 30 s in all). */
const RECORD_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000];

export interface TgOutOptions {
  recordRetryDelaysMs?: readonly number[];
}

/**
 * Carries out a `tg.out` command once: skipped if its idempotency key was carried out before;
 * sent in its chat's order; the result (message id, file ids, the message's key) recorded, with
 * a `tg.out.sent` event in the same transaction when the command asked for one (`reportSent`). A refusal is final: recorded, `tg.out.failed`
 * published (and `tg.user.blocked` for a 403), never retried.
 *
 * Telegram cannot be asked whether it got a call, so once a call succeeded it is never made
 * again by this process: if the database cannot take the record (restarting), recording is
 * retried in place (the chat's next commands wait, so edits find the message's key), and past
 * that the result is kept in memory for the redelivery to record instead of sending again.
 * Only a crash between the call and the record can still send a message twice.
 */
export function tgOutHandler(
  deps: TgOutDeps,
  options: TgOutOptions = {},
): MessageHandler<Messages, 'tg.out'> {
  const unrecorded = new Map<string, Sent>();
  const delays = options.recordRetryDelaysMs ?? RECORD_RETRY_DELAYS_MS;
  return (command) => deps.chats.run(command.data.chatId, () => carryOut(deps, command, unrecorded, delays));
}

async function carryOut(
  deps: TgOutDeps,
  command: TgOut,
  unrecorded: Map<string, Sent>,
  delays: readonly number[],
): Promise<HandlerResult> {
  const { idempotencyKey } = command.data;
  const bot = deps.bots.current();
  if (!bot) throw new DependencyUnavailableError('no bot token configured yet');
  if (await findProcessedCommand(deps.db, idempotencyKey)) {
    unrecorded.delete(idempotencyKey);
    return { duplicate: true };
  }
  let sent = unrecorded.get(idempotencyKey);
  if (sent === undefined) {
    const outcome = await callTelegram(deps, command, bot.client);
    if (outcome.kind === 'refused') return outcome.result;
    sent = outcome.sent;
    unrecorded.set(idempotencyKey, sent);
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await recordSent(deps, command, sent);
      unrecorded.delete(idempotencyKey);
      return { duplicate: false };
    } catch (error) {
      // Recorded meanwhile by someone else (another instance took the redelivery)?
      if (await findProcessedCommand(deps.db, idempotencyKey).catch(() => false)) {
        unrecorded.delete(idempotencyKey);
        return { duplicate: true };
      }
      const delay = delays[attempt];
      if (delay === undefined) throw error;
      deps.logger.warn(
        { err: error, idempotencyKey, retryInMs: delay },
        'could not record a sent command; retrying',
      );
      await sleep(delay);
    }
  }
}

type CallOutcome = { kind: 'sent'; sent: Sent } | { kind: 'refused'; result: HandlerResult };

/** The Bot API call, or its final refusal (recorded). */
async function callTelegram(deps: TgOutDeps, command: TgOut, client: BotApiClient): Promise<CallOutcome> {
  const refused = async (
    errorCode: number,
    description: string,
    options?: { blocked?: boolean },
  ): Promise<CallOutcome> => ({
    kind: 'refused',
    result: await fail(deps, command, errorCode, description, options),
  });
  const { chatId, method, messageKey } = command.data;
  const params: Record<string, unknown> = { ...command.data.params };
  if (!WITHOUT_CHAT.has(method)) params.chat_id ??= chatId;
  if (TARGETING.has(method) && messageKey && params.message_id === undefined) {
    const target = await findSentMessage(deps.db, messageKey);
    if (!target) return refused(404, `no message is known by the key "${messageKey}"`);
    params.chat_id = target.chatId;
    params.message_id = target.messageId;
  }

  let uploads: Sent['uploads'] = [];
  try {
    const resolved = await resolveFileParams(method, params, deps.storage, (key) => findFileId(deps.db, key));
    uploads = resolved.uploads;
    const result = await deps.sender.send(client, chatId, method, resolved.params, resolved.files);
    return { kind: 'sent', sent: { result, uploads } };
  } catch (error) {
    if (error instanceof MissingObjectError) return refused(400, error.message);
    if (!(error instanceof TelegramApiError)) throw error;
    if (error.forbidden) return refused(error.errorCode, error.description, { blocked: true });
    if (!/message is not modified/.test(error.description)) {
      if (error.errorCode === 400 || error.errorCode === 404)
        return refused(error.errorCode, error.description);
      throw error;
    }
    return { kind: 'sent', sent: { result: true, uploads } }; // the edit asked for is already in place
  }
}

async function recordSent(deps: TgOutDeps, command: TgOut, { result, uploads }: Sent): Promise<void> {
  const { idempotencyKey, chatId, method, messageKey } = command.data;
  const messageId = messageIdOf(result);
  await deps.uow.run(async ({ trx, emit }) => {
    await recordProcessedCommand(trx, {
      idempotencyKey,
      chatId,
      method,
      status: 'sent',
      ...(messageId ? { messageId } : {}),
    });
    if (messageKey && method === 'deleteMessage') await forgetSentMessage(trx, messageKey);
    else if (messageKey && messageId !== undefined)
      await rememberSentMessage(trx, messageKey, chatId, messageId);
    const sentMessages = Array.isArray(result) ? result : [result];
    for (const upload of uploads) {
      const file = fileIdOf(sentMessages[upload.position ?? 0]);
      if (file) await rememberFileId(trx, upload.storageKey, file.fileId, file.fileUniqueId);
    }
    // Only a caller that asked hears of a send: most are plain replies nobody waits for.
    if (command.data.reportSent !== true) return;
    await emit(
      'tg.out.sent',
      {
        idempotencyKey,
        chatId,
        method,
        ...(messageId !== undefined ? { messageId } : {}),
        ...(messageKey ? { messageKey } : {}),
      },
      { partitionKey: `chat:${chatId}` },
    );
  }, command);
}

async function fail(
  deps: TgOutDeps,
  command: TgOut,
  errorCode: number,
  description: string,
  options: { blocked?: boolean } = {},
): Promise<HandlerResult> {
  const { idempotencyKey, chatId, method } = command.data;
  deps.logger.warn({ chatId, method, errorCode, description }, 'Telegram refused a command; not retried');
  await deps.uow.run(async ({ trx, emit }) => {
    await recordProcessedCommand(trx, {
      idempotencyKey,
      chatId,
      method,
      status: 'failed',
      errorCode,
      error: description,
    });
    await emit(
      'tg.out.failed',
      { idempotencyKey, chatId, method, errorCode, description },
      { partitionKey: `chat:${chatId}` },
    );
    if (options.blocked)
      await emit('tg.user.blocked', { chatId, description }, { partitionKey: `chat:${chatId}` });
  }, command);
  return { duplicate: false };
}

/** The message id of a send's result (a Message, an array of them, or a MessageId). */
function messageIdOf(result: unknown): number | undefined {
  const first: unknown = Array.isArray(result) ? result[0] : result;
  if (
    first &&
    typeof first === 'object' &&
    typeof (first as { message_id?: unknown }).message_id === 'number'
  ) {
    return (first as { message_id: number }).message_id;
  }
  return undefined;
}
