import { z } from 'zod';
import { WebhookDelivery } from '../webhook/delivery.js';
import type { BotRecord } from '../state/directory.js';
import type { TelegramUpdate, TelegramWebhookInfo } from '../telegram-types.js';
import { BotApiError, ErrorText } from './bot-api-error.js';
import { defineMethod, type BotMethod, type MethodContext } from './method.js';
import { boolean, integer, integerBetween, json } from './params.js';

const allowedUpdates = json(z.array(z.string()));

const getUpdates = defineMethod(
  'getUpdates',
  z.object({
    offset: integer.optional(),
    limit: integer.optional(),
    timeout: integer.optional(),
    allowed_updates: allowedUpdates.optional(),
  }),
  {},
  async (context, params): Promise<TelegramUpdate[]> => {
    const { updates } = context.bot;
    updates.terminateWaitingPoll();
    if (context.bot.webhook !== undefined) throw new BotApiError(409, ErrorText.webhookActive);
    if (params.offset !== undefined) updates.confirm(params.offset);
    if (params.allowed_updates !== undefined) updates.allowedUpdates = params.allowed_updates;
    const limit = Math.min(100, Math.max(1, params.limit ?? 100));
    const batch = updates.takeBatch(limit);
    if (batch.length > 0) return batch;
    await updates.waitForUpdates(Math.max(0, params.timeout ?? 0) * 1000, context.clientGone);
    return context.bot.webhook === undefined ? updates.takeBatch(limit) : [];
  },
);

const setWebhook = defineMethod(
  'setWebhook',
  z.object({
    url: z.string({ error: 'url is empty' }),
    secret_token: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, { error: ErrorText.badSecretToken })
      .optional(),
    max_connections: integerBetween(1, 100).optional(),
    allowed_updates: allowedUpdates.optional(),
    drop_pending_updates: boolean.optional(),
    ip_address: z.string().optional(),
  }),
  {
    check: (params) => {
      if (params.url !== '' && !URL.canParse(params.url)) throw new BotApiError(400, ErrorText.badWebhookUrl);
      if (params.url !== '' && !/^https?:$/.test(new URL(params.url).protocol)) {
        throw new BotApiError(400, ErrorText.badWebhookUrl);
      }
    },
  },
  (context, params) => {
    const { bot } = context;
    if (params.drop_pending_updates === true) bot.updates.dropPending();
    if (params.allowed_updates !== undefined) bot.updates.allowedUpdates = params.allowed_updates;
    // An empty url removes the webhook, as in Telegram.
    if (params.url === '') {
      stopWebhook(bot);
      return true;
    }
    stopWebhook(bot);
    bot.updates.terminateWaitingPoll(ErrorText.webhookActive);
    bot.webhook = new WebhookDelivery(
      { url: params.url, secretToken: params.secret_token, maxConnections: params.max_connections ?? 40 },
      bot.updates,
      {
        now: context.core.now,
        onAttempt: (succeeded) => context.core.stats.countWebhookAttempt(succeeded),
        runReply: (method, replyParams) => context.runMethod(bot, method, replyParams),
      },
    );
    bot.webhook.start();
    return true;
  },
);

const deleteWebhook = defineMethod(
  'deleteWebhook',
  z.object({ drop_pending_updates: boolean.optional() }),
  {},
  (context, params) => {
    stopWebhook(context.bot);
    if (params.drop_pending_updates === true) context.bot.updates.dropPending();
    return true;
  },
);

const getWebhookInfo = defineMethod('getWebhookInfo', z.object({}), {}, (context) => webhookInfo(context));

export const updateMethods: BotMethod[] = [getUpdates, setWebhook, deleteWebhook, getWebhookInfo];

export function stopWebhook(bot: BotRecord): void {
  bot.webhook?.stop();
  bot.webhook = undefined;
}

function webhookInfo({ bot }: MethodContext): TelegramWebhookInfo {
  const pending = bot.updates.pendingCount();
  const webhook = bot.webhook;
  if (webhook === undefined) return { url: '', has_custom_certificate: false, pending_update_count: pending };
  const allowed = bot.updates.allowedUpdates;
  return {
    url: webhook.settings.url,
    has_custom_certificate: false,
    pending_update_count: pending,
    ip_address: '127.0.0.1',
    ...(webhook.lastErrorDate !== undefined && { last_error_date: webhook.lastErrorDate }),
    ...(webhook.lastErrorMessage !== undefined && { last_error_message: webhook.lastErrorMessage }),
    max_connections: webhook.settings.maxConnections,
    ...(allowed !== undefined && allowed.length > 0 && { allowed_updates: allowed }),
  };
}
