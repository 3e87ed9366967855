// The REST API's authentication, roles, validation and people (issue 4: S2-06, S3-07, S4-06),
// against the real identity, notification, audit and bot-gateway services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import type { User } from '@fieldgram/contracts';
import { ROUTES } from '../src/http/routes/index.js';
import { openApiPath } from '../src/http/route.js';
import { LoginLimiter } from '../src/auth/login-limiter.js';
import { DEV_SECRET_KEY } from '../src/auth/jwt-secret.js';
import { ADMIN, startApiStack, type ApiStack } from './support/api-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import {
  createUser,
  decodeJwtPayload,
  expectProblem,
  login,
  signedInManager,
  type Tokens,
} from './support/fixtures.js';

const env = useTestEnv('api-auth');
let stack: ApiStack;
let api: ApiClient;
let admin: Tokens;

beforeAll(async () => {
  stack = await startApiStack(env(), { LOGIN_MAX_FAILURES: '3' });
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
});
afterAll(async () => {
  await stack?.stop();
});

describe('login and tokens', () => {
  it('signs the first admin in with an access and a refresh token', async () => {
    expect(admin).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 24 * 3600 });
    expect(admin.user).toMatchObject({ role: 'admin' });
    const claims = decodeJwtPayload(admin.accessToken);
    expect(claims).toMatchObject({ sub: admin.user.id, role: 'admin', name: admin.user.name, typ: 'access' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(decodeJwtPayload(admin.refreshToken)).toMatchObject({ sub: admin.user.id, typ: 'refresh' });
    // No JWT_SECRET in this environment: the development secret lives in Redis.
    await expect(stack.runtimes.api.redis.get(DEV_SECRET_KEY)).resolves.toMatch(/^[\w-]{40,}$/);
    expect((await api.get('/users', { token: admin.accessToken })).status).toBe(200);
  });

  it('answers a wrong password with a 401 problem', async () => {
    const response = await api.post('/auth/login', { login: ADMIN.login, password: 'not the password' });
    const problem = expectProblem(response, 401, 'unauthorized');
    expect(problem.detail).toBe('Wrong login or password.');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses routes without a token, with a bad one, or with a refresh token as access token', async () => {
    expectProblem(await api.get('/users'), 401, 'unauthorized');
    expectProblem(await api.get('/users', { token: 'not.a.jwt' }), 401, 'unauthorized');
    expectProblem(await api.get('/users', { token: admin.refreshToken }), 401, 'unauthorized');
    const forged = `${admin.accessToken.slice(0, -4)}AAAA`;
    expectProblem(await api.get('/users', { token: forged }), 401, 'unauthorized');
  });

  it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
    const first = await login(api, ADMIN);
    const second = await api.post<Tokens>('/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await api.get('/users', { token: second.body.accessToken })).status).toBe(200);

    const reused = await api.post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(expectProblem(reused, 401, 'unauthorized').detail).toMatch(/already used/);
    // The thief's copy is dead, and so is the session's newest token.
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: second.body.refreshToken }),
      401,
      'unauthorized',
    );
    // Other sessions of the same person are untouched.
    expect((await api.post('/auth/refresh', { refreshToken: admin.refreshToken })).status).toBe(200);
  });

  it('ends a session on logout', async () => {
    const session = await login(api, ADMIN);
    expect((await api.post('/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: session.refreshToken }),
      401,
      'unauthorized',
    );
  });

  it('limits failed logins per login name: 429 with Retry-After, even with the right password', async () => {
    const { password } = await signedInManager(api, admin.accessToken, 'locked-out');
    for (let attempt = 0; attempt < 3; attempt++) {
      expectProblem(
        await api.post('/auth/login', { login: 'locked-out', password: 'wrong-guess' }),
        401,
        'unauthorized',
      );
    }
    const limited = await api.post('/auth/login', { login: 'Locked-Out', password });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(800);
    // Other logins from the same address still work.
    expect((await api.post('/auth/login', ADMIN)).status).toBe(200);
  });

  it('limits failed logins per client address too', async () => {
    const limiter = new LoginLimiter(stack.runtimes.api.redis, {
      maxFailuresPerLogin: 100,
      maxFailuresPerIp: 2,
      windowSeconds: 60,
    });
    await limiter.failed('first', '203.0.113.9');
    await limiter.failed('second', '203.0.113.9');
    await expect(limiter.check('third', '203.0.113.9')).rejects.toMatchObject({ status: 429 });
    await expect(limiter.check('third', '203.0.113.10')).resolves.toBeUndefined();
  });

  it('refuses a deactivated person at the next refresh, and at login', async () => {
    const manager = await signedInManager(api, admin.accessToken, 'leaving-manager');
    const patched = await api.patch(
      `/users/${manager.user.id}`,
      { active: false },
      { token: admin.accessToken },
    );
    expect(patched.status).toBe(200);
    const refresh = await api.post('/auth/refresh', { refreshToken: manager.tokens.refreshToken });
    expect(expectProblem(refresh, 401, 'unauthorized').detail).toMatch(/deactivated/);
    expectProblem(
      await api.post('/auth/login', { login: 'leaving-manager', password: manager.password }),
      401,
      'unauthorized',
    );
  });
});

