import type { Parsed, WizardText } from './definition.js';

/** Parsers for the usual kinds of typed answer; `error` says what is expected, with an example. */

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/** A number ("12.5"; a comma reads as the decimal point, as Russian users write it), within bounds. */
export function numberAnswer(error: WizardText, bounds: { min?: number; max?: number } = {}) {
  return (text: string): Parsed => {
    const compact = text.replace(/\s+/g, '');
    const value = NUMBER.test(compact) ? Number(compact.replace(',', '.')) : Number.NaN;
    const inBounds = value >= (bounds.min ?? -Infinity) && value <= (bounds.max ?? Infinity);
    return Number.isFinite(value) && inBounds ? { ok: true, value } : { ok: false, error };
  };
}

/** Free text in words: not empty, at most `max` characters. */
export function textAnswer(error: WizardText, max = 500) {
  return (text: string): Parsed => {
    const value = text.trim();
    return value !== '' && value.length <= max ? { ok: true, value } : { ok: false, error };
  };
}
