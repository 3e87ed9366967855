import type { User } from '@fieldgram/contracts';
import { ChatSession, type SandboxBot, type TelegramSandbox } from '@fieldgram/telegram-sandbox';
import { waitFor, type ApiClient } from '@fieldgram/testkit/env';
import { timeConcurrent } from '../lib/timing.js';

/** A simulated client: the same sandbox user in our bot's chat and in the baseline's. */
export interface Client {
  name: string;
  ours: ChatSession;
  baseline: ChatSession;
  /** Who manages them in ours (S1-01: given by the rule when they joined). */
  managerId: string;
}

export interface Crowd {
  managers: { user: User; chat: ChatSession }[];
  clients: Client[];
}

/** People joining at once: more would only queue in the sandbox. */
const JOIN_CONCURRENCY = 50;

/**
 * The managers first (REST, their Telegram linked), then the clients, each sending /start to both
 * bots: ours shares them among the managers by the rule, 10 each for 200 and 20.
 */
export async function gatherCrowd(
  sandbox: TelegramSandbox,
  bots: { ours: SandboxBot; baseline: SandboxBot },
  admin: ApiClient,
  { clients, managers, replyTimeoutMs }: { clients: number; managers: number; replyTimeoutMs: number },
): Promise<Crowd> {
  // One at a time: each login's password is hashed, and 20 hashes at once on 2 cores make
  // identity miss the gateway's timeout (503).
  const staff: Crowd['managers'] = [];
  for (let i = 0; i < managers; i++)
    staff.push(
      await linkedManager(admin, sandbox, bots.ours.token, `Manager ${pad(i + 1)}`, { replyTimeoutMs }),
    );
  const people = Array.from({ length: clients }, (_, i) => {
    const user = sandbox.createUser({ firstName: `Client ${pad(i + 1)}`, languageCode: 'en' });
    return {
      name: user.firstName,
      ours: new ChatSession(sandbox, bots.ours.token, user, replyTimeoutMs),
      baseline: new ChatSession(sandbox, bots.baseline.token, user, replyTimeoutMs),
    };
  });
  await timeConcurrent(people.length, JOIN_CONCURRENCY, async (i) => {
    await people[i]!.ours.start();
    await people[i]!.baseline.start();
  });
  // Identity gives a manager as the client joins; the wait only covers a slow answer.
  const managerOf = await waitFor(
    async () => {
      const found = await managersOfClients(admin);
      return people.every((person) => found.has(person.ours.user.id)) && found;
    },
    { message: `a manager for each of the ${clients} clients`, timeoutMs: 30_000, intervalMs: 500 },
  );
  return {
    managers: staff,
    clients: people.map((person) => {
      const managerId = managerOf.get(person.ours.user.id);
      if (managerId === undefined) throw new Error(`${person.name} has no manager in ours`);
      return { ...person, managerId };
    }),
  };
}

/** A manager created by the admin (REST), their Telegram linked through their one-time link. */
async function linkedManager(
  admin: ApiClient,
  sandbox: TelegramSandbox,
  botToken: string,
  name: string,
  { replyTimeoutMs }: { replyTimeoutMs: number },
): Promise<{ user: User; chat: ChatSession }> {
  const login = name.toLowerCase().replace(/\W+/g, '_');
  const created = await admin.call('POST', '/users', {
    role: 'manager',
    name,
    login,
    password: `pw of ${login} 123`,
  });
  if (created.status !== 201)
    throw new Error(`POST /users ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  const user = created.body as User;
  const link = await admin.call('POST', `/users/${user.id}/telegram-link`);
  if (link.status !== 201) throw new Error(`telegram-link of ${name}: ${link.status}`);
  const { startPayload } = link.body as { startPayload: string };
  const person = sandbox.createUser({ firstName: name, languageCode: 'en' });
  const chat = new ChatSession(sandbox, botToken, person, replyTimeoutMs);
  await chat.start(startPayload);
  return { user, chat };
}

/** Every client's manager, by Telegram id (GET /users?role=client, page by page). */
async function managersOfClients(admin: ApiClient): Promise<Map<number, string>> {
  const managers = new Map<number, string>();
  for (let page = 1; ; page++) {
    const response = await admin.call('GET', `/users?role=client&pageSize=100&page=${page}`);
    if (response.status !== 200) throw new Error(`GET /users: ${response.status}`);
    const { items, total } = response.body as { items: User[]; total: number };
    for (const user of items)
      if (user.telegramId !== null && user.managerId !== null) managers.set(user.telegramId, user.managerId);
    if (items.length === 0 || page * 100 >= total) return managers;
  }
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}
