// Issue 7, security checks: the authorization matrix over the route registry, webhook and REST fuzzing,
// client data withheld from technicians until release, no personal data in logs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, freePort, sleep, startProcess, useTestEnv, waitFor } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxUser } from '@fieldgram/telegram-sandbox';
import { ROUTES } from '../services/api-gateway/src/http/routes/index.js';
import type { AnyRoute } from '../services/api-gateway/src/http/route.js';
import {
  gatewayEnvFor,
  startGateway,
  TelegramTap,
} from '../services/bot-gateway/test/support/gateway-harness.js';
import { asAdmin, Caller, IDENTITY_MAIN } from '../services/identity/test/support/harness.js';
import { ADMIN, startStack, type Stack } from './support/stack.js';
import {
  INVALID_IDS,
  junkUpdate,
  seededRandom,
  signJwt,
  wrongBodies,
  wrongQueries,
} from './support/security-fuzz.js';

const JWT_SECRET = 'e2e-secret-that-is-at-least-32-characters';
const env = useTestEnv('e2e-security');
const webhookEnv = useTestEnv('e2e-security-webhook');
const logEnv = useTestEnv('e2e-security-logs');

const CLIENT = { name: 'Агата Вишневская', phone: '+79005554433', address: 'пр. Мира, 77, кв. 301' };

let stack: Stack;
let admin: ApiClient;
let adminId: string;
let refreshToken: string;
let manager: ApiClient;

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

/** One request with full control over the token and the body; an SSE answer is cut at its headers. */
async function send(
  method: string,
  path: string,
  options: { token?: string; authorization?: string; body?: unknown; rawBody?: string } = {},
): Promise<Reply> {
  const controller = new AbortController();
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(authorization ? { authorization } : {}),
    },
    ...(body !== undefined ? { body } : {}),
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, contentType, text: '' };
  }
  return { status: response.status, contentType, text: await response.text() };
}

beforeAll(async () => {
  stack = await startStack(env());
  const login = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
  admin = login;
  const session = await admin.call('POST', '/auth/login', { login: ADMIN.login, password: ADMIN.password });
  const tokens = session.body as { refreshToken: string; user: { id: string } };
  refreshToken = tokens.refreshToken;
  adminId = tokens.user.id;
  const created = await admin.call('POST', '/users', {
    role: 'manager',
    name: 'Mila Manager',
    login: 'mila-manager',
    password: 'manager password 1',
  });
  expect(created.status).toBe(201);
  manager = await ApiClient.login(stack.apiUrl, 'mila-manager', 'manager password 1');
});
afterAll(async () => {
  await stack?.stop();
});

describe('client data and technicians', () => {
  it('no message, edit or caption to the technician carries the client’s name, phone or address before release', async () => {
    const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
    const tech: SandboxUser = stack.sandbox.createUser({
      firstName: 'Timur',
      username: 'timur_sec',
      languageCode: 'ru',
    });
    await tech.sendCommand(stack.bot.token, 'start', new URL(link).searchParams.get('start')!);
    const techId = await waitFor(
      async () =>
        ((await admin.call('GET', '/users?q=timur_sec')).body as { items: { id: string }[] }).items[0]?.id,
      { message: 'the technician registered' },
    );
    const task = (
      await admin.call('POST', '/tasks', {
        title: 'Security: leaky pipe',
        area: 'Заречный район',
        client: { ...CLIENT, notes: 'Код двери 4455' },
      })
    ).body as { id: string };
    expect((await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: techId })).status).toBe(200);
    expect((await admin.call('POST', `/tasks/${task.id}/send`)).status).toBe(200);
    const offer = await stack.sandbox.waitForEvent(
      stack.bot.token,
      tech.id,
      (e) => e.kind === 'message' && (e.message?.text ?? '').includes('Security: leaky pipe'),
      { timeoutMs: 10_000 },
    );
    const accept = offer.message?.reply_markup?.inline_keyboard
      ?.flat()
      .find((b) => /accept|принять/i.test(b.text));
    await tech.pressButton(stack.bot.token, offer.messageId!, accept!.callback_data!);
    await waitFor(
      async () =>
        ((await admin.call('GET', `/tasks/${task.id}`)).body as { status: string }).status === 'accepted',
      { message: 'accepted' },
    );
    await sleep(700); // the edit of the offer and any confirmation land
    const beforeRelease = stack.sandbox.chatLog(stack.bot.token, tech.id);
    expect(beforeRelease.length).toBeGreaterThan(1);
    for (const event of beforeRelease) {
      const seen = JSON.stringify(event);
      for (const secret of [CLIENT.name, CLIENT.phone, CLIENT.address, 'Код двери'])
        expect(seen, `${event.method} #${event.seq}`).not.toContain(secret);
    }

    expect((await admin.call('POST', `/tasks/${task.id}/client-info`)).status).toBe(200);
    // The check above would have seen the data: after the release it is there.
    const info = await stack.sandbox.waitForEvent(
      stack.bot.token,
      tech.id,
      (e) => JSON.stringify(e).includes(CLIENT.phone),
      { timeoutMs: 10_000 },
    );
    expect(JSON.stringify(info)).toContain(CLIENT.address);
    console.log(`technician chat: ${beforeRelease.length} events before release checked, none leaked`);
  });
});