describe('roles', () => {
  let manager: Awaited<ReturnType<typeof signedInManager>>;
  beforeAll(async () => {
    manager = await signedInManager(api, admin.accessToken, 'role-manager');
  });

  it('keeps bot settings admin-only', async () => {
    const response = await api.put(
      '/settings/telegram',
      { botToken: '123:abc' },
      { token: manager.tokens.accessToken },
    );
    expect(expectProblem(response, 403, 'forbidden').detail).toMatch(/role manager/);
    expectProblem(await api.get('/audit', { token: manager.tokens.accessToken }), 403, 'forbidden');
  });

  it("refuses a manager's change of another staff member, allows a client's", async () => {
    const response = await api.patch(
      `/users/${admin.user.id}`,
      { displayName: 'Hacked' },
      { token: manager.tokens.accessToken },
    );
    expectProblem(response, 403, 'forbidden');
    expect(
      (await api.get<User>(`/users/${admin.user.id}`, { token: admin.accessToken })).body.displayName,
    ).not.toBe('Hacked');

    const client = await createUser(api, manager.tokens.accessToken, {
      role: 'client',
      name: 'Client of a manager',
    });
    expect(client.managerId).toBe(manager.user.id);
    const renamed = await api.patch<User>(
      `/users/${client.id}`,
      { displayName: 'Renamed client' },
      {
        token: manager.tokens.accessToken,
      },
    );
    expect(renamed.body).toMatchObject({ displayName: 'Renamed client', name: 'Renamed client' });
    // …but may not promote them.
    expectProblem(
      await api.patch(`/users/${client.id}`, { role: 'admin' }, { token: manager.tokens.accessToken }),
      403,
      'forbidden',
    );
  });

  it('lets managers create and invite clients only', async () => {
    const token = manager.tokens.accessToken;
    expectProblem(
      await api.post('/users', { role: 'technician', name: 'Tech' }, { token }),
      403,
      'forbidden',
    );
    expectProblem(await api.post('/invites', { role: 'admin' }, { token }), 403, 'forbidden');
    expect((await api.post('/invites', { role: 'client' }, { token })).status).toBe(201);
    expectProblem(await api.get('/invites/join-link?role=technician', { token }), 403, 'forbidden');
  });

  it('stops an admin from deactivating their own account', async () => {
    const response = await api.patch(
      `/users/${admin.user.id}`,
      { active: false },
      { token: admin.accessToken },
    );
    expectProblem(response, 409, 'conflict');
  });
});

