import QRCode from 'qrcode';
import { z } from 'zod';
import {
  FeedItemSchema,
  JournalEntrySchema,
  RoleSchema,
  UserSchema,
  type Role,
  type User,
} from '@fieldgram/contracts';
import type { Caller } from '../context.js';
import { forbidden, notFound } from '../problem.js';

/** Who may call what (the role matrix); the routes' `rule` texts say what managers may do. */
export const EVERYONE: readonly Role[] = RoleSchema.options;
export const STAFF: readonly Role[] = ['admin', 'manager'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];

// Response schemas with an id become components of the OpenAPI document.
export const RoleView = RoleSchema.meta({ id: 'Role' });
export const UserView = UserSchema.meta({ id: 'User' });
export const FeedItemView = FeedItemSchema.meta({ id: 'FeedItem' });
export const JournalEntryView = JournalEntrySchema.meta({ id: 'JournalEntry' });

export const IdParams = z.object({ id: z.uuid() });
export const TokenParams = z.object({
  token: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected a deep-link token (letters, digits, _ and -)' }),
});

export const queryBoolean = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .meta({ description: '`true` or `false`' });
export const page = z.coerce.number().int().min(1).max(100_000).default(1).meta({ description: 'From 1' });
export const pageSize = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .meta({ description: `1-${max}` });

export const TokenLinkView = z.object({
  token: z.string().meta({ description: 'The token itself (for the QR route); not what the bot receives' }),
  link: z
    .string()
    .meta({ description: 'The deep link to hand out: https://t.me/<bot>?start=<startPayload>' }),
  startPayload: z.string().meta({
    description: 'What the bot receives when the link is opened (`/start <startPayload>`)',
  }),
  expiresAt: z.string().nullable(),
  qrUrl: z.string().meta({ description: 'Absolute URL of the link’s QR code, a PNG (same bearer token)' }),
});

/** A token link as the API shows it: the QR code's absolute URL and the payload named plainly. */
export function tokenLinkView<L extends { token: string; link: string }>(
  link: L,
  qrPath: string,
  url: (path: string) => string,
): L & { startPayload: string; qrUrl: string } {
  return { ...link, startPayload: startPayloadOf(link.link), qrUrl: url(qrPath) };
}

/** The `start` parameter of a t.me deep link. */
export function startPayloadOf(deepLink: string): string {
  return new URL(deepLink).searchParams.get('start') ?? '';
}

/** A PNG QR code of a deep link (S2-01): scanned with a phone camera, it opens the bot. */
export function qrPng(link: string): Promise<Buffer> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 384 });
}

/**
 * Ownership (S1-01, issue 14): a manager's clients are their own; another manager's client is not
 * found for them (404, so ids do not tell who exists).
 */
export function hideOthersClients(caller: Caller, user: Pick<User, 'id' | 'role' | 'managerId'>): void {
  if (caller.role === 'manager' && user.role === 'client' && user.managerId !== caller.userId)
    throw notFound(`no user ${user.id}`);
}

/** Managers act on their own clients only, and on their own account where the route says so. */
export function requireManagerMayActOn(
  caller: Caller,
  user: Pick<User, 'id' | 'role' | 'managerId'>,
  what: string,
  { self = false }: { self?: boolean } = {},
): void {
  if (caller.role !== 'manager') return;
  hideOthersClients(caller, user);
  if (user.role === 'client' || (self && user.id === caller.userId)) return;
  throw forbidden(`A manager may ${what} clients${self ? ' and their own account' : ''} only.`);
}