describe('authorization', () => {
  it('a manager cannot read an admin’s notification nor change an admin', async () => {
    const item = await waitFor(
      async () => ((await admin.call('GET', '/notifications')).body as { items: { id: string }[] }).items[0],
      { message: 'an admin notification', timeoutMs: 15_000 },
    );
    expect([403, 404]).toContain((await manager.call('POST', `/notifications/${item.id}/read`)).status);
    const adminFeed = (await admin.call('GET', '/notifications')).body as {
      items: { id: string; read?: boolean; readAt?: string | null }[];
    };
    const still = adminFeed.items.find((i) => i.id === item.id)!;
    expect(still.read === true || Boolean(still.readAt)).toBe(false);
    for (const patch of [
      { active: false },
      { role: 'client' },
      { phone: '+70000000000' },
      { displayName: 'X' },
    ])
      expect((await manager.call('PATCH', `/users/${adminId}`, patch)).status, JSON.stringify(patch)).toBe(
        403,
      );
    expect(((await admin.call('GET', `/users/${adminId}`)).body as { active: boolean }).active).toBe(true);
  });

  it('every route × no / malformed / expired / refresh token, admin, manager answers as the registry says', async () => {
    // Resources the path parameters point at: a manager's client, a task, a telegram link.
    const client = await manager.call('POST', '/users', { role: 'client', name: 'Client Of Mila' });
    expect(client.status).toBe(201);
    const clientId = (client.body as { id: string }).id;
    const task = (await admin.call('POST', '/tasks', { title: 'Matrix task', area: 'Север', client: CLIENT }))
      .body as { id: string };
    const linkToken = (
      (await manager.call('POST', `/users/${clientId}/telegram-link`)).body as { token: string }
    ).token;
    const inviteToken = (
      (await manager.call('POST', '/invites', { role: 'client' })).body as { token: string }
    ).token;

    const now = Math.floor(Date.now() / 1000);
    const expired = signJwt(
      {
        sub: adminId,
        role: 'admin',
        name: 'Root',
        typ: 'access',
        iss: 'fieldgram',
        aud: 'fieldgram-api',
        iat: now - 3_600,
        exp: now - 60,
      },
      JWT_SECRET,
    );
    const callers: { name: string; role?: 'admin' | 'manager'; token?: string; authorization?: string }[] = [
      { name: 'no token' },
      { name: 'malformed', authorization: 'Bearer not.a.jwt' },
      { name: 'wrong scheme', authorization: `Basic ${admin.token ?? ''}` },
      { name: 'expired', token: expired },
      { name: 'refresh as access', token: refreshToken },
      { name: 'manager', role: 'manager', token: manager.token! },
      { name: 'admin', role: 'admin', token: admin.token! },
    ];

    const pathFor = (route: AnyRoute): string =>
      route.path
        .replace(/^\/users\/:id/, `/users/${clientId}`)
        .replace(/^\/tasks\/:id/, `/tasks/${task.id}`)
        .replace('/telegram-links/:token', `/telegram-links/${linkToken}`)
        .replace('/invites/:token', `/invites/${inviteToken}`)
        .replace(':id', randomUUID()) + (route.id === 'getJoinLink' ? '?role=client' : '');

    const wrong: string[] = [];
    let requests = 0;
    for (const caller of callers) {
      for (const route of ROUTES) {
        const reply = await send(route.method.toUpperCase(), pathFor(route), {
          ...(caller.token ? { token: caller.token } : {}),
          ...(caller.authorization ? { authorization: caller.authorization } : {}),
          ...(route.body ? { body: {} } : {}),
        });
        requests++;
        const label = `${caller.name}: ${route.method.toUpperCase()} ${route.path} → ${reply.status}`;
        const roles = 'public' in route.access ? 'public' : route.access.roles;
        if (reply.status >= 500) wrong.push(`${label} (5xx)`);
        else if (roles === 'public') {
          if (reply.status === 401 || reply.status === 403) wrong.push(`${label} (public route refused)`);
        } else if (!caller.role) {
          if (reply.status !== 401) wrong.push(`${label} (expected 401)`);
        } else if (!roles.includes(caller.role)) {
          if (reply.status !== 403) wrong.push(`${label} (expected 403)`);
        } else if (reply.status === 401 || reply.status === 403)
          wrong.push(`${label} (allowed role refused)`);
      }
    }
    console.log(
      `authorization matrix: ${ROUTES.length} routes × ${callers.length} callers = ${requests} requests`,
    );
    expect(wrong).toEqual([]);
  });
});

