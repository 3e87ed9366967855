import type { TelegramResponseParameters } from '../telegram-types.js';

/** A Bot API failure: becomes `{ ok: false, error_code, description, parameters }` with that HTTP status. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: TelegramResponseParameters,
  ) {
    super(description);
    this.name = 'BotApiError';
  }
}

/** Telegram's own texts, so a bot's error handling can be tested against them. */
export const ErrorText = {
  unauthorized: 'Unauthorized',
  notFound: 'Not Found',
  chatNotFound: 'Bad Request: chat not found',
  textEmpty: 'Bad Request: message text is empty',
  textTooLong: 'Bad Request: message is too long',
  captionTooLong: 'Bad Request: message caption is too long',
  messageToEditNotFound: 'Bad Request: message to edit not found',
  messageCantBeEdited: "Bad Request: message can't be edited",
  noTextToEdit: 'Bad Request: there is no text in the message to edit',
  messageNotModified:
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  messageToDeleteNotFound: 'Bad Request: message to delete not found',
  messageToPinNotFound: 'Bad Request: message to pin not found',
  messageToCopyNotFound: 'Bad Request: message to copy not found',
  messageToForwardNotFound: 'Bad Request: message to forward not found',
  replyNotFound: 'Bad Request: message to be replied not found',
  wrongFileId: 'Bad Request: wrong file identifier/HTTP URL specified',
  invalidFileId: 'Bad Request: invalid file_id',
  fileTypeMismatch: 'Bad Request: type of file mismatch',
  urlContentFailed: 'Bad Request: failed to get HTTP URL content',
  fileEmpty: 'Bad Request: file must be non-empty',
  /** getFile of a file over the 20 MB bots may download. */
  fileTooBig: 'Bad Request: file is too big',
  buttonDataInvalid: 'Bad Request: BUTTON_DATA_INVALID',
  buttonUrlInvalid: 'Bad Request: BUTTON_URL_INVALID',
  textButtonInInlineKeyboard:
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  replyMarkupUnparsable: "Bad Request: can't parse reply keyboard markup JSON object",
  queryTooOld: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
  wrongChatAction: 'Bad Request: wrong parameter action in request',
  mediaGroupSize: 'Bad Request: media group must contain 2-10 items',
  mediaGroupMixed: "Bad Request: document can't be mixed with other media types",
  blocked: 'Forbidden: bot was blocked by the user',
  cantInitiate: "Forbidden: bot can't initiate conversation with a user",
  webhookActive:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  terminatedByOtherGetUpdates:
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  badWebhookUrl: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
  badSecretToken: 'Bad Request: bad webhook: secret token contains unallowed characters',
  cantParseJson: "Bad Request: can't parse JSON",
} as const;

export const badRequest = (what: string): BotApiError => new BotApiError(400, `Bad Request: ${what}`);

export const tooManyRequests = (retryAfterSeconds: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfterSeconds}`, {
    retry_after: retryAfterSeconds,
  });

/** The description Telegram's front servers give for a 5xx status. */
export function serverErrorText(status: number): string {
  const texts: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return texts[status] ?? 'Internal Server Error';
}
