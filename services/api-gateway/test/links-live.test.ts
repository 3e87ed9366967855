// Invites, Telegram links, bot settings, the live feed and the journal through the REST API
// (issue 4: S0-01, S0-02, S2-01, S2-02), against the real services and the Telegram sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import { newMessageId, type FeedItem, type User } from '@fieldgram/contracts';
import { ADMIN, startApiStack, type ApiStack } from './support/api-stack.js';
import { apiClient, PNG_SIGNATURE, SseStream, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

const env = useTestEnv('api-live');
let stack: ApiStack;
let api: ApiClient;
let admin: Tokens;
const streams: SseStream[] = [];

beforeAll(async () => {
  stack = await startApiStack(env(), { SSE_HEARTBEAT_SECONDS: '1' });
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await stack?.stop();
});

async function openStream(query = '', headers: Record<string, string> = {}): Promise<SseStream> {
  const stream = await SseStream.open(`${stack.baseUrl}/api/v1/notifications/stream${query}`, headers);
  streams.push(stream);
  return stream;
}

async function fetchPng(url: string, token: string): Promise<Buffer> {
  const response = await api.get(url, { token });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  return response.bytes;
}

const feedItem = (recipientId: string, text: string): FeedItem => ({
  id: newMessageId(),
  recipientId,
  type: 'test.event',
  subject: null,
  text,
  sound: true,
  actions: [],
  read: false,
  createdAt: new Date().toISOString(),
});

describe('bot settings (S0-01)', () => {
  it('says no bot is connected, refuses a token Telegram rejects, and connects a good one', async () => {
    const token = admin.accessToken;
    expect((await api.get('/settings/telegram', { token })).body).toEqual({
      connected: false,
      username: null,
      link: null,
      mode: 'none',
      source: 'none',
    });

    const malformed = await api.put('/settings/telegram', { botToken: 'not a token' }, { token });
    expect(expectProblem(malformed, 400, 'validation').errors?.[0]?.field).toBe('body.botToken');

    const refused = await api.put('/settings/telegram', { botToken: '123456:not-a-real-token' }, { token });
    const problem = expectProblem(refused, 400, 'validation');
    expect(problem.detail).toBe('Telegram did not accept the bot token: Unauthorized');
    expect(problem.errors).toEqual([{ field: 'body.botToken', message: problem.detail }]);

    const bot = stack.sandbox.createBot({ username: 'api_settings_bot' });
    const connected = await api.put('/settings/telegram', { botToken: bot.token }, { token });
    expect(connected.status).toBe(200);
    expect(connected.body).toEqual({
      connected: true,
      username: 'api_settings_bot',
      link: 'https://t.me/api_settings_bot',
      mode: 'polling',
      source: 'stored',
    });
    expect(JSON.stringify(connected.body)).not.toContain(bot.token);
    expect((await api.get('/settings/telegram', { token })).body).toMatchObject({ connected: true });
  });
});

describe('invites (S0-02)', () => {
  it('creates an invite with a deep link and a QR code, and keeps one standing join link', async () => {
    const token = admin.accessToken;
    const invite = await api.post<{
      token: string;
      link: string;
      startPayload: string;
      qrUrl: string;
      maxUses: number;
      role: string;
    }>('/invites', { role: 'technician', maxUses: 5, expiresInHours: 24 }, { token });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ role: 'technician', maxUses: 5 });
    expect(invite.body.link).toMatch(/^https:\/\/t\.me\/api_settings_bot\?start=\S+$/);
    expect(invite.body.link).toContain(invite.body.token);
    // Absolute, on the API's own address while PUBLIC_BASE_URL is unset (issue 11).
    expect(invite.body.qrUrl).toBe(`${stack.baseUrl}/api/v1/invites/${invite.body.token}/qr`);
    expect(invite.body.startPayload).toBe(new URL(invite.body.link).searchParams.get('start'));
    expect(invite.body.startPayload).not.toBe(invite.body.token);
    const png = await fetchPng(invite.body.qrUrl, token);
    expect(png.length).toBeGreaterThan(500);

    const join = await api.get<{
      token: string;
      link: string;
      startPayload: string;
      role: string;
      qrUrl: string;
    }>('/invites/join-link?role=technician', { token });
    expect(join.status).toBe(200);
    expect(join.body.role).toBe('technician');
    expect(join.body.link).toBe(`https://t.me/api_settings_bot?start=${join.body.startPayload}`);
    const again = await api.get<{ token: string }>('/invites/join-link', { token });
    expect(again.body.token).toBe(join.body.token);
    await fetchPng(join.body.qrUrl, token);

    expectProblem(await api.get('/invites/unknown-token/qr', { token }), 404, 'not-found');
    expectProblem(await api.get('/invites/bad token!/qr', { token }), 400, 'validation');
  });
});

