import { z } from 'zod';
import type { BotSettings } from '@fieldgram/contracts';
import { defineRoute, json } from '../route.js';
import { ADMIN_ONLY, STAFF } from './common.js';

const TelegramSettingsView = z
  .object({
    connected: z.boolean(),
    username: z.string().nullable(),
    /** https://t.me/<username> */
    link: z.string().nullable(),
    mode: z.enum(['webhook', 'polling', 'none']),
    source: z.enum(['stored', 'env', 'none']).meta({
      description:
        'Where the token came from: set through this API (stored encrypted), the environment, none',
    }),
  })
  .meta({ id: 'TelegramSettings' });

const view = (settings: BotSettings) => ({
  connected: settings.connected,
  username: settings.username,
  link: settings.link,
  mode: settings.mode,
  source: settings.source,
});

/** The bot's connection (S0-01), owned by bot-gateway. The token itself is never returned. */
export const settingsRoutes = [
  defineRoute({
    id: 'getTelegramSettings',
    method: 'get',
    path: '/settings/telegram',
    tag: 'settings',
    summary: 'Whether the bot is connected, and its link',
    access: { roles: STAFF },
    response: json(TelegramSettingsView, 'The bot settings'),
    handler: async (context) => view(await context.call('bot-gateway.get-settings', {})),
  }),
  defineRoute({
    id: 'setTelegramToken',
    method: 'put',
    path: '/settings/telegram',
    tag: 'settings',
    summary: 'Connect the bot: set its token (from @BotFather)',
    description:
      'The token is checked with Telegram (getMe) before it is stored, encrypted; a token Telegram ' +
      'refuses is a 400 naming the reason.',
    access: { roles: ADMIN_ONLY },
    body: z.strictObject({
      botToken: z
        .string()
        .trim()
        .max(200)
        .regex(/^\d+:[A-Za-z0-9_-]+$/, {
          error: 'expected a bot token like 123456789:AAH…, as @BotFather gives it',
        }),
    }),
    response: json(TelegramSettingsView, 'Connected'),
    // getMe at Telegram, then restarting ingress: longer than a query of our own.
    rpcTimeoutMs: 20_000,
    handler: async (context) => view(await context.call('bot-gateway.set-token', context.body)),
  }),
];
