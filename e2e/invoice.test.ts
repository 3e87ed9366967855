// Issue 6, end to end: an invoice for a completed task, delivered as a PDF through the bot (S0-11…S0-13).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, useTestEnv, waitFor } from '@fieldgram/testkit';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { ADMIN, startStack, type Stack } from './support/stack.js';

const env = useTestEnv('e2e-invoice');
let stack: Stack;
let admin: ApiClient;
let feed: Awaited<ReturnType<ApiClient['openNotificationStream']>>;

function pdfText(bytes: Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'fg-e2e-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  stack = await startStack(env());
  admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
  feed = await admin.openNotificationStream();
});
afterAll(async () => {
  feed?.close();
  await stack?.stop();
});

async function completedTask(
  title: string,
  technician = { firstName: 'Anton', username: 'anton_inv', languageCode: 'ru' },
) {
  const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
  const tech = stack.sandbox.createUser(technician);
  await tech.sendCommand(stack.bot.token, 'start', new URL(link).searchParams.get('start')!);
  const techId = await waitFor(
    async () =>
      (
        (await admin.call('GET', `/users?q=${technician.username}`)).body as {
          items: { id: string }[];
        }
      ).items[0]?.id,
    { message: 'technician registered' },
  );
  const task = (
    await admin.call('POST', '/tasks', {
      title,
      area: 'Центр',
      client: { name: 'Клиент', phone: '+79000000000', address: 'Адрес 1' },
    })
  ).body as { id: string; number: number };
  await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: techId });
  await admin.call('POST', `/tasks/${task.id}/send`);
  return { tech, task };
}

/** Walks a sent task to completed as the admin (the bot path is in dispatch.test.ts). */
async function completeByAdmin(taskId: string): Promise<void> {
  await admin.call('POST', `/tasks/${taskId}/status`, { status: 'accepted', reason: 'accepted by phone' });
  await admin.call('POST', `/tasks/${taskId}/client-info`);
  expect((await admin.call('POST', `/tasks/${taskId}/complete`)).status).toBe(200);
}

/** Sends the invoice through the bot: the document the technician got, its caption and its text. */
async function sendInvoice(invoiceId: string, tech: SandboxUser) {
  expect((await admin.call('POST', `/invoices/${invoiceId}/send`)).status).toBe(200);
  const document = await stack.sandbox.waitForEvent(
    stack.bot.token,
    tech.id,
    (e) => e.method === 'sendDocument',
    { timeoutMs: 15_000 },
  );
  return {
    caption: document.message?.caption,
    text: pdfText(stack.sandbox.fileBytes(document.message!.document!.file_id)!),
  };
}

describe('invoices', () => {
  it('a completed task is billed; the technician receives the PDF; pending → paid; the admin is told', async () => {
    const { tech, task } = await completedTask('Замена смесителя на кухне');
    // Not yet billable; then walked to completed by the admin (the bot path is in dispatch.test.ts).
    const notCompleted = await admin.call('POST', '/invoices', {
      taskId: task.id,
      items: [{ description: 'x', quantity: 1, unitPrice: 100 }],
      currency: 'RUB',
    });
    expect(notCompleted.status).toBe(409);
    expect(JSON.stringify(notCompleted.body)).toMatch(/not completed/);
    await completeByAdmin(task.id);

    const created = await admin.call('POST', '/invoices', {
      taskId: task.id,
      currency: 'RUB',
      taxRate: 20,
      items: [
        { description: 'Работа мастера', quantity: 1.5, unitPrice: 120000 },
        { description: 'Смеситель Grohe', quantity: 1, unitPrice: 899900 },
      ],
    });
    expect(created.status).toBe(201);
    const invoice = created.body as {
      id: string;
      number: string;
      total: number;
      subtotal: number;
      tax: number;
      status: string;
    };
    expect(invoice).toMatchObject({ subtotal: 1_079_900, tax: 215_980, total: 1_295_880, status: 'draft' });
    expect(invoice.number).toMatch(/^INV-\d{4}-\d{4}$/);

    const { caption, text } = await sendInvoice(invoice.id, tech);
    expect(caption).toContain(invoice.number);
    for (const expected of [invoice.number, 'Замена смесителя на кухне', 'Работа мастера', 'Смеситель Grohe'])
      expect(text).toContain(expected);
    expect(text.replace(/\s/g, '')).toMatch(/12958,80|12,958\.80/);
    expect(((await admin.call('GET', `/invoices/${invoice.id}`)).body as { status: string }).status).toBe(
      'pending',
    );

    expect((await admin.call('POST', `/invoices/${invoice.id}/status`, { status: 'paid' })).status).toBe(200);
    await waitFor(() => feed.items.filter((i) => String(i.text).includes(invoice.number)).length >= 3, {
      message: 'created, sent and status-changed notifications',
    });
  });

  it('a technician whose Telegram speaks English gets the PDF and its caption in English (a ru organization)', async () => {
    const technician = { firstName: 'Jim', username: 'jim_inv', languageCode: 'en' };
    const { tech, task } = await completedTask('Fix the tap', technician);
    await completeByAdmin(task.id);
    const invoice = (
      await admin.call('POST', '/invoices', {
        taskId: task.id,
        currency: 'RUB',
        items: [{ description: 'Labour', quantity: 1, unitPrice: 250000 }],
      })
    ).body as { id: string; number: string };
    const { caption, text } = await sendInvoice(invoice.id, tech);
    expect(caption).toBe(`Invoice ${invoice.number}: 2,500.00\u00a0₽`);
    for (const expected of [`Invoice ${invoice.number}`, 'Fix the tap', 'Labour', 'Total due'])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/Счёт|Всего к оплате/);
    // The admin (no language of their own) downloads it in the organization's language.
    const download = await fetch(`${stack.apiUrl}/invoices/${invoice.id}/pdf`, {
      headers: { authorization: `Bearer ${admin.token ?? ''}` },
    });
    expect(pdfText(Buffer.from(await download.arrayBuffer()))).toContain(`Счёт ${invoice.number}`);
  });

  it('refuses a negative quantity or an unknown currency with 400 naming the field', async () => {
    const negative = await admin.call('POST', '/invoices', {
      taskId: '01a1fe02-6be4-777f-a815-e17bf3f2cf17',
      items: [{ description: 'x', quantity: -1, unitPrice: 100 }],
      currency: 'RUB',
    });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('items.0.quantity');
    const currency = await admin.call('POST', '/invoices', {
      taskId: '01a1fe02-6be4-777f-a815-e17bf3f2cf17',
      items: [{ description: 'x', quantity: 1, unitPrice: 100 }],
      currency: 'XXX',
    });
    expect(currency.status).toBe(400);
    expect(JSON.stringify(currency.body)).toContain('currency');
  });
});
