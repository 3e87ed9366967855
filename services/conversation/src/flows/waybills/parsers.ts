import type { Parsed, WizardText } from '../../wizard/definition.js';
import { numberAnswer, textAnswer } from '../../wizard/answers.js';

/**
 * The waybill form's typed answers (S1-02), within the bounds the waybill contract checks again:
 * the cargo in words, the weight in kg, the dimensions in cm, exact addresses.
 */

export const cargoAnswer = (error: WizardText) => textAnswer(error, 500);

/** Kilograms, above 0, up to 100 t, to the gram: `12,5`, `12.5`, `12.5 kg`, `12,5 кг`. */
export function weightAnswer(error: WizardText) {
  const kg = numberAnswer(error, { min: 0.001, max: 100_000, decimals: 3 });
  return (text: string): Parsed => kg(text.trim().replace(/\s*(?:kg|кг)\.?$/iu, ''));
}

/** Dimensions, each above 0 and up to 100 m, kept in centimetres to the millimetre. */
export interface Size {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

/** Centimetres in one unit people write dimensions in (centimetres by default). */
const CM_PER_UNIT: Record<string, number> = { см: 1, cm: 1, м: 100, m: 100, мм: 0.1, mm: 0.1 };
const UNIT = /\s*(см|cm|мм|mm|м|m)\.?$/u;
/** Latin x, the multiplication sign, the Cyrillic х, an asterisk. */
const BY = /\s*[x×х*]\s*/u;
const DECIMAL = /^\d+(?:[.,]\d+)?$/;
const MAX_CM = 10_000;

/**
 * L×W×H as typed: `120x80x60`, `120*80*60`, `120 × 80 × 60 см`, `1.2x0.8x0.6 м`, `1,2х0,8х0,6 m`
 * → the canonical `120x80x60` (centimetres), which `readSize` reads back.
 */
export function sizeAnswer(error: WizardText) {
  return (text: string): Parsed => {
    let rest = text.trim().toLowerCase();
    const unit = UNIT.exec(rest);
    const factor = unit ? CM_PER_UNIT[unit[1]!]! : 1;
    if (unit) rest = rest.slice(0, unit.index);
    const parts = rest.split(BY);
    if (parts.length !== 3 || !parts.every((part) => DECIMAL.test(part))) return { ok: false, error };
    const cm = parts.map((part) => Math.round(Number(part.replace(',', '.')) * factor * 10) / 10);
    if (!cm.every((value) => value > 0 && value <= MAX_CM)) return { ok: false, error };
    return { ok: true, value: cm.join('x') };
  };
}

/** The canonical `LxWxH` (cm) back as numbers; undefined if it is not one. */
export function readSize(canonical: unknown): Size | undefined {
  if (typeof canonical !== 'string') return undefined;
  const [lengthCm, widthCm, heightCm, ...more] = canonical.split('x').map(Number);
  if (more.length > 0 || [lengthCm, widthCm, heightCm].some((n) => n === undefined || !(n > 0)))
    return undefined;
  return { lengthCm: lengthCm!, widthCm: widthCm!, heightCm: heightCm! };
}

/** An exact address: at least a street and a building, so letters and a number, 5–500 characters. */
export function addressAnswer(error: WizardText) {
  const words = textAnswer(error, 500);
  return (text: string): Parsed => {
    const parsed = words(text.replace(/\s+/g, ' '));
    if (!parsed.ok || typeof parsed.value !== 'string') return parsed;
    const exact = parsed.value.length >= 5 && /\p{L}/u.test(parsed.value) && /\d/.test(parsed.value);
    return exact ? parsed : { ok: false, error };
  };
}
