// The logistics bot end to end (issue 13: S1-01, S1-02, S1-03, S1-06, S1-08): every service in one
// stack, the Telegram sandbox as Telegram, people acting through the bot and staff through REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, pdfText, useTestEnv, waitFor } from '@fieldgram/testkit';
import { RpcClient, createLogger, createMetrics } from '@fieldgram/platform';
import { messages, type Claim, type User, type Waybill } from '@fieldgram/contracts';
import { menuLabel, t } from '@fieldgram/bot-ui';
import { ChatSession, labelsOf, textOf, type ChatEvent } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from './support/stack.js';
import { forgePress } from './support/forged-press.js';
import { decideClaim, isClaimList, newClaim, newWaybill } from './support/logistics-stories.js';

const env = useTestEnv('e2e-logistics');
let stack: Stack;
let admin: ApiClient;
let feed: Awaited<ReturnType<ApiClient['openNotificationStream']>>;
let mila: Manager;
let kim: Manager;
let ann: ChatSession;
let bob: ChatSession;
let annWaybill: Waybill;

const STALE = t('en', 'callback.stale');

type Manager = { user: User; chat: ChatSession; api: ApiClient };

/** A manager with a REST login, their Telegram linked through their one-time link. */
async function manager(name: string, login: string): Promise<Manager> {
  const password = `pw of ${login} 123`;
  const created = await admin.call('POST', '/users', { role: 'manager', name, login, password });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const user = created.body as User;
  return {
    user,
    chat: await linkTelegram(user, name),
    api: await ApiClient.login(stack.apiUrl, login, password),
  };
}

async function linkTelegram(user: User, name: string): Promise<ChatSession> {
  const link = (await admin.call('POST', `/users/${user.id}/telegram-link`)).body as { startPayload: string };
  const chat = new ChatSession(
    stack.sandbox,
    stack.bot.token,
    stack.sandbox.createUser({ firstName: name, languageCode: 'en' }),
  );
  await chat.start(link.startPayload);
  return chat;
}

async function client(firstName: string): Promise<ChatSession> {
  const chat = new ChatSession(
    stack.sandbox,
    stack.bot.token,
    stack.sandbox.createUser({ firstName, languageCode: 'en' }),
  );
  await chat.start();
  return chat;
}

async function userOf(chat: ChatSession): Promise<User> {
  return waitFor(
    async () => {
      const page = (
        await admin.call('GET', `/users?q=${encodeURIComponent(chat.user.firstName)}&role=client`)
      ).body as { items: User[] };
      return page.items.find((user) => user.telegramId === chat.user.id);
    },
    { message: `${chat.user.firstName} known to identity` },
  );
}

/** The bot's messages to a chat that arrive after `after` and satisfy `match`, once there are `count`. */
async function messagesAfter(
  chat: ChatSession,
  after: number,
  count: number,
  match: (e: ChatEvent) => boolean = () => true,
) {
  return waitFor(
    () => {
      const found = chat.botMessages().filter((e) => e.seq > after && match(e));
      return found.length >= count ? found : undefined;
    },
    { message: `${count} message(s) to ${chat.user.firstName}`, timeoutMs: 15_000 },
  );
}

const lastSeq = (chat: ChatSession) => chat.sandbox.chatLog(chat.botToken, chat.user.id).at(-1)?.seq ?? 0;

beforeAll(async () => {
  stack = await startStack(env(), { language: 'en' });
  admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
  feed = await admin.openNotificationStream();
  mila = await manager('Mila Manager', 'mila');
  kim = await manager('Kim Manager', 'kim');
  // Both managers have no clients: the oldest takes the first, then they alternate (S1-01).
  ann = await client('Ann');
  bob = await client('Bob');
}, 120_000);
afterAll(async () => {
  feed?.close();
  await stack?.stop();
});

describe('client ↔ manager (S1-01)', () => {
  it('S1-01: every client joining gets one manager by the rule, and a manager lists their clients', async () => {
    expect((await userOf(ann)).managerId).toBe(mila.user.id);
    expect((await userOf(bob)).managerId).toBe(kim.user.id);
    const milas = (await admin.call('GET', `/users?managerId=${mila.user.id}`)).body as { items: User[] };
    expect(milas.items.map((user) => user.name)).toContain('Ann');
    expect(milas.items.map((user) => user.name)).not.toContain('Bob');
  });
});

