import {
  newMessageId,
  type DataOf,
  type Language,
  type Messages,
  type Role,
  type User,
} from '@fieldgram/contracts';
import { DomainError } from '@fieldgram/platform';
import type { TestEnv } from '../isolation.js';
import { fakeResponder, type Closable } from './fake-responder.js';

/** A person as a test needs them; everything else gets what a fresh person has. */
export interface PersonFixture {
  role: Role;
  name: string;
  active?: boolean;
  telegramId?: number | null;
  /** What their Telegram app says (`en`). */
  languageCode?: string | null;
  /** The language staff chose for them. */
  language?: Language | null;
  username?: string | null;
  /** A client's manager (S1-01). */
  managerId?: string | null;
}

type Patch = DataOf<Messages, 'identity.update-user'>['patch'];

/** A person as identity describes them (UserSchema): what a fresh person has, then `fields`. */
export function userFixture(fields: Partial<User> & Pick<User, 'role' | 'name'>): User {
  const now = new Date().toISOString();
  return {
    id: newMessageId(),
    active: true,
    displayName: null,
    firstName: fields.name,
    lastName: null,
    username: null,
    telegramId: null,
    profileLink: null,
    languageCode: null,
    language: null,
    phone: null,
    email: null,
    login: null,
    managerId: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/**
 * Stands in for identity when a service only asks it about people: answers `identity.get-user`,
 * `identity.get-user-by-telegram` and `identity.update-user` from the people a test adds, and
 * `not_found` for anyone else. The real pairing is the e2e suites' to prove.
 */
export class FakeIdentity implements Closable {
  private readonly people = new Map<string, User>();
  private responder: Closable | undefined;

  private constructor() {}

  static async start(this: void, env: TestEnv): Promise<FakeIdentity> {
    const identity = new FakeIdentity();
    identity.responder = await fakeResponder(env, {
      'identity.get-user': ({ userId }) => identity.require(userId),
      'identity.get-user-by-telegram': ({ telegramId }) => ({
        user: [...identity.people.values()].find((user) => user.telegramId === telegramId) ?? null,
      }),
      'identity.update-user': ({ userId, patch }) => identity.update(userId, patch),
    });
    return identity;
  }

  /** A person identity now knows. */
  add(fixture: PersonFixture): User {
    const telegramId = fixture.telegramId ?? null;
    const username = fixture.username ?? null;
    const user = userFixture({
      role: fixture.role,
      name: fixture.name,
      active: fixture.active ?? true,
      username,
      telegramId,
      profileLink: username
        ? `https://t.me/${username}`
        : telegramId === null
          ? null
          : `tg://user?id=${telegramId}`,
      languageCode: fixture.languageCode ?? null,
      language: fixture.language ?? null,
      managerId: fixture.managerId ?? null,
    });
    this.people.set(user.id, user);
    return user;
  }

  /** An active technician's id. */
  technician(name: string, extra: Omit<PersonFixture, 'role' | 'name'> = {}): string {
    return this.add({ role: 'technician', name, ...extra }).id;
  }

  async close(): Promise<void> {
    await this.responder?.close();
  }

  private require(userId: string): User {
    const user = this.people.get(userId);
    if (!user) throw new DomainError('not_found', `no user ${userId}`, { userId });
    return user;
  }

  /** What staff may change, as identity applies it (no events: nobody listens to a fake). */
  private update(userId: string, patch: Patch): User {
    const user = this.require(userId);
    const displayName = patch.displayName === undefined ? user.displayName : patch.displayName;
    const updated: User = {
      ...user,
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
      ...(patch.managerId !== undefined ? { managerId: patch.managerId } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      displayName,
      name: displayName ?? user.firstName ?? user.name,
      updatedAt: new Date().toISOString(),
    };
    this.people.set(userId, updated);
    return updated;
  }
}
