import type { Role, TelegramProfile } from '@fieldgram/contracts';

/** The Telegram-sourced fields of a person, as stored. */
export interface ProfileFields {
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  languageCode: string | null;
}

export type RegistrationOutcome = 'registered' | 'existing' | 'linked' | 'invite-invalid' | 'link-invalid';

/** How a person new to us is registered: the role, how they came, what the bot tells them. */
export interface NewPersonPlan {
  role: Role;
  via: 'invite' | 'start';
  outcome: RegistrationOutcome;
}

/**
 * A new person's role (S3-06: a client by default). A valid invite decides the role; a broken
 * invite or link still registers them, as a client, and says the token did not work.
 */
export function planNewPerson(
  request: { kind: 'plain' } | { kind: 'invite'; role: Role | null } | { kind: 'link-refused' },
): NewPersonPlan {
  switch (request.kind) {
    case 'plain':
      return { role: 'client', via: 'start', outcome: 'registered' };
    case 'invite':
      return request.role
        ? { role: request.role, via: 'invite', outcome: 'registered' }
        : { role: 'client', via: 'start', outcome: 'invite-invalid' };
    case 'link-refused':
      return { role: 'client', via: 'start', outcome: 'link-invalid' };
  }
}

/** The stored profile fields from what Telegram says now; the language is kept when Telegram omits it. */
export function profileFieldsFrom(profile: TelegramProfile, current?: ProfileFields): ProfileFields {
  return {
    username: profile.username?.trim() || null,
    firstName: profile.firstName.trim() || null,
    lastName: profile.lastName?.trim() || null,
    languageCode: profile.languageCode?.trim() || current?.languageCode || null,
  };
}

/** Which profile fields changed (contract names, for `user.updated.changed`). */
export function changedProfileFields(current: ProfileFields, next: ProfileFields): (keyof ProfileFields)[] {
  return (Object.keys(next) as (keyof ProfileFields)[]).filter((field) => current[field] !== next[field]);
}

/** A link token as stored (only its hash is). */
export interface LinkTokenState {
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export type LinkDecision =
  /** Attach this Telegram account to the person (replacing the one they had, if any). */
  | { action: 'attach' }
  /** The account already belongs to the person the token was made for: nothing to change. */
  | { action: 'confirm' }
  | { action: 'refuse'; reason: 'unknown' | 'used' | 'expired' | 'taken' };

/**
 * Whether a link token attaches a Telegram account (S2-01, S2-02). Never takes an account away
 * from another person; a used or expired token works only to confirm what it already did.
 */
export function decideLink(input: {
  link: LinkTokenState | undefined;
  /** The person this Telegram account belongs to now, if any. */
  ownerId: string | undefined;
  now: Date;
}): LinkDecision {
  const { link, ownerId, now } = input;
  if (!link) return { action: 'refuse', reason: 'unknown' };
  if (ownerId === link.userId) return { action: 'confirm' };
  if (ownerId !== undefined) return { action: 'refuse', reason: 'taken' };
  if (link.usedAt) return { action: 'refuse', reason: 'used' };
  if (link.expiresAt.getTime() <= now.getTime()) return { action: 'refuse', reason: 'expired' };
  return { action: 'attach' };
}

/** An invite still admits people: not expired and not used up. */
export function inviteIsValid(
  invite: { maxUses: number | null; uses: number; expiresAt: Date | null },
  now: Date,
): boolean {
  return (
    (invite.maxUses === null || invite.uses < invite.maxUses) &&
    (invite.expiresAt === null || invite.expiresAt.getTime() > now.getTime())
  );
}
