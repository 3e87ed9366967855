import type { Parsed, WizardText } from '../../wizard/definition.js';

/** The longest waybill number the claims contract takes. */
const MAX_NUMBER = 40;
/** Our own numbers however typed: `wb 2026 000123`, `WB-2026-000123`, `wb2026000123`. */
const OURS = /^wb[-\s]?(\d{4})[-\s]?(\d{6})$/iu;

/**
 * The waybill a claim is about, typed (S1-03): one of ours in its canonical form
 * (`WB-2026-000123`), or any other number as typed (a waybill made outside the bot, which the
 * manager sees flagged "not found"): one line of up to 40 characters.
 */
export function waybillNumberAnswer(error: WizardText) {
  return (text: string): Parsed => {
    const value = text.trim().replace(/\s+/g, ' ');
    if (value === '' || value.length > MAX_NUMBER) return { ok: false, error };
    const ours = OURS.exec(value);
    return { ok: true, value: ours ? `WB-${ours[1]}-${ours[2]}` : value };
  };
}
