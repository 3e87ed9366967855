import { z } from 'zod';
import { resolveInputFile } from '../media/input-file.js';
import { mediaContent } from '../media/media-content.js';
import { fileJson, isDownloadable } from '../state/file-store.js';
import { newMediaGroupId, type FileKind } from '../state/ids.js';
import type { TelegramMessage } from '../telegram-types.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { postBotMessage, replyTargetOf, validateReplyMarkup } from './bot-messages.js';
import { findChat } from './chat-access.js';
import { defineMethod, type BotMethod } from './method.js';
import { captionOf } from './message-text.js';
import { boolean, entities, integer, json, parseMode, sendingParams } from './params.js';

/** An InputFile: a file_id, a URL or `attach://<part>` (uploads are turned into the latter). */
const inputFile = z.string().optional();

const captionParams = {
  caption: z.string().optional(),
  parse_mode: parseMode.optional(),
  caption_entities: entities.optional(),
};

const mediaExtras = {
  duration: integer.optional(),
  width: integer.optional(),
  height: integer.optional(),
  has_spoiler: boolean.optional(),
};

function defineSendMedia(method: string, kind: FileKind): BotMethod {
  return defineMethod(
    method,
    // Each method reads only its own kind's parameter; listing all four keeps the type simple.
    z.object({
      ...sendingParams,
      ...captionParams,
      ...mediaExtras,
      photo: inputFile,
      document: inputFile,
      voice: inputFile,
      video: inputFile,
    }),
    {
      countsTowardsFloodLimits: true,
      targetChat: (params) => params.chat_id,
      check: (params) => {
        captionOf(params.caption, params.parse_mode, params.caption_entities);
        validateReplyMarkup(params.reply_markup);
      },
    },
    async (context, params) => {
      const file = await resolveInputFile(context, params[kind], kind);
      const caption = captionOf(params.caption, params.parse_mode, params.caption_entities);
      return postBotMessage(
        context,
        findChat(context.core, params.chat_id),
        {
          ...mediaContent(context.core.files, context.bot.id, kind, file, params),
          ...(caption !== undefined && { caption: caption.text }),
          ...(caption?.entities !== undefined && { caption_entities: caption.entities }),
        },
        { method, params, replyTo: replyTargetOf(params), replyMarkup: params.reply_markup },
      );
    },
  );
}

const inputMedia = z.object({
  type: z.enum(['photo', 'video', 'document'], { error: 'unsupported media type in the media group' }),
  media: z.string(),
  ...captionParams,
  ...mediaExtras,
});

const { reply_markup: _noKeyboardOnAlbums, ...albumSendingParams } = sendingParams;

const sendMediaGroup = defineMethod(
  'sendMediaGroup',
  z.object({
    ...albumSendingParams,
    media: json(z.array(inputMedia).min(2, ErrorText.mediaGroupSize).max(10, ErrorText.mediaGroupSize)),
  }),
  {
    countsTowardsFloodLimits: true,
    targetChat: (params) => params.chat_id,
    check: (params) => {
      const hasDocuments = params.media.some((item) => item.type === 'document');
      if (hasDocuments && params.media.some((item) => item.type !== 'document')) {
        throw new BotApiError(400, ErrorText.mediaGroupMixed);
      }
      for (const item of params.media) captionOf(item.caption, item.parse_mode, item.caption_entities);
    },
  },
  async (context, params) => {
    const chat = findChat(context.core, params.chat_id);
    // Resolve every file first, so a bad one sends nothing.
    const files = await Promise.all(
      params.media.map((item) => resolveInputFile(context, item.media, item.type)),
    );
    const mediaGroupId = newMediaGroupId();
    return params.media.map((item, index): TelegramMessage => {
      const file = files[index];
      if (file === undefined) throw new Error('sendMediaGroup: a resolved file is missing');
      const caption = captionOf(item.caption, item.parse_mode, item.caption_entities);
      return postBotMessage(
        context,
        chat,
        {
          media_group_id: mediaGroupId,
          ...mediaContent(context.core.files, context.bot.id, item.type, file, item),
          ...(caption !== undefined && { caption: caption.text }),
          ...(caption?.entities !== undefined && { caption_entities: caption.entities }),
        },
        { method: 'sendMediaGroup', params, replyTo: replyTargetOf(params) },
      );
    });
  },
);

const getFile = defineMethod('getFile', z.object({ file_id: z.string() }), {}, (context, params) => {
  const file = context.core.files.ofBot(context.bot.id, params.file_id);
  if (file === undefined) throw new BotApiError(400, ErrorText.invalidFileId);
  if (!isDownloadable(file)) throw new BotApiError(400, ErrorText.fileTooBig);
  return fileJson(file);
});

export const mediaMethods: BotMethod[] = [
  defineSendMedia('sendPhoto', 'photo'),
  defineSendMedia('sendDocument', 'document'),
  defineSendMedia('sendVoice', 'voice'),
  defineSendMedia('sendVideo', 'video'),
  sendMediaGroup,
  getFile,
];
