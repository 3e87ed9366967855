// Technician dispatch and the task report through the REST API (issue 5: S0-06…S0-10, S0-12),
// against the real task and identity services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import type { Task, TaskSummary, User } from '@fieldgram/contracts';
import { ADMIN } from './support/api-stack.js';
import { startTaskStack, type TaskStack } from './support/task-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

const env = useTestEnv('api-tasks');
let stack: TaskStack;
let api: ApiClient;
let admin: Tokens;
let manager: Tokens;
let technician: User;
let otherTechnician: User;

const newTask = (overrides: Record<string, unknown> = {}) => ({
  title: 'Fix the boiler',
  description: 'Makes a knocking noise',
  area: 'Центральный район',
  scheduledAt: '2026-03-02T10:00:00+03:00',
  client: { name: 'Иван Петров', phone: '+7 900 123-45-67', address: 'ул. Ленина, д. 5, кв. 12' },
  ...overrides,
});

async function createTask(overrides: Record<string, unknown> = {}): Promise<Task> {
  const response = await api.post<Task>('/tasks', newTask(overrides), { token: admin.accessToken });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** What conversation sends when the technician taps Accept in the bot. */
const acceptAs = (who: User, taskId: string) =>
  stack.rpc.request(
    'task.accept',
    { taskId, technicianId: who.id },
    { actor: { kind: 'user', userId: who.id, role: 'technician' } },
  );

beforeAll(async () => {
  stack = await startTaskStack(env());
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
  manager = (await signedInManager(api, admin.accessToken, 'task-manager')).tokens;
  technician = await createUser(api, admin.accessToken, { role: 'technician', name: 'Сергей Мастеров' });
  otherTechnician = await createUser(api, admin.accessToken, { role: 'technician', name: 'Tom Fixer' });
});
afterAll(async () => {
  await stack?.stop();
});

describe('dispatching a task', () => {
  it('goes create → assign → send → accept → client info → complete, with the full history', async () => {
    const token = admin.accessToken;
    const created = await createTask();
    expect(created).toMatchObject({ status: 'new', assigneeId: null, area: 'Центральный район' });
    expect(created.client).toEqual({
      name: 'Иван Петров',
      phone: '+7 900 123-45-67',
      address: 'ул. Ленина, д. 5, кв. 12',
      notes: null,
    });

    const assigned = await api.post<Task>(
      `/tasks/${created.id}/assign`,
      { technicianId: technician.id },
      { token },
    );
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'new', assigneeId: technician.id });

    const sent = await api.post<Task>(`/tasks/${created.id}/send`, undefined, { token });
    expect(sent.body).toMatchObject({ status: 'sent' });

    await expect(acceptAs(technician, created.id)).resolves.toMatchObject({ status: 'accepted' });

    const released = await api.post<Task>(`/tasks/${created.id}/client-info`, undefined, { token });
    expect(released.body).toMatchObject({ status: 'client_info_sent' });

    const completed = await api.post<Task>(`/tasks/${created.id}/complete`, undefined, { token });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);

    const fetched = await api.get<Task>(`/tasks/${created.id}`, { token });
    expect(fetched.body.status).toBe('completed');
    expect(fetched.body.history.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
      ['create', null, 'new'],
      ['assign', 'new', 'new'],
      ['send', 'new', 'sent'],
      ['accept', 'sent', 'accepted'],
      ['release-client-info', 'accepted', 'client_info_sent'],
      ['complete', 'client_info_sent', 'completed'],
    ]);
    // The acting admin went as the request's actor; the acceptance is the technician's.
    const by = Object.fromEntries(fetched.body.history.map((entry) => [entry.action, entry.byUserId]));
    expect(by).toMatchObject({ create: admin.user.id, send: admin.user.id, accept: technician.id });
  });

  it('refuses to send a task with no assignee: 409 saying why', async () => {
    const task = await createTask();
    const problem = expectProblem(
      await api.post(`/tasks/${task.id}/send`, undefined, { token: admin.accessToken }),
      409,
      'conflict',
    );
    expect(problem.detail).toMatch(/the task has no assignee/);
  });

  it('refuses to complete a task that was never accepted: 409 saying why', async () => {
    const task = await createTask({ assigneeId: technician.id });
    await api.post(`/tasks/${task.id}/send`, undefined, { token: admin.accessToken });
    const problem = expectProblem(
      await api.post(`/tasks/${task.id}/complete`, undefined, { token: admin.accessToken }),
      409,
      'conflict',
    );
    expect(problem.detail).toMatch(/never accepted/);
  });

  it('changes the status by hand with a reason, and deletes softly', async () => {
    const task = await createTask();
    const changed = await api.post<Task>(
      `/tasks/${task.id}/status`,
      { status: 'cancelled', reason: 'the client called it off' },
      { token: admin.accessToken },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.status).toBe('cancelled');
    expect(changed.body.history.at(-1)).toMatchObject({
      to: 'cancelled',
      reason: 'the client called it off',
    });

    expect((await api.delete(`/tasks/${task.id}`, { token: admin.accessToken })).status).toBe(204);
    expectProblem(await api.get(`/tasks/${task.id}`, { token: admin.accessToken }), 404, 'not-found');
  });

  it('edits a task and lists tasks by status, technician and text', async () => {
    const task = await createTask({ title: 'Replace the water heater', assigneeId: otherTechnician.id });
    const patched = await api.patch<Task>(
      `/tasks/${task.id}`,
      { area: 'Северный район', description: null },
      { token: admin.accessToken },
    );
    expect(patched.body).toMatchObject({ area: 'Северный район', description: null });

    const listed = await api.get<{ items: TaskSummary[]; total: number }>(
      `/tasks?technicianId=${otherTechnician.id}&status=new&q=heater&pageSize=5`,
      { token: manager.accessToken },
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toEqual([task.id]);
    expect(listed.body.items[0]).not.toHaveProperty('client');
  });
});

