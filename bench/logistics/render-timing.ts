import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WaybillInput } from '@fieldgram/contracts';
import { LocalDirectoryStorage } from '@fieldgram/platform';
import { abba } from '../lib/timing.js';
import { storeWaybillPdf } from './service-pdf.js';
import { pageCount, renderWaybillPdf, waybillRecord } from './waybill-pdf.js';

/** What the bench's clients type (SAMPLE_WAYBILL), as the service stores it. */
const SAMPLE_INPUT: WaybillInput = {
  cargo: '2 boxes of books',
  weightKg: 12.5,
  lengthCm: 120,
  widthCm: 80,
  heightCm: 60,
  pickupAddress: 'Moscow, 5 Lenina St, office 12',
  deliveryAddress: 'Kazan, 10 Baumana St, 3',
  paymentMethod: 'card',
};

/** Renders per side before any is timed (pdfmake's fonts, the JIT). */
const WARMUP = 5;

export interface RenderTiming {
  /** ms per PDF: ours (the service's ensurePdf: render + store), the baseline (render only). */
  oursMs: number[];
  baselineMs: number[];
  /** Pages and bytes of one PDF (the same document on both sides). */
  pages: number;
  bytes: number;
}

/**
 * `renders` PDFs per side, one at a time in this process, alternated baseline, ours, ours,
 * baseline: the render cost itself, apart from any queueing in the rounds. Each is a new waybill
 * (a new number), so ours' storage never already has the file and skips the render.
 */
export async function timeRenders(renders: number): Promise<RenderTiming> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fg-bench-pdf-'));
  const storage = new LocalDirectoryStorage(dir);
  let seq = 0;
  const record = () => waybillRecord(SAMPLE_INPUT, 'bench-client', ++seq);
  const baselineRender = async () => {
    const start = performance.now();
    await renderWaybillPdf(record(), 'en');
    return performance.now() - start;
  };
  const oursRender = async () => {
    const waybill = record();
    const start = performance.now();
    await storeWaybillPdf(storage, waybill, seq, 'en');
    return performance.now() - start;
  };
  try {
    for (let i = 0; i < WARMUP; i++) {
      await baselineRender();
      await oursRender();
    }
    const timed = await abba(Math.ceil(renders / 2), baselineRender, oursRender);
    const sample = await renderWaybillPdf(record(), 'en');
    return { oursMs: timed.ours, baselineMs: timed.baseline, pages: pageCount(sample), bytes: sample.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