describe('a waybill through the bot (S1-02, S1-08)', () => {
  it('S1-02/S1-08: from the menu tap to its PDF in at most 9 actions; the PDF holds what was entered', async () => {
    const before = lastSeq(mila.chat);
    const made = await newWaybill(ann);
    expect(ann.actions).toBeLessThanOrEqual(9);
    expect(ann.actions).toBe(8);
    expect(textOf(made.created)).toBe(t('en', 'waybill.created', { number: made.number }));
    const document = made.pdf.message?.document;
    expect(document?.file_name).toBe(`${made.number}.pdf`);
    const bytes = Buffer.from(
      await (await fetch(`${stack.sandbox.apiRoot}/sandbox/files/${document!.file_id}`)).arrayBuffer(),
    );
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const part of [
      made.number,
      '2 boxes of books',
      '12.5',
      'Moscow, 5 Lenina St, office 12',
      'Kazan, 10 Baumana St, 3',
    ])
      expect(text).toContain(part);

    const list = (await mila.api.call('GET', `/waybills?q=${made.number}`)).body as {
      items: Waybill[];
      total: number;
    };
    expect(list.total).toBe(1);
    annWaybill = list.items[0]!;
    expect(annWaybill).toMatchObject({
      number: made.number,
      weightKg: 12.5,
      lengthCm: 120,
      paymentMethod: 'card',
    });
    // The manager heard of it in Telegram; the admin's feed too, with sound.
    const [push] = await messagesAfter(mila.chat, before, 1, (e) => textOf(e).includes(made.number));
    expect(push).toBeDefined();
    await waitFor(
      () =>
        feed.items.find((item) => item.type === 'waybill.created' && String(item.text).includes(made.number)),
      {
        message: 'the admin feed tells of the waybill',
      },
    );
    expect(feed.items.find((item) => item.type === 'waybill.created')?.sound).toBe(true);
  });

  it('S1-02: another manager cannot see it (404); its PDF downloads for its own manager', async () => {
    expect((await kim.api.call('GET', `/waybills/${annWaybill.id}`)).status).toBe(404);
    expect(((await kim.api.call('GET', '/waybills')).body as { total: number }).total).toBe(0);
    const pdf = await fetch(`${stack.apiUrl}/waybills/${annWaybill.id}/pdf`, {
      headers: { authorization: `Bearer ${mila.api.token}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('S1-02: a forged button for another client’s waybill gets the polite stale answer and nothing of it', async () => {
    const forged = await forgePress(env().amqpUrl, bob.user, `wb:open:${annWaybill.id}`);
    expect(forged.answer).toBe(STALE);
    expect(JSON.stringify(forged.sent)).not.toContain(annWaybill.number);
  });

  it('S1-08: bad input is re-asked with an example and loses nothing', async () => {
    const carl = await client('Carl');
    await carl.tapMenu(menuLabel('newWaybill', 'en'));
    await carl.type('Furniture');
    expect(textOf(await carl.type('abc'))).toContain(t('en', 'waybill.invalid.weight'));
    expect(textOf(await carl.sendPhoto())).toContain(t('en', 'wizard.invalid.text'));
    expect(textOf(await carl.type('-3'))).toContain(t('en', 'waybill.invalid.weight'));
    expect(textOf(await carl.type('12.5'))).toContain(t('en', 'waybill.ask.size'));
  });
});

describe('a claim through the bot (S1-03, S1-06, S1-08)', () => {
  let claimNumber = '';

  it('S1-03/S1-08: with an album in at most 8 actions; the manager is pushed at once with the photos; the admin feed with sound', async () => {
    const before = lastSeq(mila.chat);
    const actionsBefore = ann.actions;
    const filed = await newClaim(ann, {
      waybill: { pick: annWaybill.number },
      email: 'ann@example.com',
      description: 'One box arrived wet.',
      amount: '15 000,50',
      photos: 3,
    });
    claimNumber = filed.number;
    expect(ann.actions - actionsBefore).toBeLessThanOrEqual(8);
    expect(textOf(filed.filed)).toBe(t('en', 'claim.filed', { number: filed.number }));
    // The manager: the text, then the three photos as one album, each once.
    const pushed = await messagesAfter(mila.chat, before, 4);
    expect(textOf(pushed[0])).toContain(filed.number);
    expect(textOf(pushed[0])).toContain('One box arrived wet.');
    const photos = pushed.slice(1, 4);
    expect(photos.every((e) => e.message?.photo)).toBe(true);
    expect(new Set(photos.map((e) => e.message?.media_group_id)).size).toBe(1);
    await waitFor(
      () =>
        feed.items.find((item) => item.type === 'claim.filed' && String(item.text).includes(filed.number)),
      {
        message: 'the admin feed tells of the claim',
      },
    );
    expect(feed.items.find((item) => item.type === 'claim.filed')?.sound).toBe(true);
    // Its files are copied into storage and served to its manager, never to another one.
    const claim = await waitFor(
      async () => {
        const page = (await mila.api.call('GET', `/claims?q=${filed.number}`)).body as {
          items: { id: string }[];
        };
        const found =
          page.items[0] &&
          ((await mila.api.call('GET', `/claims/${page.items[0].id}`)).body as Claim & {
            files: { url?: string; copy: string }[];
          });
        return found && found.files.every((file) => file.copy === 'copied') ? found : undefined;
      },
      { message: 'the claim’s files copied', timeoutMs: 20_000 },
    );
    expect(claim).toMatchObject({
      waybillId: annWaybill.id,
      amount: 1_500_050,
      status: 'new',
      managerId: mila.user.id,
    });
    const file = await fetch(`${stack.apiUrl}/claims/${claim.id}/files/${claim.files[0]!.fileUniqueId}`, {
      headers: { authorization: `Bearer ${mila.api.token}` },
    });
    expect(file.status).toBe(200);
    expect((await kim.api.call('GET', `/claims/${claim.id}`)).status).toBe(404);
  });

  it('S1-06: the manager takes it into review and resolves it in the bot; the client hears each decision with the comment', async () => {
    const before = lastSeq(ann);
    const reviewed = await decideClaim(mila.chat, claimNumber, 'review', 'Checking with the courier.');
    expect(textOf(reviewed)).toBe(t('en', 'claim.changed', { number: claimNumber, status: 'in review' }));
    const [told] = await messagesAfter(ann, before, 1, (e) => textOf(e).includes(claimNumber));
    expect(textOf(told)).toContain('Checking with the courier.');
    const resolved = await decideClaim(mila.chat, claimNumber, 'resolve', 'We refund 15,000.50 ₽.');
    expect(textOf(resolved)).toBe(t('en', 'claim.changed', { number: claimNumber, status: 'resolved' }));
    await messagesAfter(ann, before, 2, (e) => textOf(e).includes(claimNumber));
    const page = (await admin.call('GET', `/claims?q=${claimNumber}`)).body as {
      items: { status: string }[];
    };
    expect(page.items[0]!.status).toBe('resolved');
  });

  it('S1-03: a claim about a waybill made outside the bot is filed and flagged for the manager', async () => {
    const before = lastSeq(kim.chat);
    const filed = await newClaim(bob, {
      waybill: { type: 'TN 4711/22' },
      email: 'bob@example.com',
      description: 'Never arrived.',
      amount: '2500',
      photos: 0,
    });
    const [push] = await messagesAfter(kim.chat, before, 1, (e) => textOf(e).includes(filed.number));
    expect(textOf(push)).toContain('TN 4711/22');
    const page = (await kim.api.call('GET', `/claims?q=${filed.number}`)).body as {
      items: { waybillId: string | null }[];
    };
    expect(page.items[0]!.waybillId).toBeNull();
  });

  it('S1-03: a forged button for another manager’s claim gets the polite stale answer', async () => {
    const claims = (await admin.call('GET', `/claims?managerId=${mila.user.id}`)).body as {
      items: { id: string; number: string }[];
    };
    const forged = await forgePress(env().amqpUrl, kim.chat.user, `cl:open:${claims.items[0]!.id}:1`);
    expect(forged.answer).toBe(STALE);
    expect(JSON.stringify(forged.sent)).not.toContain(claims.items[0]!.number);
  });
});

describe('reassigning a client (S1-01)', () => {
  it('S1-01: PUT /users/:id/manager moves a client; their open claims follow; a manager with clients is not deactivated (409 with the count)', async () => {
    const bobUser = await userOf(bob);
    const bobsClaims = (await kim.api.call('GET', '/claims')).body as {
      items: { id: string; number: string }[];
    };
    expect(bobsClaims.items).toHaveLength(1);
    const before = lastSeq(mila.chat);
    const moved = await admin.call('PUT', `/users/${bobUser.id}/manager`, { managerId: mila.user.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((moved.body as User).managerId).toBe(mila.user.id);
    const claimId = bobsClaims.items[0]!.id;
    await waitFor(async () => (await mila.api.call('GET', `/claims/${claimId}`)).status === 200, {
      message: 'the claim follows Bob to Mila',
    });
    expect((await kim.api.call('GET', `/claims/${claimId}`)).status).toBe(404);
    await messagesAfter(mila.chat, before, 1, (e) => textOf(e).includes(bobsClaims.items[0]!.number));

    const refused = await admin.call('PATCH', `/users/${mila.user.id}`, { active: false });
    expect(refused.status).toBe(409);
    const clients = (
      (await admin.call('GET', `/users?managerId=${mila.user.id}&active=true`)).body as { total: number }
    ).total;
    expect(String((refused.body as { detail: string }).detail)).toContain(String(clients));
    // Kim has no clients left: he may go.
    expect((await admin.call('PATCH', `/users/${kim.user.id}`, { active: false })).status).toBe(200);
  });
});

describe("a manager's 300 clients (S1-05, S1-06)", () => {
  it("S1-06: the manager's list pages 300 clients' claims 10 at a time, newest first", async () => {
    // Lev connects Telegram after his clients filed, so 300 pushes (1 a second per chat, Telegram's
    // limit) do not queue ahead of his list's pages.
    const levUser = (
      await admin.call('POST', '/users', {
        role: 'manager',
        name: 'Lev Manager',
        login: 'lev',
        password: 'pw of lev 123',
      })
    ).body as User;
    const rpc = await RpcClient.connect({
      url: env().amqpUrl,
      name: 'e2e-logistics-filer',
      registry: messages,
      source: 'e2e',
      logger: createLogger({ service: 'e2e-logistics', level: 'silent' }),
      metrics: createMetrics({ service: 'e2e-logistics-filer' }),
      defaultTimeoutMs: 20_000,
    });
    try {
      const numbers: string[] = [];
      for (let batch = 0; batch < 300; batch += 25) {
        const filed = await Promise.all(
          Array.from({ length: 25 }, async (_, i) => {
            const n = batch + i;
            const person = await rpc.request('identity.create-user', {
              role: 'client',
              name: `Client ${n}`,
              managerId: levUser.id,
            });
            const claim = await rpc.request(
              'claims.file',
              {
                clientId: person.id,
                requestId: `bulk-${n}`,
                waybillNumber: `EXT-${n}`,
                email: `client${n}@example.com`,
                description: `Claim of client ${n}`,
                amount: 100 * (n + 1),
                files: [],
              },
              { actor: { kind: 'user', userId: person.id, role: 'client' } },
            );
            return claim.number;
          }),
        );
        numbers.push(...filed);
      }
      const newestFirst = [...numbers].sort().reverse();
      const lev = {
        chat: await linkTelegram(levUser, 'Lev'),
        api: await ApiClient.login(stack.apiUrl, 'lev', 'pw of lev 123'),
      };
      const first = await lev.chat.tapMenu(menuLabel('claims', 'en'), isClaimList);
      const onPage = (event: ChatEvent) =>
        labelsOf(event)
          .filter((l) => /^CL-/.test(l))
          .map((l) => l.split(' · ')[0]);
      expect(textOf(first)).toContain('300');
      expect(onPage(first)).toEqual(newestFirst.slice(0, 10));
      expect(labelsOf(first)).toContain('1/30');
      let page = first;
      for (let n = 2; n <= 30; n++) {
        await lev.chat.tap(page, 'Next ›');
        page = await lev.chat.replyMatching(isClaimList, `page ${n}`);
        expect(onPage(page)).toEqual(newestFirst.slice((n - 1) * 10, n * 10));
      }
      expect(labelsOf(page)).toContain('30/30');
      expect(labelsOf(page)).not.toContain('Next ›');
      expect(((await lev.api.call('GET', '/claims?pageSize=100')).body as { total: number }).total).toBe(300);
    } finally {
      await rpc.close();
    }
  }, 180_000);
});
