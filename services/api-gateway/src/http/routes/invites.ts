import { z } from 'zod';
import { RoleSchema } from '@fieldgram/contracts';
import { defineRoute, json, png } from '../route.js';
import { HttpProblem, forbidden, notFound } from '../problem.js';
import type { Caller } from '../context.js';
import { RoleView, STAFF, TokenLinkView, TokenParams, qrPng, tokenLinkView } from './common.js';

const InviteView = TokenLinkView.extend({ role: RoleView, maxUses: z.number().int().nullable() }).meta({
  id: 'Invite',
});
const MANAGER_RULE = 'managers: client invites only';

function requireMayInvite(caller: Caller, role: string): void {
  if (caller.role === 'manager' && role !== 'client') throw forbidden('A manager may invite clients only.');
}

/** Deep-link invites that decide the role of whoever joins through them (S0-02). */
export const inviteRoutes = [
  defineRoute({
    id: 'createInvite',
    method: 'post',
    path: '/invites',
    tag: 'invites',
    summary: 'Create an invite link (and QR code) that decides the role on joining',
    access: { roles: STAFF, rule: MANAGER_RULE },
    body: z.strictObject({
      role: RoleSchema,
      maxUses: z.number().int().min(1).max(100_000).optional().meta({ description: 'Unlimited if absent' }),
      expiresInHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 365)
        .optional()
        .meta({ description: 'Never expires if absent' }),
    }),
    response: json(InviteView, 'The invite', 201),
    async handler(context) {
      requireMayInvite(context.caller(), context.body.role);
      const invite = await context.call('identity.create-invite', context.body);
      return tokenLinkView(invite, `/api/v1/invites/${invite.token}/qr`, context.gateway.url);
    },
  }),
  defineRoute({
    id: 'getJoinLink',
    method: 'get',
    path: '/invites/join-link',
    tag: 'invites',
    summary: "The standing multi-use join link of a role (the technicians' link of S0-02)",
    access: { roles: STAFF, rule: 'managers: role=client only' },
    query: z.object({ role: RoleSchema.default('technician') }),
    response: json(
      TokenLinkView.extend({ role: RoleView }).meta({ id: 'JoinLink' }),
      'The join link, the same every time',
    ),
    async handler(context) {
      const { role } = context.query;
      requireMayInvite(context.caller(), role);
      const link = await context.call('identity.get-join-link', { role });
      return { ...tokenLinkView(link, `/api/v1/invites/${link.token}/qr`, context.gateway.url), role };
    },
  }),
  defineRoute({
    id: 'getInviteQr',
    method: 'get',
    path: '/invites/:token/qr',
    tag: 'invites',
    summary: 'The QR code of an invite (PNG)',
    access: { roles: STAFF, rule: MANAGER_RULE },
    params: TokenParams,
    response: png('The QR code'),
    errors: [404, 410],
    async handler(context) {
      const token = await context.call('identity.describe-token', { token: context.params.token });
      if (token.kind !== 'invite') throw notFound('There is no such invite.');
      requireMayInvite(context.caller(), token.role ?? 'unknown');
      if (!token.valid) throw new HttpProblem('gone', 'This invite has expired or is used up.');
      return qrPng(token.link);
    },
  }),
];
