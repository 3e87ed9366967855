import { ratio, type BenchResult } from './report.js';

const HEADER = ['benchmark', 'ours', 'baseline', 'ratio ours/baseline', 'unit'] as const;

/** One plain-text table of every figure, then one context line per bench. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.flatMap((result) =>
    result.figures.map((figure) => [
      figure.benchmark,
      formatNumber(figure.ours),
      formatNumber(figure.baseline),
      Number.isFinite(ratio(figure)) ? ratio(figure).toFixed(2) : 'n/a',
      figure.unit,
    ]),
  );
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  // Text columns left-aligned, numbers right-aligned.
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join(' | ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  const context = results.map((result) => `  ${result.name}: ${result.context}`);
  return [line(HEADER), rule, ...rows.map(line), '', ...context].join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** `min–max` of some rates, rounded: the spread behind a median. */
export function formatRange(values: readonly number[]): string {
  return `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
}
