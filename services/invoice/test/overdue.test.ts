// An unpaid invoice past its due date reminds the admins once; a paid one does not (BullMQ).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv, type EventTap } from '@fieldgram/testkit';
import { startServices, type InvoiceCaller, type Services } from './support/harness.js';

const env = useTestEnv('invoice-overdue');
const DELAY_MS = 800;
let services: Services;
let caller: InvoiceCaller;
let events: EventTap;
let ivan: string;

beforeAll(async () => {
  services = await startServices(env(), { INVOICE_OVERDUE_DELAY_MS: String(DELAY_MS) });
  ({ caller, events } = services);
  ivan = await caller.technician('Ivan Tech', 700_300_400);
}, 60_000);
afterAll(async () => {
  await services?.stop();
});

const overdue = (invoiceId: string) =>
  events.ofType('invoice.overdue-detected', (d) => d.invoiceId === invoiceId);

async function sentInvoice(title: string): Promise<string> {
  const task = await caller.completedTask(title, ivan);
  const invoice = await caller.ask('invoice.create', {
    taskId: task.id,
    items: [{ description: 'Work', quantity: 1, unitPrice: 10_000 }],
    currency: 'RUB',
    dueDate: '2025-01-15',
  });
  await caller.ask('invoice.send', { invoiceId: invoice.id });
  return invoice.id;
}

describe('overdue reminders', () => {
  it('fires once for a pending invoice past its due date', async () => {
    const invoiceId = await sentInvoice('Overdue');
    // A resend schedules the same job again: still one reminder.
    await caller.ask('invoice.send', { invoiceId });
    const detected = await events.next('invoice.overdue-detected', (d) => d.invoiceId === invoiceId);
    expect(detected.data).toMatchObject({ dueDate: '2025-01-15', total: 10_000, currency: 'RUB' });
    expect(detected.actor).toEqual({ kind: 'system' });
    await sleep(DELAY_MS + 1_500);
    expect(overdue(invoiceId)).toHaveLength(1);
  });

  it('does not fire for a paid invoice', async () => {
    const invoiceId = await sentInvoice('Paid in time');
    await caller.ask('invoice.change-status', { invoiceId, status: 'paid' });
    await sleep(DELAY_MS + 1_500);
    expect(overdue(invoiceId)).toEqual([]);
  });
});
