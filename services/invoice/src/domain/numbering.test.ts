import { describe, expect, it } from 'vitest';
import { invoiceNumber, isOverdue, overdueAt, pdfStorageKey } from './numbering.js';
import { sendRefusal, statusChangeRefusal } from './status.js';
import { overdueJobId } from '../reminders/overdue-reminders.js';

describe('numbering', () => {
  it('pads the sequence to four digits', () => {
    expect(invoiceNumber(2026, 7)).toBe('INV-2026-0007');
    expect(invoiceNumber(2026, 12_345)).toBe('INV-2026-12345');
    // One file per language, so an English and a Russian copy never overwrite each other.
    expect(pdfStorageKey(2026, 'INV-2026-0007', 'ru')).toBe('invoices/2026/INV-2026-0007.ru.pdf');
    expect(pdfStorageKey(2026, 'INV-2026-0007', 'en')).toBe('invoices/2026/INV-2026-0007.en.pdf');
  });
});

describe('overdue', () => {
  it('is past the end of the due date, for a pending invoice only', () => {
    expect(overdueAt('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const late = new Date('2027-01-01T00:00:01Z');
    expect(isOverdue('pending', '2026-12-31', late)).toBe(true);
    expect(isOverdue('pending', '2026-12-31', new Date('2026-12-31T23:59:59Z'))).toBe(false);
    expect(isOverdue('paid', '2026-12-31', late)).toBe(false);
    expect(isOverdue('pending', null, late)).toBe(false);
  });
});

describe('statuses', () => {
  it('allows pending → paid and draft|pending → cancelled only', () => {
    expect(statusChangeRefusal('INV-1', 'pending', 'paid')).toBeNull();
    expect(statusChangeRefusal('INV-1', 'draft', 'cancelled')).toBeNull();
    expect(statusChangeRefusal('INV-1', 'pending', 'cancelled')).toBeNull();
    expect(statusChangeRefusal('INV-1', 'draft', 'paid')).toBe(
      'invoice INV-1 is draft: only a pending invoice can become paid',
    );
    expect(statusChangeRefusal('INV-1', 'paid', 'cancelled')).toBe(
      'invoice INV-1 is paid: only a draft or pending invoice can become cancelled',
    );
    expect(statusChangeRefusal('INV-1', 'paid', 'paid')).toBe('invoice INV-1 is already paid');
    expect(statusChangeRefusal('INV-1', 'draft', 'pending')).toMatch(/by being sent/);
    expect(statusChangeRefusal('INV-1', 'pending', 'draft')).toMatch(/back to draft/);
  });

  it('sends drafts and resends pending invoices', () => {
    expect(sendRefusal('INV-1', 'draft')).toBeNull();
    expect(sendRefusal('INV-1', 'pending')).toBeNull();
    expect(sendRefusal('INV-1', 'cancelled')).toMatch(/only a draft or pending/);
  });
});

describe('overdue job ids', () => {
  it('are deterministic and acceptable to BullMQ (a colon only in three parts)', () => {
    const id = overdueJobId('0199-abc', '2026-12-31');
    expect(id).toBe('overdue:0199-abc:2026-12-31');
    expect(id.split(':')).toHaveLength(3);
  });
});
