import { z } from 'zod';
import { command, event, query } from '../registry.js';
import { RoleSchema } from '../envelope.js';
import { LanguageSchema } from '../language.js';

/** A person as every service sees them (identity owns the data; S0-03, S3-07). */
export const UserSchema = z.object({
  id: z.string(),
  role: RoleSchema,
  /** Inactive = blocked everywhere; people are never deleted (S3-07). */
  active: z.boolean(),
  /** What staff and clients see: the display name set by staff, else first + last name. */
  name: z.string(),
  displayName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  username: z.string().nullable(),
  telegramId: z.number().int().nullable(),
  /** `https://t.me/<username>` or `tg://user?id=<id>` (S0-03). */
  profileLink: z.string().nullable(),
  /** What their Telegram app says (`en-US`), as last seen. */
  languageCode: z.string().nullable(),
  /**
   * The language staff chose for them, over their Telegram app's; null = none chosen. Defaults to
   * null so a message from before the field existed still reads.
   */
  language: LanguageSchema.nullable().default(null),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** REST login of staff (admins, managers), if they have one. */
  login: z.string().nullable(),
  /** A client's assigned manager (S1-01). */
  managerId: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof UserSchema>;

/** The Telegram profile a `/start` brings (S0-03): conversation reads it, identity keeps it. */
export const TelegramProfileSchema = z.object({
  telegramId: z.number().int(),
  firstName: z.string(),
  lastName: z.string().optional(),
  username: z.string().optional(),
  languageCode: z.string().optional(),
});
export type TelegramProfile = z.infer<typeof TelegramProfileSchema>;

const UserPatchSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100).nullable(),
    role: RoleSchema,
    active: z.boolean(),
    phone: z.string().trim().min(3).max(32).nullable(),
    managerId: z.string().nullable(),
    /** The person's language (ru | en) over their Telegram app's; null clears the choice. */
    language: LanguageSchema.nullable(),
  })
  .partial();

