import type { Language } from '@fieldgram/contracts';
import { yearlyNumber } from '@fieldgram/platform';

/** `INV-<year>-<seq>`, the sequence zero-padded to four digits (it grows past 9999). */
export function invoiceNumber(year: number, seq: number): string {
  return yearlyNumber('INV', year, seq, 4);
}

/** Where an invoice's PDF in `language` lives in object storage: one file per language. */
export function pdfStorageKey(year: number, number: string, language: Language): string {
  return `invoices/${year}/${number}.${language}.pdf`;
}

/** The moment an invoice due on `dueDate` (YYYY-MM-DD) becomes overdue: the end of that day, UTC. */
export function overdueAt(dueDate: string): Date {
  const end = new Date(`${dueDate}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return end;
}

/** Unpaid past the end of its due date. */
export function isOverdue(status: string, dueDate: string | null, now: Date): boolean {
  return status === 'pending' && dueDate !== null && now.getTime() >= overdueAt(dueDate).getTime();
}
