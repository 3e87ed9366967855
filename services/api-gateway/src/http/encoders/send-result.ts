import type { Response } from 'express';
import type { z } from 'zod';
import type { AnyRoute, CsvDownload, FileDownload, PdfDownload } from '../route.js';
import { sendCsv, sendFile, sendPdf } from './downloads.js';

/**
 * Encodes a handler's result as its route declares: JSON shaped by the response schema (an answer
 * outside it is a bug, a 500), a table as JSON, CSV or PDF, a PNG, a PDF, a stored file, nothing,
 * or a stream the handler already owns.
 */
export function sendResult(route: AnyRoute, response: Response, result: unknown): void {
  const spec = route.response;
  switch (spec.kind) {
    case 'json':
      response.status(spec.status).json(shaped(route, spec.schema, result));
      return;
    case 'table': {
      const download = result as { json: unknown } | CsvDownload | PdfDownload;
      if ('pdf' in download) sendPdf(response, download);
      else if ('csv' in download) sendCsv(response, download);
      else response.status(200).json(shaped(route, spec.schema, download.json));
      return;
    }
    case 'png':
      response.status(200).type('image/png').send(result);
      return;
    case 'pdf':
      sendPdf(response, result as PdfDownload);
      return;
    case 'file':
      sendFile(response, result as FileDownload);
      return;
    case 'empty':
      response.status(204).end();
      return;
    case 'sse':
      return; // the handler owns the open stream
  }
}

function shaped(route: AnyRoute, schema: z.ZodType, result: unknown): unknown {
  const parsed = schema.safeParse(result);
  if (!parsed.success) {
    throw new Error(`route ${route.id} answered outside its response schema: ${parsed.error.message}`);
  }
  return parsed.data;
}