describe('Telegram links (S2-01, S2-02)', () => {
  it('links an existing person by a one-time token, shows the status, and disconnects', async () => {
    const token = admin.accessToken;
    const client = await createUser(api, token, { role: 'client', name: 'Linda Link', phone: '+1 555 0199' });
    expect((await api.get(`/users/${client.id}/telegram`, { token })).body).toEqual({
      userId: client.id,
      connected: false,
      telegramId: null,
      username: null,
      profileLink: null,
    });

    const link = await api.post<{ token: string; link: string; startPayload: string; qrUrl: string }>(
      `/users/${client.id}/telegram-link`,
      undefined,
      { token },
    );
    expect(link.status).toBe(201);
    expect(link.body.link).toMatch(/^https:\/\/t\.me\/api_settings_bot\?start=\S+$/);
    expect(link.body.link).toContain(link.body.token);
    expect(link.body.qrUrl).toBe(`${stack.baseUrl}/api/v1/telegram-links/${link.body.token}/qr`);
    await fetchPng(link.body.qrUrl, token);

    // The person opens the link in Telegram: the bot's /start reaches identity with the token.
    const registered = await stack.bus.rpc.request('identity.register-from-telegram', {
      profile: { telegramId: 777_001, firstName: 'Linda', username: 'linda_tg' },
      startPayload: link.body.startPayload,
    });
    expect(registered).toMatchObject({ outcome: 'linked', user: { id: client.id } });

    expect((await api.get(`/users/${client.id}/telegram`, { token })).body).toMatchObject({
      connected: true,
      telegramId: 777_001,
      username: 'linda_tg',
    });
    // A used link token has no QR code any more.
    expectProblem(await api.get(link.body.qrUrl, { token }), 410, 'gone');

    const disconnected = await api.delete(`/users/${client.id}/telegram`, { token });
    expect(disconnected.status).toBe(200);
    expect(disconnected.body).toMatchObject({ connected: false, telegramId: null });
    expectProblem(await api.delete(`/users/${client.id}/telegram`, { token }), 409, 'conflict');
  });

  it('lets a manager link clients and themselves, not other staff', async () => {
    const manager = await signedInManager(api, admin.accessToken, 'linking-manager');
    const token = manager.tokens.accessToken;
    expect((await api.post(`/users/${manager.user.id}/telegram-link`, undefined, { token })).status).toBe(
      201,
    );
    expectProblem(
      await api.post(`/users/${admin.user.id}/telegram-link`, undefined, { token }),
      403,
      'forbidden',
    );
    const adminLink = await api.post<{ qrUrl: string }>(`/users/${admin.user.id}/telegram-link`, undefined, {
      token: admin.accessToken,
    });
    expectProblem(await api.get(adminLink.body.qrUrl, { token }), 403, 'forbidden');
  });
});

