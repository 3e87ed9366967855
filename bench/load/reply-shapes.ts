import type { ChatEvent } from '@fieldgram/telegram-sandbox';
import type { SideLabel } from './side.js';

/** A reply reduced to what must be the same on both sides: ids, numbers and counts blurred. */
interface Shape {
  method: string;
  text: string;
  markup: string;
}

export interface ShapeComparison {
  compared: number;
  identical: number;
  /** Reply kinds only one side gave (not sent to both in this run, or one side never replied). */
  unmatched: string[];
  mismatches: { shape: string; ours: Shape; baseline: Shape }[];
}

/**
 * Keeps the first reply of each kind (`join:client:ru`, `menu:❓ Help`, `accept:en`, `accept:en+`
 * for the offer's edit…) per side, to check that the baseline answers the dialog as ours does:
 * same method, same text, same keyboard.
 */
export class ReplyShapes {
  private readonly first: Record<SideLabel, Map<string, Shape>> = { ours: new Map(), baseline: new Map() };

  record(side: SideLabel, shape: string, event: ChatEvent): void {
    const seen = this.first[side];
    if (!seen.has(shape)) seen.set(shape, shapeOf(event));
  }

  compare(): ShapeComparison {
    const result: ShapeComparison = { compared: 0, identical: 0, unmatched: [], mismatches: [] };
    const keys = new Set([...this.first.ours.keys(), ...this.first.baseline.keys()]);
    for (const key of [...keys].sort()) {
      const ours = this.first.ours.get(key);
      const baseline = this.first.baseline.get(key);
      if (ours === undefined || baseline === undefined) {
        result.unmatched.push(key);
        continue;
      }
      result.compared += 1;
      if (JSON.stringify(ours) === JSON.stringify(baseline)) result.identical += 1;
      else result.mismatches.push({ shape: key, ours, baseline });
    }
    return result;
  }
}

function shapeOf(event: ChatEvent): Shape {
  const text = typeof event.params.text === 'string' ? event.params.text : (event.message?.text ?? '');
  return {
    method: event.method,
    text: blur(text)
      .split('\n')
      .filter((line, i, lines) => i === 0 || line !== lines[i - 1]) // "My tasks" lists of different lengths
      .join('\n'),
    markup: blur(canonical(parsed(event.params.reply_markup ?? null))),
  };
}

/** Markup may come as an object or as a JSON string, depending on the bot's library. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** JSON with every object's keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Task ids, numbers and user numbers differ between the sides by construction. */
function blur(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/\d+/g, '#');
}
