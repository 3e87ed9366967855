// S1-01 through the REST API: every client has one manager; an admin reassigns
// (PUT /users/:id/manager), lists a manager's clients (GET /users?managerId=), and a manager with
// active clients cannot be deactivated (409 saying how many). Ownership (issue 14): a manager sees
// their own clients and themselves; another manager's client is not found for them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import type { User } from '@fieldgram/contracts';
import { ADMIN, startApiStack, type ApiStack } from './support/api-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

type Page = { items: User[]; total: number; page: number; pageSize: number };

const env = useTestEnv('api-managers');
let stack: ApiStack;
let api: ApiClient;
let admin: Tokens;
let anna: Awaited<ReturnType<typeof signedInManager>>;
let boris: Awaited<ReturnType<typeof signedInManager>>;
let annas: User[];
let boriss: User;

beforeAll(async () => {
  stack = await startApiStack(env());
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
  anna = await signedInManager(api, admin.accessToken, 'anna-manager');
  boris = await signedInManager(api, admin.accessToken, 'boris-manager');
  annas = [];
  for (const name of ['Client One', 'Client Two', 'Client Three'])
    annas.push(await createUser(api, admin.accessToken, { role: 'client', name, managerId: anna.user.id }));
  boriss = await createUser(api, admin.accessToken, {
    role: 'client',
    name: 'Client Of Boris',
    managerId: boris.user.id,
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe('a client’s manager (S1-01)', () => {
  it('is given by the rule to a client an admin adds without one', async () => {
    // Anna has three, Boris one: Boris has the fewest.
    const added = await createUser(api, admin.accessToken, { role: 'client', name: 'Ruled Client' });
    expect(added.managerId).toBe(boris.user.id);
  });

  it('is reassigned by an admin with PUT /users/:id/manager', async () => {
    const token = admin.accessToken;
    const moved = await api.put<User>(
      `/users/${annas[2]!.id}/manager`,
      { managerId: boris.user.id },
      { token },
    );
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ id: annas[2]!.id, managerId: boris.user.id });
    expect((await api.get<User>(`/users/${annas[2]!.id}`, { token })).body.managerId).toBe(boris.user.id);
    // Back to Anna for the tests below.
    await api.put(`/users/${annas[2]!.id}/manager`, { managerId: anna.user.id }, { token });

    const notAManager = expectProblem(
      await api.put(`/users/${annas[0]!.id}/manager`, { managerId: annas[1]!.id }, { token }),
      400,
      'validation',
    );
    expect(notAManager.errors?.map((error) => error.field)).toEqual(['body.managerId']);
    expectProblem(
      await api.put(
        '/users/01900000-0000-7000-8000-000000000000/manager',
        { managerId: anna.user.id },
        { token },
      ),
      404,
      'not-found',
    );
  });

  it('is not reassigned by a manager: 403, on any route', async () => {
    const token = anna.tokens.accessToken;
    expectProblem(
      await api.put(`/users/${annas[0]!.id}/manager`, { managerId: boris.user.id }, { token }),
      403,
      'forbidden',
    );
    expectProblem(
      await api.patch(`/users/${annas[0]!.id}`, { managerId: boris.user.id }, { token }),
      403,
      'forbidden',
    );
    expect((await api.get<User>(`/users/${annas[0]!.id}`, { token })).body.managerId).toBe(anna.user.id);
  });

  it('keeps a manager with active clients from being deactivated: 409 saying how many', async () => {
    const response = await api.patch(
      `/users/${anna.user.id}`,
      { active: false },
      { token: admin.accessToken },
    );
    const problem = expectProblem(response, 409, 'conflict');
    expect(problem.detail).toContain('3 active clients');
    expect(problem.detail).toContain('PUT /users/{id}/manager');
  });
});

describe("a manager's clients: GET /users?managerId= (S1-01)", () => {
  it('pages them for an admin, with q', async () => {
    const token = admin.accessToken;
    const first = await api.get<Page>(`/users?managerId=${anna.user.id}&pageSize=2`, { token });
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.body.items.map((user) => user.id)).toEqual([annas[2]!.id, annas[1]!.id]);
    const second = await api.get<Page>(`/users?managerId=${anna.user.id}&pageSize=2&page=2`, { token });
    expect(second.body.items.map((user) => user.id)).toEqual([annas[0]!.id]);
    const searched = await api.get<Page>(`/users?managerId=${anna.user.id}&q=two`, { token });
    expect(searched.body.items.map((user) => user.id)).toEqual([annas[1]!.id]);
    expectProblem(await api.get('/users?managerId=anna', { token }), 400, 'validation');
  });

  it("shows a manager only their own clients and themselves; another's client is not found", async () => {
    const token = anna.tokens.accessToken;
    const everyone = await api.get<Page>('/users?pageSize=100', { token });
    expect(everyone.body.items.map((user) => user.id).sort()).toEqual(
      [anna.user.id, ...annas.map((client) => client.id)].sort(),
    );
    expect((await api.get<Page>(`/users?managerId=${boris.user.id}`, { token })).body.total).toBe(0);
    expect((await api.get<Page>(`/users?managerId=${anna.user.id}&q=three`, { token })).body.total).toBe(1);

    expect((await api.get(`/users/${annas[0]!.id}`, { token })).status).toBe(200);
    expectProblem(await api.get(`/users/${boriss.id}`, { token }), 404, 'not-found');
    expectProblem(
      await api.patch(`/users/${boriss.id}`, { displayName: 'Mine now' }, { token }),
      404,
      'not-found',
    );
    expectProblem(await api.get(`/users/${boriss.id}/telegram`, { token }), 404, 'not-found');
    expectProblem(
      await api.post(`/users/${boriss.id}/telegram-link`, undefined, { token }),
      404,
      'not-found',
    );
    // The same answer as for nobody at all.
    const nobody = await api.get('/users/01900000-0000-7000-8000-000000000000', { token });
    expect(nobody.status).toBe(404);
  });
});