describe('notifications', () => {
  it('lists the feed and marks an item read', async () => {
    const token = admin.accessToken;
    const tech = await createUser(api, token, { role: 'technician', name: 'Nina Notified' });
    type Feed = { items: FeedItem[]; total: number; unread: number };
    const item = await waitFor(
      async () =>
        (await api.get<Feed>('/notifications?unread=true', { token })).body.items.find(
          (i) => i.subject === `user:${tech.id}`,
        ),
      { message: 'the feed item about the new technician' },
    );
    expect(item).toMatchObject({
      recipientId: admin.user.id,
      type: 'user.registered',
      sound: true,
      read: false,
    });
    expect(item.text).toContain('Nina Notified');

    const read = await api.post<FeedItem>(`/notifications/${item.id}/read`, undefined, { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: item.id, read: true });
    const unread = await api.get<Feed>('/notifications?unread=true&pageSize=100', { token });
    expect(unread.body.items.map((i) => i.id)).not.toContain(item.id);

    // Someone else's item is not found for this caller.
    const manager = await signedInManager(api, token, 'feed-manager');
    const foreign = await api.post(`/notifications/${item.id}/read`, undefined, {
      token: manager.tokens.accessToken,
    });
    expectProblem(foreign, 404, 'not-found');
  });

  it('streams new items live over SSE with the bearer header, with heartbeats', async () => {
    const stream = await openStream('', { authorization: `Bearer ${admin.accessToken}` });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await stream.next('unread')).toMatchObject({ unread: expect.any(Number) as number });

    // The whole chain: identity → user.registered → notification → notification.created → this stream.
    const tech = await createUser(api, admin.accessToken, { role: 'technician', name: 'Sam Streamed' });
    const live = (await stream.next(
      'notification',
      (d) => (d as FeedItem).subject === `user:${tech.id}`,
    )) as FeedItem;
    expect(live).toMatchObject({ recipientId: admin.user.id, sound: true });
    expect(live.text).toContain('Sam Streamed');
    expect(stream.events.find((e) => e.event === 'notification')?.id).toBeDefined();

    await waitFor(() => stream.comments.includes('heartbeat'), { message: 'a heartbeat', timeoutMs: 3_000 });
  });

  it('streams with a single-use ticket, and only the caller’s own items', async () => {
    const ticket = await api.post<{ ticket: string; expiresInSeconds: number }>(
      '/notifications/stream-ticket',
      undefined,
      {
        token: admin.accessToken,
      },
    );
    expect(ticket.status).toBe(201);
    expect(ticket.body.expiresInSeconds).toBe(60);

    const stream = await openStream(`?ticket=${ticket.body.ticket}`);
    expect(stream.status).toBe(200);
    await stream.next('unread');
    const again = await api.get(`/notifications/stream?ticket=${ticket.body.ticket}`);
    expect(expectProblem(again, 401, 'unauthorized').detail).toMatch(/ticket/);

    await stack.bus.publish('notification.created', feedItem(newMessageId(), 'for somebody else'));
    const mine = feedItem(admin.user.id, 'for the admin');
    await stack.bus.publish('notification.created', mine);
    expect(await stream.next('notification', (d) => (d as FeedItem).id === mine.id)).toEqual(mine);
    expect(stream.events.some((e) => e.data.includes('for somebody else'))).toBe(false);

    expectProblem(
      await api.get('/notifications/stream?ticket=forged-ticket-forged-ticket'),
      401,
      'unauthorized',
    );
    expectProblem(await api.get('/notifications/stream'), 401, 'unauthorized');
  });
});

describe('audit', () => {
  it('queries the journal (admins only) and validates dates', async () => {
    const token = admin.accessToken;
    type Journal = { items: { type: string; subject: string | null }[]; total: number };
    const journal = await waitFor(
      async () => {
        const response = await api.get<Journal>('/audit?type=user.registered&pageSize=100', { token });
        return response.body.total > 0 ? response.body : undefined;
      },
      { message: 'user.registered in the journal' },
    );
    expect(journal.items.every((entry) => entry.type === 'user.registered')).toBe(true);
    const bad = await api.get('/audit?from=yesterday', { token });
    expect(expectProblem(bad, 400, 'validation').errors?.[0]?.field).toBe('query.from');
  });
});

describe('a service that is down', () => {
  it('answers 503 with Retry-After instead of hanging', async () => {
    await stack.runtimes.audit.stop();
    const started = Date.now();
    const response = await api.get('/audit', { token: admin.accessToken });
    const problem = expectProblem(response, 503, 'service-unavailable');
    expect(problem.detail).toMatch(/audit/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The rest of the API is unaffected.
    expect((await api.get<{ items: User[] }>('/users', { token: admin.accessToken })).status).toBe(200);
  });
});
