import type { Role } from '@fieldgram/contracts';

/** The parts of a person their name and profile link are made of. */
export interface NameParts {
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  login: string | null;
  username: string | null;
  telegramId: number | null;
}

/** `https://t.me/<username>` when they have a username, else `tg://user?id=<id>` (S0-03). */
export function profileLink(username: string | null, telegramId: number | null): string | null {
  if (username) return `https://t.me/${username}`;
  if (telegramId !== null) return `tg://user?id=${telegramId}`;
  return null;
}

/**
 * What staff and clients see: the name staff set (S3-07), else the Telegram first + last name,
 * else the login, else the @username; never empty.
 */
export function nameOf(person: NameParts): string {
  const fullName = [person.firstName, person.lastName]
    .filter((part): part is string => !!part?.trim())
    .map((part) => part.trim())
    .join(' ');
  return (
    person.displayName?.trim() ||
    fullName ||
    person.login ||
    (person.username ? `@${person.username}` : '') ||
    (person.telegramId !== null ? `Telegram ${person.telegramId}` : '') ||
    'unnamed'
  );
}

/** Only staff sign in to the REST API. */
export function mayHaveLogin(role: Role): boolean {
  return role === 'admin' || role === 'manager';
}