describe('validation and problems', () => {
  it('names the bad fields of a malformed body', async () => {
    const response = await api.post(
      '/users',
      { role: 'king', name: '', extra: 1 },
      { token: admin.accessToken },
    );
    const problem = expectProblem(response, 400, 'validation');
    expect(problem.detail).toMatch(/body\.role: Invalid option/);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['body', 'body.name', 'body.role']);
    expect(problem.errors?.find((e) => e.field === 'body')?.message).toMatch(/extra/);
  });

  it('names bad query and path parameters', async () => {
    const query = await api.get('/users?page=0&active=maybe', { token: admin.accessToken });
    expect(
      expectProblem(query, 400, 'validation')
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['query.active', 'query.page']);
    const path = await api.get('/users/not-a-uuid', { token: admin.accessToken });
    expect(expectProblem(path, 400, 'validation').detail).toMatch(/^params\.id: /);
  });

  it('passes on a service refusal as a problem naming the field', async () => {
    const body = { role: 'manager', name: 'Twin', login: ADMIN.login, password: 'long enough password' };
    const response = await api.post('/users', body, { token: admin.accessToken });
    const problem = expectProblem(response, 409, 'conflict');
    expect(problem.detail).toMatch(/taken/);
    const unknown = await api.get('/users/01900000-0000-7000-8000-000000000000', {
      token: admin.accessToken,
    });
    expectProblem(unknown, 404, 'not-found');
  });

  it('answers malformed JSON, a wrong media type and a too large body with problems', async () => {
    const token = admin.accessToken;
    const malformed = await api.call('POST', '/users', {
      token,
      rawBody: '{"role": "client",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(malformed, 400, 'malformed-json');
    const text = await api.call('POST', '/users', {
      token,
      rawBody: 'role=client',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(text, 415, 'unsupported-media-type');
    const huge = await api.call('POST', '/users', {
      token,
      rawBody: JSON.stringify({ role: 'client', name: 'x'.repeat(1_100_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(huge, 413, 'payload-too-large');
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expectProblem(await api.get('/nothing-here', { token: admin.accessToken }), 404, 'not-found');
    expectProblem(await api.get('/api/elsewhere'), 404, 'not-found');
    const wrongMethod = await api.delete('/users', { token: admin.accessToken });
    expectProblem(wrongMethod, 405, 'method-not-allowed');
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, HEAD');
  });
});

describe('people', () => {
  it('creates, lists with filters and pages, reads and renames people', async () => {
    const token = admin.accessToken;
    const tech = await createUser(api, token, {
      role: 'technician',
      name: 'Tariq Paging',
      phone: '+1 555 0101',
    });
    expect(tech).toMatchObject({ role: 'technician', active: true, telegramId: null, name: 'Tariq Paging' });
    for (const name of ['Paging Client A', 'Paging Client B', 'Paging Client C']) {
      await createUser(api, token, { role: 'client', name, email: `${name.at(-1)}@example.com` });
    }

    type Page = { items: User[]; total: number; page: number; pageSize: number };
    const first = await api.get<Page>('/users?role=client&q=Paging&pageSize=2', { token });
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await api.get<Page>('/users?role=client&q=Paging&pageSize=2&page=2', { token });
    expect(second.body.items).toHaveLength(1);
    const names = [...first.body.items, ...second.body.items].map((u) => u.name).sort();
    expect(names).toEqual(['Paging Client A', 'Paging Client B', 'Paging Client C']);

    const techs = await api.get<Page>('/users?role=technician&active=true&q=Tariq', { token });
    expect(techs.body.items.map((u) => u.id)).toEqual([tech.id]);

    const renamed = await api.patch<User>(`/users/${tech.id}`, { displayName: 'Tariq the Tech' }, { token });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ displayName: 'Tariq the Tech', name: 'Tariq the Tech' });
    expect((await api.get<User>(`/users/${tech.id}`, { token })).body.name).toBe('Tariq the Tech');

    await api.patch(`/users/${tech.id}`, { active: false }, { token });
    const inactive = await api.get<Page>('/users?active=false&q=Tariq', { token });
    expect(inactive.body.items.map((u) => u.id)).toEqual([tech.id]);
  });

  it("sets a person's language (ru | en | null), visible in the user view", async () => {
    const token = admin.accessToken;
    const tech = await createUser(api, token, { role: 'technician', name: 'Lingo Tech' });
    expect(tech).toMatchObject({ language: null, languageCode: null });
    const chosen = await api.patch<User>(`/users/${tech.id}`, { language: 'en' }, { token });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body.language).toBe('en');
    expect((await api.get<User>(`/users/${tech.id}`, { token })).body.language).toBe('en');
    const problem = expectProblem(
      await api.patch(`/users/${tech.id}`, { language: 'de' }, { token }),
      400,
      'validation',
    );
    expect(problem.errors?.map((error) => error.field)).toEqual(['body.language']);
    const cleared = await api.patch<User>(`/users/${tech.id}`, { language: null }, { token });
    expect(cleared.body.language).toBeNull();
  });

  it('refuses an empty patch', async () => {
    const response = await api.patch(`/users/${admin.user.id}`, {}, { token: admin.accessToken });
    expect(expectProblem(response, 400, 'validation').detail).toMatch(/at least one field/);
  });
});

describe('OpenAPI document', () => {
  it('is generated from the route registry and lists every route', async () => {
    const response = await api.get<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; security: unknown[]; responses: Record<string, unknown> }>
      >;
      components: { schemas: Record<string, unknown> };
    }>('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(ROUTES.length);
    for (const route of ROUTES) {
      const operation = document.paths[openApiPath(route.path)]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toMatchObject({ operationId: route.id });
      const isPublic = 'public' in route.access;
      expect(operation?.security).toEqual(isPublic ? [] : expect.arrayContaining([{ bearer: [] }]));
      if (!isPublic) expect(operation?.responses).toHaveProperty('403');
    }
    expect(document.components.schemas).toHaveProperty('Problem');
    expect(document.components.schemas).toHaveProperty('User');
    const createUser = document.paths['/users']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(createUser.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['role', 'name', 'login', 'password']),
    );
  });
});
