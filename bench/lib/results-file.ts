import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ratio, type BenchResult } from './report.js';

const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');

/** Writes a suite's results to `bench/results/<suite>-<ISO time>.json`; returns the path. */
export async function writeResults(
  suite: string,
  startedAt: Date,
  durationMs: number,
  results: readonly BenchResult[],
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${suite}-${isoBasic(startedAt)}.json`);
  const document = {
    suite,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs),
    host: { node: process.version, platform: process.platform, cpus: os.cpus().length },
    results: results.map((result) => ({
      ...result,
      figures: result.figures.map((figure) => ({ ...figure, ratio: ratio(figure) })),
    })),
  };
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

/** ISO 8601 basic format (20250101T120000Z): no colons, so safe in a file name everywhere. */
function isoBasic(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