describe('roles and validation', () => {
  it('lets managers read tasks but not dispatch them', async () => {
    const task = await createTask();
    expect((await api.get(`/tasks/${task.id}`, { token: manager.accessToken })).status).toBe(200);
    expectProblem(await api.post('/tasks', newTask(), { token: manager.accessToken }), 403, 'forbidden');
    expectProblem(
      await api.post(`/tasks/${task.id}/send`, undefined, { token: manager.accessToken }),
      403,
      'forbidden',
    );
    expectProblem(await api.get('/reports/tasks', { token: manager.accessToken }), 403, 'forbidden');
  });

  it('answers a bad body with a 400 naming the field', async () => {
    const problem = expectProblem(
      await api.post('/tasks', newTask({ client: { name: 'A', phone: '1', address: 'x' } }), {
        token: admin.accessToken,
      }),
      400,
      'validation',
    );
    expect(problem.errors?.map((error) => error.field)).toEqual(['body.client.phone']);

    const task = await createTask();
    const noReason = expectProblem(
      await api.post(`/tasks/${task.id}/status`, { status: 'cancelled' }, { token: admin.accessToken }),
      400,
      'validation',
    );
    expect(noReason.errors?.map((error) => error.field)).toEqual(['body.reason']);
  });

  it('refuses a technician id that is not an active technician, naming the field', async () => {
    const task = await createTask();
    const problem = expectProblem(
      await api.post(
        `/tasks/${task.id}/assign`,
        { technicianId: manager.user.id },
        { token: admin.accessToken },
      ),
      400,
      'validation',
    );
    expect(problem.errors?.[0]?.field).toBe('body.technicianId');
    const onCreate = expectProblem(
      await api.post('/tasks', newTask({ assigneeId: manager.user.id }), { token: admin.accessToken }),
      400,
      'validation',
    );
    expect(onCreate.errors?.[0]?.field).toBe('body.assigneeId');
  });
});

describe('the task report', () => {
  it('exports CSV for Excel: BOM, header row, RFC 4180 quoting, a file name with the period', async () => {
    const task = await createTask({ title: 'Kitchen, "urgent"', assigneeId: technician.id });
    await api.post(
      `/tasks/${task.id}/status`,
      { status: 'cancelled', reason: 'клиент отменил,\nперезвонит' },
      { token: admin.accessToken },
    );
    const today = new Date().toISOString().slice(0, 10);
    const response = await api.get(`/reports/tasks?from=${today}&to=${today}&format=csv`, {
      token: admin.accessToken,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="tasks-${today}-${today}.csv"`,
    );
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = response.bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      'Task,Title,Area,Current status,Technician,Created,At,Action,From,To,By,Reason,Task id',
    );
    expect(text).toContain(
      `${task.number},"Kitchen, ""urgent""",Центральный район,cancelled,Сергей Мастеров,`,
    );
    expect(text).toContain(
      `,change-status,new,cancelled,${admin.user.name},"клиент отменил,\nперезвонит",${task.id}\r\n`,
    );
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('answers JSON rows filtered by technician, with names', async () => {
    const task = await createTask({ assigneeId: otherTechnician.id });
    const response = await api.get<{ rows: Record<string, unknown>[] }>(
      `/reports/tasks?technicianId=${otherTechnician.id}`,
      { token: admin.accessToken },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.rows.length).toBeGreaterThan(0);
    expect(response.body.rows.every((row) => row.assigneeId === otherTechnician.id)).toBe(true);
    expect(response.body.rows.find((row) => row.taskId === task.id)).toMatchObject({
      action: 'create',
      assigneeName: 'Tom Fixer',
      byUserName: admin.user.name,
    });
  });

  it('refuses a period that ends before it starts', async () => {
    const problem = expectProblem(
      await api.get('/reports/tasks?from=2026-02-01&to=2026-01-01', { token: admin.accessToken }),
      400,
      'validation',
    );
    expect(problem.errors?.[0]?.field).toBe('query.from');
  });
});
