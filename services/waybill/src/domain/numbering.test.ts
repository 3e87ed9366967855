import { describe, expect, it } from 'vitest';
import { normalizeWaybillNumber, pdfStorageKey, waybillNumber } from './numbering.js';

describe('S1-02 waybill numbers', () => {
  it('are WB-<year>-<six digits>, growing past them', () => {
    expect(waybillNumber(2026, 123)).toBe('WB-2026-000123');
    expect(waybillNumber(2027, 1)).toBe('WB-2027-000001');
    expect(waybillNumber(2026, 1_234_567)).toBe('WB-2026-1234567');
  });

  it('are found as people type them: any case, spaces and typographic dashes', () => {
    expect(normalizeWaybillNumber('  wb-2026-000123 ')).toBe('WB-2026-000123');
    expect(normalizeWaybillNumber('Wb – 2026 — 000123')).toBe('WB-2026-000123');
    expect(normalizeWaybillNumber('WB-2026-000123')).toBe('WB-2026-000123');
  });

  it('keep one PDF per language and per content (a cancelled copy is a file of its own)', () => {
    expect(pdfStorageKey(2026, 'WB-2026-000123', 'created', 'ru')).toBe(
      'waybills/2026/WB-2026-000123.ru.pdf',
    );
    expect(pdfStorageKey(2026, 'WB-2026-000123', 'created', 'en')).toBe(
      'waybills/2026/WB-2026-000123.en.pdf',
    );
    expect(pdfStorageKey(2026, 'WB-2026-000123', 'cancelled', 'ru')).toBe(
      'waybills/2026/WB-2026-000123.cancelled.ru.pdf',
    );
  });
});
