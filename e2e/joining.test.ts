// Issue 4, end to end: people join through the bot, admins see them live (S0-01…S0-05, S2-01,
// S2-02, S2-06, S3-06, S3-07, S4-06). Telegram is the sandbox; everything else is real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, sleep, useTestEnv, waitFor } from '@fieldgram/testkit';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from './support/stack.js';

const env = useTestEnv('e2e-joining');
let stack: Stack;
let admin: ApiClient;

interface UserView {
  id: string;
  role: string;
  name: string;
  active: boolean;
  telegramId: number | null;
  username: string | null;
  profileLink: string | null;
  displayName: string | null;
}

function startPayloadOf(link: string): string {
  const payload = new URL(link).searchParams.get('start');
  if (!payload) throw new Error(`no start payload in ${link}`);
  return payload;
}

async function usersWith(query: string): Promise<{ items: UserView[]; total: number }> {
  const response = await admin.call('GET', `/users?${query}`);
  expect(response.status).toBe(200);
  return response.body as { items: UserView[]; total: number };
}

function botTexts(user: SandboxUser): string[] {
  return stack.sandbox
    .chatLog(stack.bot.token, user.id)
    .filter((event) => event.kind === 'message')
    .map((event) => event.message?.text ?? '');
}

async function nextBotText(user: SandboxUser, after: number): Promise<string> {
  const event = await stack.sandbox.waitForEvent(stack.bot.token, user.id, (e) => e.kind === 'message', {
    after,
    timeoutMs: 10_000,
  });
  return event.message?.text ?? '';
}

function lastSeq(user: SandboxUser): number {
  return stack.sandbox.chatLog(stack.bot.token, user.id).at(-1)?.seq ?? 0;
}

beforeAll(async () => {
  stack = await startStack(env());
  admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
});
afterAll(async () => {
  await stack?.stop();
});

describe('joining through the bot', () => {
  let joinPayload: string;

  it('a technician opens the join link: registered, welcomed, and the admin is told live (S0-02…S0-05)', async () => {
    const joinLink = await admin.call('GET', '/invites/join-link?role=technician');
    expect(joinLink.status).toBe(200);
    const { link } = joinLink.body as { link: string };
    expect(link).toMatch(/^https:\/\/t\.me\/fieldgram_e2e_bot\?start=/);
    joinPayload = startPayloadOf(link);

    const stream = await admin.openNotificationStream();
    const ivan = stack.sandbox.createUser({
      firstName: 'Ivan',
      lastName: 'Petrov',
      username: 'ivan_p',
      languageCode: 'en',
    });
    const before = lastSeq(ivan);
    await ivan.sendCommand(stack.bot.token, 'start', joinPayload);
    expect(await nextBotText(ivan, before)).toMatch(/technician/i);
    expect(stack.sandbox.replyKeyboard(stack.bot.token, ivan.id)).toBeDefined();

    const item = await waitFor(() => stream.items.find((i) => String(i.text).includes('Ivan Petrov')), {
      message: 'the admin feed item on the SSE stream',
    });
    stream.close();
    expect(item).toMatchObject({ sound: true, type: 'user.registered' });
    expect(String(item.text)).toMatch(
      /New technician added \(Ivan Petrov\)|Добавлен новый техник \(Ivan Petrov\)/,
    );
    expect((item.actions as { href: string }[])[0]?.href).toMatch(/^\/api\/v1\/users\//);

    const { items } = await usersWith('role=technician&q=ivan');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      role: 'technician',
      telegramId: ivan.id,
      username: 'ivan_p',
      profileLink: 'https://t.me/ivan_p',
      name: 'Ivan Petrov',
      active: true,
    });

    const patched = await admin.call('PATCH', `/users/${items[0]!.id}`, {
      displayName: 'Ivan (electrician)',
    });
    expect(patched.status).toBe(200);
    expect((await admin.call('GET', `/users/${items[0]!.id}`)).body).toMatchObject({
      displayName: 'Ivan (electrician)',
      name: 'Ivan (electrician)',
    });

    // A second /start creates nothing new.
    const again = lastSeq(ivan);
    await ivan.sendCommand(stack.bot.token, 'start', joinPayload);
    await nextBotText(ivan, again);
    expect((await usersWith('role=technician&q=ivan')).total).toBe(1);
  });

  it('50 different users joining at once become 50 technicians', async () => {
    const before = (await usersWith('role=technician')).total;
    const users = Array.from({ length: 50 }, (_, i) =>
      stack.sandbox.createUser({ firstName: `Tech${i}`, username: `tech_${i}` }),
    );
    await Promise.all(users.map((user) => user.sendCommand(stack.bot.token, 'start', joinPayload)));
    await waitFor(async () => (await usersWith('role=technician')).total === before + 50, {
      message: '50 more technicians',
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    await waitFor(() => users.every((user) => botTexts(user).length >= 1), {
      message: 'everyone welcomed',
      timeoutMs: 20_000,
    });
  });

  it("the same user's /start sent 10 times at once registers one person", async () => {
    const eager = stack.sandbox.createUser({ firstName: 'Eager', username: 'eager_one' });
    await Promise.all(
      Array.from({ length: 10 }, () => eager.sendCommand(stack.bot.token, 'start', joinPayload)),
    );
    await waitFor(() => botTexts(eager).length >= 10, { message: 'ten replies', timeoutMs: 20_000 });
    expect((await usersWith('q=eager_one')).total).toBe(1);
  });

  it('/start without a payload makes a client (S3-06)', async () => {
    const olga = stack.sandbox.createUser({ firstName: 'Olga', username: 'olga_c', languageCode: 'ru' });
    const before = lastSeq(olga);
    await olga.sendCommand(stack.bot.token, 'start');
    expect(await nextBotText(olga, before)).toBeTruthy();
    expect((await usersWith('q=olga_c')).items[0]).toMatchObject({ role: 'client', telegramId: olga.id });
  });

  it('a deactivated user gets the blocked message and nothing else; reactivated, they are served (S3-07)', async () => {
    const mark = stack.sandbox.createUser({ firstName: 'Mark', username: 'mark_b', languageCode: 'en' });
    let seq = lastSeq(mark);
    await mark.sendCommand(stack.bot.token, 'start');
    await nextBotText(mark, seq);
    const [user] = (await usersWith('q=mark_b')).items;
    expect((await admin.call('PATCH', `/users/${user!.id}`, { active: false })).status).toBe(200);

    seq = lastSeq(mark);
    await mark.sendText(stack.bot.token, 'hello?');
    expect(await nextBotText(mark, seq)).toMatch(/blocked/i);
    await sleep(500);
    expect(
      stack.sandbox.chatLog(stack.bot.token, mark.id).filter((e) => e.seq > seq && e.kind === 'message'),
    ).toHaveLength(1);

    expect((await admin.call('PATCH', `/users/${user!.id}`, { active: true })).status).toBe(200);
    seq = lastSeq(mark);
    await mark.sendCommand(stack.bot.token, 'start');
    expect(await nextBotText(mark, seq)).not.toMatch(/blocked/i);
  });

  it('a link token attaches Telegram to an existing person; status, disconnect, reuse refused (S2-01, S2-02)', async () => {
    const created = await admin.call('POST', '/users', {
      role: 'client',
      name: 'Nina Client',
      phone: '+79990001111',
    });
    expect(created.status).toBe(201);
    const nina = created.body as UserView;
    const linkResponse = await admin.call('POST', `/users/${nina.id}/telegram-link`);
    expect(linkResponse.status).toBe(201);
    const { link, token } = linkResponse.body as { link: string; token: string };
    const qr = await fetch(`${stack.apiUrl}/telegram-links/${token}/qr`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await qr.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));

    const tg = stack.sandbox.createUser({ firstName: 'Nina', username: 'nina_tg' });
    let seq = lastSeq(tg);
    await tg.sendCommand(stack.bot.token, 'start', startPayloadOf(link));
    await nextBotText(tg, seq);
    expect((await admin.call('GET', `/users/${nina.id}/telegram`)).body).toMatchObject({
      connected: true,
      telegramId: tg.id,
    });

    expect((await admin.call('DELETE', `/users/${nina.id}/telegram`)).status).toBe(200);
    expect((await admin.call('GET', `/users/${nina.id}/telegram`)).body).toMatchObject({ connected: false });

    const stranger = stack.sandbox.createUser({ firstName: 'Stranger', languageCode: 'en' });
    seq = lastSeq(stranger);
    await stranger.sendCommand(stack.bot.token, 'start', startPayloadOf(link));
    expect(await nextBotText(stranger, seq)).toMatch(/expired|used/i);
    expect((await admin.call('GET', `/users/${nina.id}/telegram`)).body).toMatchObject({ connected: false });
  });
});