describe('REST fuzzing', () => {
  it('wrong bodies, queries and path ids to every route as an admin: never a 5xx, 4xx are problem+json', async () => {
    const random = seededRandom(7);
    const counts: Record<number, number> = {};
    const wrong: string[] = [];
    let requests = 0;
    const check = async (route: AnyRoute, path: string, options: { body?: unknown; rawBody?: string }) => {
      const reply = await send(route.method.toUpperCase(), path, { token: admin.token!, ...options });
      requests++;
      counts[reply.status] = (counts[reply.status] ?? 0) + 1;
      const label = `${route.method.toUpperCase()} ${path.slice(0, 120)} ${JSON.stringify(options.body ?? options.rawBody ?? '').slice(0, 120)} → ${reply.status}`;
      if (reply.status >= 500) wrong.push(`${label}: ${reply.text.slice(0, 200)}`);
      else if (reply.status >= 400 && !reply.contentType.startsWith('application/problem+json'))
        wrong.push(`${label}: content-type ${reply.contentType}`);
    };
    const withIds = (route: AnyRoute, id: string) =>
      route.path.replace(/:[A-Za-z0-9_]+/g, encodeURIComponent(id).replace(/%25/g, '%'));
    let fuzzed = 0;
    for (const route of ROUTES.filter((r) => r.method !== 'post' || r.path !== '/auth/login')) {
      if (!route.body && !route.query) continue;
      fuzzed++;
      const path = withIds(route, randomUUID());
      if (route.body) {
        for (const body of wrongBodies(route.body, 26, random)) await check(route, path, { body });
        await check(route, path, { rawBody: '{"not": json' });
        await check(route, path, { rawBody: JSON.stringify({ big: 'x'.repeat(2_000_000) }) });
      }
      if (route.query)
        for (const query of wrongQueries(route.query, route.body ? 10 : 28, random))
          await check(route, `${path}?${query}`, route.body ? { body: {} } : {});
    }
    for (const route of ROUTES.filter((r) => r.params))
      for (const id of INVALID_IDS)
        await check(route, route.path.replace(/:[A-Za-z0-9_]+/g, id), route.body ? { body: {} } : {});
    // The login route last, with a handful: failed logins count towards the per-IP lock.
    const login = ROUTES.find((r) => r.id === 'login')!;
    for (const body of wrongBodies(login.body!, 12, random)) await check(login, login.path, { body });
    console.log(
      `REST fuzz: ${fuzzed} routes with a body or query, ${requests} requests; per status: ${JSON.stringify(counts)}`,
    );
    expect(wrong).toEqual([]);
  });
});

