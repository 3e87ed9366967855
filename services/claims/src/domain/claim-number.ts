import { yearlyNumber } from '@fieldgram/platform';

/** `CL-2026-000045`: the year of filing (UTC) and its sequence, no gaps (DESIGN §4). */
export function claimNumber(year: number, seq: number): string {
  return yearlyNumber('CL', year, seq, 6);
}
