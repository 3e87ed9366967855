// Invoices and the detailed event report through the REST API (issue 6: S0-11, S0-12), against
// the real identity, task, invoice and audit services.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv, waitFor } from '@fieldgram/testkit';
import type { Invoice, Task, User } from '@fieldgram/contracts';
import { ADMIN } from './support/api-stack.js';
import { startInvoiceStack, type InvoiceStack } from './support/invoice-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { createUser, expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';

const env = useTestEnv('api-invoices');
let stack: InvoiceStack;
let api: ApiClient;
let admin: Tokens;
let manager: Tokens;
let technician: User;
/** A task the technician first rejected with a reason, then took and completed. */
let completed: Task;
const since = new Date(Date.now() - 60_000).toISOString();

const TITLE = 'Замена смесителя на кухне';
const REASON = 'Слишком далеко ехать';

/** The text of a PDF, as Debian's poppler-utils extracts it. */
function pdfText(bytes: Buffer): string {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: bytes });
  expect(result.status, result.stderr.toString()).toBe(0);
  return result.stdout.toString('utf8');
}

async function createTask(title: string): Promise<Task> {
  const response = await api.post<Task>(
    '/tasks',
    {
      title,
      area: 'Центральный район',
      client: { name: 'Иван Петров', phone: '+7 900 123-45-67', address: 'ул. Ленина, д. 5' },
      assigneeId: technician.id,
    },
    { token: admin.accessToken },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A RUB draft for the completed task, one line of `unitPrice` kopecks. */
async function createInvoice(description: string, unitPrice: number): Promise<Invoice> {
  const created = await api.post<Invoice>(
    '/invoices',
    { taskId: completed.id, items: [{ description, quantity: 1, unitPrice }], currency: 'RUB' },
    { token: admin.accessToken },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** What conversation sends when the technician taps a button in the bot. */
const technicianActor = () => ({
  actor: { kind: 'user', userId: technician.id, role: 'technician' } as const,
});

beforeAll(async () => {
  stack = await startInvoiceStack(env());
  api = apiClient(stack.baseUrl);
  admin = await login(api, ADMIN);
  manager = (await signedInManager(api, admin.accessToken, 'invoice-manager')).tokens;
  technician = await createUser(api, admin.accessToken, { role: 'technician', name: 'Сергей Мастеров' });
  // The technician connects Telegram: the bot's /start reaches identity with the link's token.
  const link = await api.post<{ link: string }>(`/users/${technician.id}/telegram-link`, undefined, {
    token: admin.accessToken,
  });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  const registered = await stack.rpc.request('identity.register-from-telegram', {
    profile: { telegramId: 880_001, firstName: 'Сергей' },
    startPayload: new URL(link.body.link).searchParams.get('start') ?? '',
  });
  expect(registered).toMatchObject({ outcome: 'linked', user: { id: technician.id, telegramId: 880_001 } });

  const token = admin.accessToken;
  const task = await createTask(TITLE);
  await api.post(`/tasks/${task.id}/send`, undefined, { token });
  await stack.rpc.request(
    'task.reject',
    { taskId: task.id, technicianId: technician.id, reason: REASON },
    technicianActor(),
  );
  await api.post(`/tasks/${task.id}/send`, undefined, { token });
  await stack.rpc.request('task.accept', { taskId: task.id, technicianId: technician.id }, technicianActor());
  await api.post(`/tasks/${task.id}/client-info`, undefined, { token });
  const done = await api.post<Task>(`/tasks/${task.id}/complete`, undefined, { token });
  expect(done.body.status, JSON.stringify(done.body)).toBe('completed');
  completed = done.body;
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('invoices', () => {
  let invoice: Invoice;

  it('bill a completed task: create, list, get, PDF, send (pending), paid', async () => {
    const token = admin.accessToken;
    const created = await api.post<Invoice>(
      '/invoices',
      {
        taskId: completed.id,
        items: [
          { description: 'Смеситель', quantity: 1, unitPrice: 4_500_00 },
          { description: 'Работа, часы', quantity: 1.5, unitPrice: 1_200_00 },
        ],
        currency: 'RUB',
        taxRate: 20,
        dueDate: '2099-12-31',
      },
      { token },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    invoice = created.body;
    expect(invoice).toMatchObject({
      taskId: completed.id,
      status: 'draft',
      currency: 'RUB',
      subtotal: 6_300_00,
      tax: 1_260_00,
      total: 7_560_00,
    });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d+$/);

    const listed = await api.get<{ items: Invoice[]; total: number }>(
      `/invoices?taskId=${completed.id}&status=draft&page=1`,
      { token },
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((item) => item.id)).toEqual([invoice.id]);

    const fetched = await api.get<Invoice>(`/invoices/${invoice.id}`, { token });
    expect(fetched.body).toMatchObject({ id: invoice.id, number: invoice.number, items: invoice.items });

    const pdf = await api.get(`/invoices/${invoice.id}/pdf`, { token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}.pdf"`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf.bytes)).toContain(invoice.number);
    // The caller chose no language and has no Telegram: the organization's (ru), unless asked.
    expect(pdfText(pdf.bytes)).toContain(`Счёт ${invoice.number}`);
    const english = await api.get(`/invoices/${invoice.id}/pdf?lang=en`, { token });
    expect(english.status).toBe(200);
    expect(pdfText(english.bytes)).toContain(`Invoice ${invoice.number}`);
    expectProblem(await api.get(`/invoices/${invoice.id}/pdf?lang=de`, { token }), 400, 'validation');

    const sent = await api.post<Invoice>(`/invoices/${invoice.id}/send`, undefined, { token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'pending' });
    expect(sent.body.sentAt).not.toBeNull();

    const paid = await api.post<Invoice>(`/invoices/${invoice.id}/status`, { status: 'paid' }, { token });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid' });
    expect(paid.body.paidAt).not.toBeNull();
  });

  it("renders the PDF in the caller's chosen language; both languages' copies stay", async () => {
    const token = admin.accessToken;
    const { id, number } = await createInvoice('Выезд мастера', 1_500_00);
    const russian = pdfText((await api.get(`/invoices/${id}/pdf`, { token })).bytes);
    expect(russian).toContain(`Счёт ${number}`);
    expect(russian).toMatch(/1\s500,00\s₽/);

    const me = (await api.patch<User>(`/users/${admin.user.id}`, { language: 'en' }, { token })).body;
    expect(me.language).toBe('en');
    try {
      const english = pdfText((await api.get(`/invoices/${id}/pdf`, { token })).bytes);
      expect(english).toContain(`Invoice ${number}`);
      expect(english).toContain('Total due');
      expect(english).toMatch(/1,500\.00/);
      // The Russian copy was not overwritten by the English one.
      expect(pdfText((await api.get(`/invoices/${id}/pdf?lang=ru`, { token })).bytes)).toBe(russian);
    } finally {
      await api.patch(`/users/${admin.user.id}`, { language: null }, { token });
    }
  });

  it('refuses a task that is not completed: 409 with the service’s reason', async () => {
    const open = await createTask('Не завершённая задача');
    const problem = expectProblem(
      await api.post(
        '/invoices',
        { taskId: open.id, items: [{ description: 'x', quantity: 1, unitPrice: 100 }], currency: 'RUB' },
        { token: admin.accessToken },
      ),
      409,
      'conflict',
    );
    expect(problem.detail).toMatch(/not completed/);
  });

  it('names the field of a negative quantity or an unknown currency: 400', async () => {
    const problem = expectProblem(
      await api.post(
        '/invoices',
        {
          taskId: completed.id,
          items: [{ description: 'Смеситель', quantity: -1, unitPrice: 100 }],
          currency: 'XXX',
        },
        { token: admin.accessToken },
      ),
      400,
      'validation',
    );
    expect(problem.errors?.map((error) => error.field).sort()).toEqual([
      'body.currency',
      'body.items.0.quantity',
    ]);
  });

  it('is for admins only; a deleted invoice is gone (204, then 404)', async () => {
    const token = admin.accessToken;
    expectProblem(await api.get('/invoices', { token: manager.accessToken }), 403, 'forbidden');
    const created = await createInvoice('Выезд', 500_00);
    const deleted = await api.delete(`/invoices/${created.id}`, { token });
    expect(deleted.status).toBe(204);
    expectProblem(await api.get(`/invoices/${created.id}`, { token }), 404, 'not-found');
  });

  it('the detailed report (S0-12) as CSV and PDF: the task, the answers, the invoice, the status history', async () => {
    const token = admin.accessToken;
    const query = `from=${encodeURIComponent(since)}&subject=task:${completed.id}`;
    // The journal fills in from the bus: wait for the invoice's last step.
    await waitFor(
      async () => {
        const report = await api.get<{ rows: { type: string }[] }>(`/reports/events?${query}`, { token });
        return report.body.rows?.some((row) => row.type === 'invoice.status-changed');
      },
      { message: 'the journal to hold the invoice being paid', timeoutMs: 15_000 },
    );

    const csv = await api.get(`/reports/events?${query}&format=csv`, { token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="events-.*\.csv"$/);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFTime (UTC),Event,Subject,Actor,Summary,Journal id\r\n')).toBe(true);
    expect(text).toContain(`Task #${completed.number} «${TITLE}» rejected by Сергей Мастеров: ${REASON}`);
    expect(text).toContain(`Invoice ${invoice.number} (total 7560.00 RUB) created`);
    expect(text).toContain(`Invoice ${invoice.number} (total 7560.00 RUB) status pending → paid`);
    expect(text).toContain(`Task #${completed.number} «${TITLE}» completed`);
    expect(text).toMatch(/,invoice\.status-changed,task:[^,]+,[^,]+ \(admin\),/);

    const pdf = await api.get(`/reports/events?${query}&format=pdf`, { token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Table cells wrap: compare the text with its whitespace squeezed.
    const printed = pdfText(pdf.bytes).replace(/\s+/g, ' ');
    expect(printed).toContain('Event report');
    expect(printed).toContain(TITLE);
    expect(printed).toContain(REASON);
    expect(printed).toContain(invoice.number);
    expect(printed).toContain('status pending -> paid');
  });
});