describe('the admin API guards its doors (S2-06)', () => {
  it('refuses a wrong password with 401', async () => {
    const response = await new ApiClient(stack.apiUrl).call('POST', '/auth/login', {
      login: ADMIN.login,
      password: 'nope',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it("refuses a manager on admin-only routes and on another staff member's record with 403", async () => {
    const created = await admin.call('POST', '/users', {
      role: 'manager',
      name: 'Mona Manager',
      login: 'mona',
      password: 'manager-password-1',
    });
    expect(created.status).toBe(201);
    const manager = await ApiClient.login(stack.apiUrl, 'mona', 'manager-password-1');
    expect((await manager.call('PUT', '/settings/telegram', { botToken: stack.bot.token })).status).toBe(403);
    const admins = await usersWith('role=admin');
    expect((await manager.call('PATCH', `/users/${admins.items[0]!.id}`, { displayName: 'x' })).status).toBe(
      403,
    );
  });

  it('answers a malformed body with 400 naming the field', async () => {
    const response = await admin.call('POST', '/users', { role: 'wizard', name: 'X' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('role');
  });

  it('documents every route in the OpenAPI document', async () => {
    const document = (await (await fetch(`${stack.apiUrl.replace('/v1', '')}/openapi.json`)).json()) as {
      servers: { url: string }[];
      paths: Record<string, unknown>;
    };
    expect(document.servers[0]?.url).toMatch(/\/api\/v1$/);
    for (const path of [
      '/auth/login',
      '/auth/refresh',
      '/users',
      '/users/{id}',
      '/invites',
      '/invites/{token}/qr',
      '/users/{id}/telegram-link',
      '/users/{id}/telegram',
      '/settings/telegram',
      '/notifications',
      '/notifications/{id}/read',
      '/notifications/stream',
      '/audit',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('shows the Telegram settings (S0-01)', async () => {
    expect((await admin.call('GET', '/settings/telegram')).body).toMatchObject({
      connected: true,
      username: 'fieldgram_e2e_bot',
    });
  });

  it('journals the joining story (S0-12)', async () => {
    const journal = await admin.call('GET', '/audit?type=user.registered');
    expect(journal.status).toBe(200);
    expect((journal.body as { total: number }).total).toBeGreaterThanOrEqual(50);
  });
});
