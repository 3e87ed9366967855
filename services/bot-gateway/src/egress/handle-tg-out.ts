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
import { TelegramApiError } from '../telegram/bot-api-client.js';
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

/**
 * Carries out a `tg.out` command once: skipped if its idempotency key was carried out before;
 * sent in its chat's order; the result (message id, file ids, the message's key) recorded with
 * a `tg.out.sent` event in one transaction. A refusal is final: recorded, `tg.out.failed`
 * published (and `tg.user.blocked` for a 403), never retried.
 */
export function tgOutHandler(deps: TgOutDeps): MessageHandler<Messages, 'tg.out'> {
  return (command) => deps.chats.run(command.data.chatId, () => carryOut(deps, command));
}

async function carryOut(deps: TgOutDeps, command: TgOut): Promise<HandlerResult> {
  const { idempotencyKey, chatId, method, messageKey } = command.data;
  const bot = deps.bots.current();
  if (!bot) throw new DependencyUnavailableError('no bot token configured yet');
  if (await findProcessedCommand(deps.db, idempotencyKey)) return { duplicate: true };

  const params: Record<string, unknown> = { ...command.data.params };
  if (!WITHOUT_CHAT.has(method)) params.chat_id ??= chatId;
  if (TARGETING.has(method) && messageKey && params.message_id === undefined) {
    const target = await findSentMessage(deps.db, messageKey);
    if (!target) return fail(deps, command, 404, `no message is known by the key "${messageKey}"`);
    params.chat_id = target.chatId;
    params.message_id = target.messageId;
  }

  let result: unknown;
  let uploads: Awaited<ReturnType<typeof resolveFileParams>>['uploads'] = [];
  try {
    const resolved = await resolveFileParams(method, params, deps.storage, (key) => findFileId(deps.db, key));
    uploads = resolved.uploads;
    result = await deps.sender.send(bot.client, chatId, method, resolved.params, resolved.files);
  } catch (error) {
    if (error instanceof MissingObjectError) return fail(deps, command, 400, error.message);
    if (!(error instanceof TelegramApiError)) throw error;
    if (error.forbidden) return fail(deps, command, error.errorCode, error.description, { blocked: true });
    if (!/message is not modified/.test(error.description)) {
      if (error.errorCode === 400 || error.errorCode === 404)
        return fail(deps, command, error.errorCode, error.description);
      throw error;
    }
    result = true; // the edit asked for is already in place
  }

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
  return { duplicate: false };
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