describe('webhook fuzzing', () => {
  it('10,000 malformed, oversized and unknown updates: no crash, nothing published, still serving', async () => {
    const SECRET = 'fuzz-webhook-secret';
    const sandbox = await TelegramSandbox.start({ limits: 'off' });
    const tap = await TelegramTap.open(webhookEnv());
    const port = await freePort();
    const bot = sandbox.createBot({ username: 'fieldgram_fuzz_bot' });
    const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    const gateway = await startGateway(
      gatewayEnvFor(webhookEnv(), {
        HTTP_PORT: String(port),
        TELEGRAM_API_ROOT: sandbox.apiRoot,
        TELEGRAM_BOT_TOKEN: bot.token,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: webhookUrl,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
      }),
    );
    try {
      const random = seededRandom(42);
      const oversized = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(1_100_000) } });
      const statuses: Record<string, number> = {};
      const kinds: Record<string, number> = {};
      const TOTAL = 10_000;
      const CONCURRENCY = 64;
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < TOTAL; i = next++) {
          const junk = i % 250 === 0 ? { kind: 'oversized', body: oversized } : junkUpdate(i, random);
          kinds[junk.kind] = (kinds[junk.kind] ?? 0) + 1;
          const response = await fetch(webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: junk.body,
          });
          await response.arrayBuffer();
          const key = `${junk.kind} ${response.status}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      console.log(
        `webhook fuzz: ${TOTAL} updates; kinds ${JSON.stringify(kinds)}; statuses by kind ${JSON.stringify(statuses)}; intake ${JSON.stringify(gateway.intakeCounts)}`,
      );
      expect(statuses['oversized 413']).toBe(kinds.oversized);
      expect(Object.keys(statuses).filter((key) => / 5\d\d$/.test(key))).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      await sleep(500);
      expect(tap.envelopes.filter((e) => e.type.startsWith('tg.in.'))).toHaveLength(0);

      const ann = sandbox.createUser({ firstName: 'Ann', username: 'ann_fuzz', languageCode: 'en' });
      const sent = await ann.sendText(bot.token, 'still there?');
      const event = await tap.next('tg.in.message', (d) => d.updateId === sent.updateId);
      expect(event.data).toMatchObject({ text: 'still there?' });
      expect(tap.envelopes.filter((e) => e.type.startsWith('tg.in.'))).toHaveLength(1);
    } finally {
      await gateway.runtime.stop();
      await tap.close();
      await sandbox.stop();
    }
  });
});

describe('personal data in logs', () => {
  it('identity at debug level logs no names, phones or usernames of the people it registers', async () => {
    const child = startProcess({
      name: 'identity',
      entry: IDENTITY_MAIN,
      env: logEnv().processEnv({
        LOG_LEVEL: 'debug',
        HTTP_PORT: '0',
        NODE_ENV: 'test',
        ADMIN_LOGIN: ADMIN.login,
        ADMIN_PASSWORD: ADMIN.password,
        TELEGRAM_BOT_USERNAME: 'fallback_bot',
      }),
    });
    const caller = await Caller.open(logEnv());
    try {
      await child.waitForLog((entry) => entry.msg === 'service started', 30_000);
      const secrets = {
        firstName: 'Zinovia',
        lastName: 'Krasnopevtseva',
        username: 'zinovia_private',
        phone: '+79167778899',
        clientName: 'Evlampiy Shcherbatov',
        clientPhone: '+79035550123',
        login: 'evl-login',
        password: 'evl secret password',
      };
      const telegramId = 880_000_000 + Math.floor(Math.random() * 1_000_000);
      const registered = await caller.ask('identity.register-from-telegram', {
        profile: {
          telegramId,
          firstName: secrets.firstName,
          lastName: secrets.lastName,
          username: secrets.username,
          languageCode: 'ru',
        },
      });
      const [rootAdmin] = (await caller.ask('identity.list-users', { role: 'admin' })).items;
      const actor = asAdmin(rootAdmin!.id);
      await caller.ask(
        'identity.update-user',
        { userId: registered.user.id, patch: { phone: secrets.phone } },
        actor,
      );
      await caller.ask(
        'identity.create-user',
        {
          role: 'manager',
          name: secrets.clientName,
          phone: secrets.clientPhone,
          login: secrets.login,
          password: secrets.password,
        },
        actor,
      );
      await caller.ask('identity.authenticate', { login: secrets.login, password: secrets.password });
      await caller
        .ask('identity.authenticate', { login: secrets.login, password: 'wrong password!' })
        .catch(() => undefined);
      await sleep(300);
      await child.kill('SIGTERM');
      const lines = child.lines();
      const leaks = Object.entries(secrets).flatMap(([what, value]) =>
        lines.filter((line) => line.includes(value)).map((line) => `${what}: ${line.slice(0, 300)}`),
      );
      console.log(
        `identity logs: ${lines.length} lines at debug level checked for ${Object.keys(secrets).length} values`,
      );
      expect(lines.length).toBeGreaterThan(5);
      expect(leaks).toEqual([]);
    } finally {
      await caller.close();
      await child.kill('SIGKILL').catch(() => undefined);
    }
  });
});
