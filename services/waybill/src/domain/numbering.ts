import type { Language, WaybillStatus } from '@fieldgram/contracts';
import { yearlyNumber } from '@fieldgram/platform';

/** `WB-<year>-<seq>`, the sequence zero-padded to six digits (it grows past 999999). */
export function waybillNumber(year: number, seq: number): string {
  return yearlyNumber('WB', year, seq, 6);
}

/**
 * A number as people type it, in the form waybills are stored in: trimmed, upper case, typographic
 * dashes and spaces around them as `-` (`wb – 2026 – 000123` → `WB-2026-000123`).
 */
export function normalizeWaybillNumber(typed: string): string {
  return typed
    .trim()
    .toUpperCase()
    .replace(/\s*[-‐‑‒–—―−]\s*/g, '-');
}

/**
 * Where a waybill's PDF in `language` lives in object storage: one file per language and per
 * content (a cancelled waybill's copy carries the stamp, so it is a file of its own). What a
 * waybill shows never changes otherwise, so a file under a key never changes either.
 */
export function pdfStorageKey(
  year: number,
  number: string,
  status: WaybillStatus,
  language: Language,
): string {
  const variant = status === 'cancelled' ? '.cancelled' : '';
  return `waybills/${year}/${number}${variant}.${language}.pdf`;
}