const Page = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};
const PagedUsers = z.object({
  items: z.array(UserSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const TokenLink = z.object({
  token: z.string(),
  link: z.string(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});

export const identityMessages = {
  // --- queries (request/reply; api-gateway and conversation ask) ---
  /**
   * First contact or /start (S0-02…S0-04, S2-01, S3-06): idempotent and race-free per Telegram id.
   * `startPayload` is an invite token (decides the role) or a link token (attaches this Telegram
   * account to an existing person). `outcome` tells the conversation what to say.
   */
  'identity.register-from-telegram': command(
    z.object({ profile: TelegramProfileSchema, startPayload: z.string().max(64).optional() }),
    z.object({
      user: UserSchema,
      /** `blocked`: an inactive person (S3-07); nothing was registered, linked or refreshed. */
      outcome: z.enum(['registered', 'existing', 'linked', 'invite-invalid', 'link-invalid', 'blocked']),
    }),
  ),
  'identity.get-user-by-telegram': query(
    z.object({ telegramId: z.number().int() }),
    z.object({ user: UserSchema.nullable() }),
  ),
  'identity.get-user': query(z.object({ userId: z.string() }), UserSchema),
  'identity.list-users': query(
    z.object({
      role: RoleSchema.optional(),
      active: z.boolean().optional(),
      /** A manager's clients (S1-01). */
      managerId: z.string().optional(),
      /** Only what this manager may see: their own clients and themselves (S1-01, issue 14). */
      visibleToManager: z.string().optional(),
      q: z.string().max(100).optional(),
      ...Page,
    }),
    PagedUsers,
  ),
  /** A person without Telegram yet (a client from another system, a manager); staff may get a REST login. */
  'identity.create-user': command(
    z.object({
      role: RoleSchema,
      name: z.string().trim().min(1).max(100),
      phone: z.string().trim().min(3).max(32).optional(),
      email: z.email().optional(),
      login: z.string().trim().min(3).max(64).optional(),
      password: z.string().min(8).max(200).optional(),
      managerId: z.string().optional(),
    }),
    UserSchema,
  ),
  'identity.update-user': command(z.object({ userId: z.string(), patch: UserPatchSchema }), UserSchema),
  /**
   * A person changes their own REST password: a wrong current one is a DomainError 'validation'
   * on `currentPassword` (not 'unauthorized': the caller is signed in, the form is wrong).
   */
  'identity.change-password': command(
    z.object({
      userId: z.string(),
      currentPassword: z.string().min(1).max(200),
      newPassword: z.string().min(8).max(200),
    }),
    z.object({ userId: z.string() }),
  ),
  /** Checks REST credentials; a wrong pair is a DomainError 'unauthorized'. */
  'identity.authenticate': query(
    z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
    z.object({ userId: z.string(), role: RoleSchema, name: z.string() }),
  ),
  /**
   * Gives a client their manager (S1-01): an active manager, else `validation`. Emits
   * `user.manager-assigned`; their open claims follow. A client who joins without one is assigned
   * by the organization's rule (a fixed default manager, or the active manager with the fewest clients).
   */
  'identity.assign-manager': command(z.object({ clientId: z.string(), managerId: z.string() }), UserSchema),
  /** A deep-link invite deciding the role on joining (S0-02: the technicians' join link). */
  'identity.create-invite': command(
    z.object({
      role: RoleSchema,
      maxUses: z.number().int().min(1).max(100_000).optional(),
      expiresInHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 365)
        .optional(),
    }),
    TokenLink.extend({ maxUses: z.number().int().nullable(), role: RoleSchema }),
  ),
  /** The standing multi-use technicians' join link (S0-02), made once. */
  'identity.get-join-link': query(z.object({ role: RoleSchema }), TokenLink),
  /** A one-time token attaching a Telegram account to an existing person (S2-01, S2-02). */
  'identity.create-telegram-link': command(z.object({ userId: z.string() }), TokenLink),
  'identity.disconnect-telegram': command(z.object({ userId: z.string() }), UserSchema),
  /** What a deep-link token is (for its QR code and status); unknown tokens are not_found. */
  'identity.describe-token': query(
    z.object({ token: z.string().min(1).max(64) }),
    z.object({
      kind: z.enum(['invite', 'telegram-link']),
      link: z.string(),
      role: RoleSchema.nullable(),
      userId: z.string().nullable(),
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
      /** Not expired and not used up. */
      valid: z.boolean(),
    }),
  ),

  // --- events ---
  'user.registered': event(
    z.object({
      userId: z.string(),
      role: RoleSchema,
      name: z.string(),
      telegramId: z.number().int().nullable(),
      username: z.string().nullable(),
      profileLink: z.string().nullable(),
      /** How they came: through the bot (an invite, a plain /start) or created by staff. */
      via: z.enum(['invite', 'start', 'staff']),
    }),
  ),
  /** A client got a manager: at joining (by the rule) or reassigned by staff (S1-01). */
  'user.manager-assigned': event(
    z.object({
      userId: z.string(),
      name: z.string(),
      managerId: z.string(),
      previousManagerId: z.string().nullable(),
      via: z.enum(['rule', 'staff']),
    }),
  ),
  /** Their REST password changed (never the password itself). */
  'user.password-changed': event(z.object({ userId: z.string(), role: RoleSchema })),
  'user.updated': event(
    z.object({
      userId: z.string(),
      role: RoleSchema,
      active: z.boolean(),
      name: z.string(),
      changed: z.array(z.string()),
    }),
  ),
  'user.telegram-linked': event(
    z.object({ userId: z.string(), telegramId: z.number().int(), name: z.string() }),
  ),
  'user.telegram-unlinked': event(
    z.object({ userId: z.string(), telegramId: z.number().int(), name: z.string() }),
  ),
  'invite.created': event(
    z.object({
      inviteId: z.string(),
      role: RoleSchema,
      maxUses: z.number().int().nullable(),
      expiresAt: z.string().nullable(),
    }),
  ),
} as const;
