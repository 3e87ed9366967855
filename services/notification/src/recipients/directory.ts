import { RemoteError, askOrRetryLater, type RpcClient } from '@fieldgram/platform';
import type { Envelope, Messages, Role, User } from '@fieldgram/contracts';
import { selectedUserId } from '../domain/rules/engine.js';
import type { RecipientSelector } from '../domain/rules/rule.js';

/** What notification needs to know about a person to reach them. */
export type Recipient = Pick<User, 'id' | 'name' | 'language' | 'languageCode' | 'telegramId'>;

const PAGE_SIZE = 100;
/** 100 × 100 people of one role: far beyond any business this serves; a guard against a paging bug. */
const MAX_PAGES = 100;

/**
 * Resolves rule selectors to people by asking identity (request/reply; identity owns people).
 * An unreachable identity is a dependency outage: the event is retried without using up its tries.
 */
export class RecipientDirectory {
  /** `rpc` is a getter: the runtime's client exists only once the runtime started. */
  constructor(private readonly rpc: () => RpcClient<Messages>) {}

  async resolve(selectors: readonly RecipientSelector[], event: Envelope): Promise<Recipient[]> {
    const found = new Map<string, Recipient>();
    for (const selector of selectors) {
      const people =
        selector.kind === 'role'
          ? await this.activeWithRole(selector.role, event)
          : await this.activeUser(selectedUserId(selector, event.data), event);
      for (const person of people) if (!found.has(person.id)) found.set(person.id, person);
    }
    return [...found.values()];
  }

  private async activeWithRole(role: Role, event: Envelope): Promise<Recipient[]> {
    const people: Recipient[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await askOrRetryLater(() =>
        this.rpc().request(
          'identity.list-users',
          { role, active: true, page, pageSize: PAGE_SIZE },
          { causedBy: event },
        ),
      );
      people.push(...result.items.filter((user) => user.active && user.role === role).map(recipientOf));
      if (result.items.length < PAGE_SIZE || page * PAGE_SIZE >= result.total) break;
    }
    return people;
  }

  private async activeUser(userId: string | undefined, event: Envelope): Promise<Recipient[]> {
    if (!userId) return [];
    const user = await this.lookup(userId, event);
    return user?.active ? [user] : [];
  }

  /** A person by id, active or not (to name them, or to edit a message in their chat); null if unknown. */
  async lookup(userId: string, event: Envelope): Promise<(Recipient & { active: boolean }) | null> {
    try {
      const user = await askOrRetryLater(() =>
        this.rpc().request('identity.get-user', { userId }, { causedBy: event }),
      );
      return { ...recipientOf(user), active: user.active };
    } catch (error) {
      if (error instanceof RemoteError && error.code === 'not_found') return null;
      throw error;
    }
  }
}

function recipientOf(user: User): Recipient {
  return {
    id: user.id,
    name: user.name,
    language: user.language,
    languageCode: user.languageCode,
    telegramId: user.telegramId,
  };
}
