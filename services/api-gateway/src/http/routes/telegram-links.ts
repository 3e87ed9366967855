import { z } from 'zod';
import { defineRoute, json, png } from '../route.js';
import { HttpProblem, notFound } from '../problem.js';
import {
  IdParams,
  STAFF,
  TokenLinkView,
  TokenParams,
  hideOthersClients,
  qrPng,
  requireManagerMayActOn,
  tokenLinkView,
} from './common.js';

const TelegramStatusView = z
  .object({
    userId: z.string(),
    connected: z.boolean(),
    telegramId: z.number().int().nullable(),
    username: z.string().nullable(),
    profileLink: z.string().nullable(),
  })
  .meta({ id: 'TelegramStatus' });

const MANAGER_RULE = 'managers: for clients and their own account only';

/** Linking an existing person's Telegram account (S2-01 clients, S2-02 staff). */
export const telegramLinkRoutes = [
  defineRoute({
    id: 'createTelegramLink',
    method: 'post',
    path: '/users/:id/telegram-link',
    tag: 'telegram links',
    summary: 'A one-time link (and QR code) that attaches a Telegram account to this person',
    description:
      'Opened in Telegram, the link starts the bot with a one-time token; the account is then linked.',
    access: { roles: STAFF, rule: MANAGER_RULE },
    params: IdParams,
    response: json(TokenLinkView.meta({ id: 'TelegramLink' }), 'The link', 201),
    errors: [404, 409],
    async handler(context) {
      const userId = context.params.id;
      requireManagerMayActOn(context.caller(), await context.call('identity.get-user', { userId }), 'link', {
        self: true,
      });
      const link = await context.call('identity.create-telegram-link', { userId });
      return tokenLinkView(link, `/api/v1/telegram-links/${link.token}/qr`, context.gateway.url);
    },
  }),
  defineRoute({
    id: 'getTelegramStatus',
    method: 'get',
    path: '/users/:id/telegram',
    tag: 'telegram links',
    summary: "Whether this person's Telegram is connected",
    access: { roles: STAFF, rule: "another manager's client is not found for a manager" },
    params: IdParams,
    response: json(TelegramStatusView, 'The status'),
    errors: [404],
    async handler(context) {
      const user = await context.call('identity.get-user', { userId: context.params.id });
      hideOthersClients(context.caller(), user);
      return {
        userId: user.id,
        connected: user.telegramId !== null,
        telegramId: user.telegramId,
        username: user.username,
        profileLink: user.profileLink,
      };
    },
  }),
  defineRoute({
    id: 'disconnectTelegram',
    method: 'delete',
    path: '/users/:id/telegram',
    tag: 'telegram links',
    summary: "Detach this person's Telegram account",
    access: { roles: STAFF, rule: MANAGER_RULE },
    params: IdParams,
    response: json(TelegramStatusView, 'The status after disconnecting'),
    errors: [404, 409],
    async handler(context) {
      const userId = context.params.id;
      requireManagerMayActOn(
        context.caller(),
        await context.call('identity.get-user', { userId }),
        'unlink',
        {
          self: true,
        },
      );
      const user = await context.call('identity.disconnect-telegram', { userId });
      return {
        userId: user.id,
        connected: user.telegramId !== null,
        telegramId: user.telegramId,
        username: user.username,
        profileLink: user.profileLink,
      };
    },
  }),
  defineRoute({
    id: 'getTelegramLinkQr',
    method: 'get',
    path: '/telegram-links/:token/qr',
    tag: 'telegram links',
    summary: 'The QR code of a Telegram link token (PNG)',
    access: { roles: STAFF, rule: MANAGER_RULE },
    params: TokenParams,
    response: png('The QR code'),
    errors: [404, 410],
    async handler(context) {
      const token = await context.call('identity.describe-token', { token: context.params.token });
      if (token.kind !== 'telegram-link' || token.userId === null)
        throw notFound('There is no such Telegram link.');
      const caller = context.caller();
      if (caller.role === 'manager' && token.userId !== caller.userId) {
        requireManagerMayActOn(
          caller,
          await context.call('identity.get-user', { userId: token.userId }),
          'link',
        );
      }
      if (!token.valid) throw new HttpProblem('gone', 'This Telegram link has expired or was already used.');
      return qrPng(token.link);
    },
  }),
];
