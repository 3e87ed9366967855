// The people of the logistics chaos run: managers with a REST login and a linked Telegram, and
// clients who join through the bot and get a manager by the rule (S1-01).
import type { User } from '@fieldgram/contracts';
import { waitFor, type ApiClient } from '@fieldgram/testkit';
import { ChatSession, type TelegramSandbox } from '@fieldgram/telegram-sandbox';

export interface CastManager {
  user: User;
  chat: ChatSession;
}

export interface CastClient {
  chat: ChatSession;
  userId: string;
  managerId: string;
}

export interface CastOptions {
  sandbox: TelegramSandbox;
  botToken: string;
  admin: ApiClient;
  runId: string;
  /** How long a person waits for the bot's answer: a retried update comes back tens of seconds later. */
  replyTimeoutMs: number;
}

/** A manager created by the admin, their Telegram linked through their one-time link. */
export async function castManager(options: CastOptions, index: number): Promise<CastManager> {
  const { sandbox, botToken, admin, runId, replyTimeoutMs } = options;
  const login = `lc_${runId}_m${index}`;
  const created = await admin.call('POST', '/users', {
    role: 'manager',
    name: `Manager${index} ${runId}`,
    login,
    password: `pw of ${login} 123`,
  });
  if (created.status !== 201)
    throw new Error(`manager ${login}: ${created.status} ${JSON.stringify(created.body)}`);
  const user = created.body as User;
  const link = await admin.call('POST', `/users/${user.id}/telegram-link`);
  const { startPayload } = link.body as { startPayload: string };
  const person = sandbox.createUser({ firstName: `Manager${index}`, lastName: runId, languageCode: 'en' });
  const chat = new ChatSession(sandbox, botToken, person, replyTimeoutMs);
  await chat.start(startPayload);
  return { user, chat };
}

/** Clients join at once with /start; each is returned with the manager identity gave them. */
export async function castClients(options: CastOptions, count: number): Promise<CastClient[]> {
  const { sandbox, botToken, admin, runId, replyTimeoutMs } = options;
  const chats = await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const person = sandbox.createUser({ firstName: `Client${index}`, lastName: runId, languageCode: 'en' });
      const chat = new ChatSession(sandbox, botToken, person, replyTimeoutMs);
      await chat.start();
      return chat;
    }),
  );
  const users = await waitFor(
    async () => {
      const page = (await admin.call('GET', '/users?role=client&pageSize=100')).body as { items: User[] };
      const byTelegram = new Map(page.items.map((user) => [user.telegramId, user]));
      const found = chats.map((chat) => byTelegram.get(chat.user.id));
      return found.every((user) => typeof user?.managerId === 'string') ? (found as User[]) : undefined;
    },
    { message: `all ${count} clients known to identity with a manager`, timeoutMs: 30_000, intervalMs: 500 },
  );
  return chats.map((chat, index) => ({
    chat,
    userId: users[index]!.id,
    managerId: users[index]!.managerId!,
  }));
}
