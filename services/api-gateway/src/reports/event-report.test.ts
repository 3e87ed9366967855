import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '@fieldgram/contracts';
import { renderPdf } from '@fieldgram/pdf';
import { writeCsv } from '../csv/csv.js';
import {
  EVENT_REPORT_COLUMNS,
  eventReportPdf,
  formatMoney,
  peopleOf,
  reportRow,
  summarize,
} from './event-report.js';

const ANN = '0194f1a2-7c3d-7abc-8def-00000000a001';
const ADMIN = '0194f1a2-7c3d-7abc-8def-00000000a0a0';
const TASK = '0194f1a2-7c3d-7abc-8def-0123456789ab';
const names = new Map([
  [ANN, 'Анна Ли'],
  [ADMIN, 'Administrator'],
]);
const task = { taskId: TASK, number: 1042, title: 'Починить котёл', assigneeId: ANN };
const invoice = { invoiceId: 'i1', number: 'INV-2026-0007', taskId: TASK, total: 756_000, currency: 'RUB' };

function entry(type: string, data: unknown, actor: JournalEntry['actor'] = { kind: 'system' }): JournalEntry {
  return {
    id: 'j1',
    type,
    actor,
    subject: `task:${TASK}`,
    data,
    occurredAt: '2026-03-02T10:00:05.123Z',
    source: 'test',
    correlationId: 'c1',
  };
}

describe('the detailed event report (S0-12)', () => {
  it('tells task steps with the title, number, names and reasons', () => {
    expect(summarize(entry('task.created', { ...task, area: 'Север' }), names)).toBe(
      'Task #1042 «Починить котёл» created (area: Север)',
    );
    expect(summarize(entry('task.rejected', { ...task, reason: 'Далеко' }), names)).toBe(
      'Task #1042 «Починить котёл» rejected by Анна Ли: Далеко',
    );
    expect(summarize(entry('task.rejected', { ...task, reason: null }), names)).toBe(
      'Task #1042 «Починить котёл» rejected by Анна Ли: no reason given',
    );
    const change = { ...task, from: 'accepted', to: 'cancelled', action: 'change-status' };
    expect(summarize(entry('task.status-changed', { ...change, reason: 'клиент\nотменил' }), names)).toBe(
      'Task #1042 «Починить котёл» status accepted → cancelled (change-status): клиент отменил',
    );
    // Someone identity does not know keeps their id.
    expect(summarize(entry('task.accepted', task))).toBe(`Task #1042 «Починить котёл» accepted by ${ANN}`);
  });

  it('tells invoice steps with the number and the exact total', () => {
    expect(summarize(entry('invoice.created', invoice))).toBe(
      'Invoice INV-2026-0007 (total 7560.00 RUB) created',
    );
    expect(summarize(entry('invoice.sent', { ...invoice, recipientId: ANN }), names)).toBe(
      'Invoice INV-2026-0007 (total 7560.00 RUB) sent to Анна Ли',
    );
    expect(summarize(entry('invoice.status-changed', { ...invoice, from: 'pending', to: 'paid' }))).toBe(
      'Invoice INV-2026-0007 (total 7560.00 RUB) status pending → paid',
    );
    expect(formatMoney(1_234_05, 'USD')).toBe('1234.05 USD');
    expect(formatMoney(1500, 'JPY')).toBe('1500 JPY');
    expect(formatMoney(-5, 'EUR')).toBe('-0.05 EUR');
  });

  it('tells other events by their fields, without ids, in one bounded line', () => {
    expect(
      summarize(entry('user.registered', { userId: ANN, name: 'Ann', role: 'technician', telegramId: 42 })),
    ).toBe('name=Ann, role=technician');
    expect(summarize(entry('x.y', { note: 'a'.repeat(900) })).length).toBe(500);
    expect(summarize(entry('x.y', null))).toBe('');
  });

  it('names the actor with the role, and lists the people to look up', () => {
    const actor = { kind: 'user', userId: ADMIN, role: 'admin' } as const;
    const withActor = entry('task.sent', { ...task, sendCount: 2 }, actor);
    expect(peopleOf(withActor)).toEqual([ADMIN, ANN]);
    expect(reportRow(withActor, names)).toEqual({
      id: 'j1',
      at: '2026-03-02T10:00:05.123Z',
      type: 'task.sent',
      subject: `task:${TASK}`,
      actor: 'Administrator (admin)',
      summary: 'Task #1042 «Починить котёл» sent to Анна Ли (send #2)',
    });
    expect(reportRow(entry('invoice.overdue-detected', { ...invoice, dueDate: '2026-03-01' })).actor).toBe(
      'system',
    );
  });

  it('writes CSV rows and a landscape PDF with the header row repeated', async () => {
    const rows = [reportRow(entry('invoice.created', invoice))];
    expect(writeCsv(EVENT_REPORT_COLUMNS, rows)).toBe(
      'Time (UTC),Event,Subject,Actor,Summary,Journal id\r\n' +
        `2026-03-02T10:00:05.123Z,invoice.created,task:${TASK},system,Invoice INV-2026-0007 (total 7560.00 RUB) created,j1\r\n`,
    );
    const definition = eventReportPdf(rows, {
      period: '2026-03-01 — 2026-03-31',
      filters: [],
      generatedAt: '2026-04-01T00:00:00Z',
    });
    expect(definition).toMatchObject({ pageSize: 'A4', pageOrientation: 'landscape' });
    expect(JSON.stringify(definition.content)).toContain('"headerRows":1');
    const bytes = await renderPdf(definition);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const empty = eventReportPdf([], { period: 'x', filters: [], generatedAt: '2026-04-01T00:00:00Z' });
    expect(JSON.stringify(empty.content)).toContain('Nothing happened in this period.');
  });
});
