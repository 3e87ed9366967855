import type { Response } from 'express';
import type { CsvDownload, FileDownload, PdfDownload } from '../route.js';

// The byte order mark makes Excel read the file as UTF-8 (Cyrillic names, ₽).
const UTF8_BOM = '\uFEFF';

export function sendCsv(response: Response, download: CsvDownload): void {
  response
    .status(200)
    .set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(download.filename),
    })
    .send(`${UTF8_BOM}${download.csv}`);
}

export function sendPdf(response: Response, download: PdfDownload): void {
  response
    .status(200)
    .set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': contentDisposition(download.filename, download.disposition),
    })
    .send(download.pdf);
}

/** A stored file as it was kept; browsers must not guess another type from its bytes. */
export function sendFile(response: Response, download: FileDownload): void {
  response
    .status(200)
    .set({
      'Content-Type': download.contentType,
      'Content-Disposition': contentDisposition(download.filename, download.disposition),
      'X-Content-Type-Options': 'nosniff',
    })
    .send(download.bytes);
}

/** `attachment; filename="…"`, with an RFC 5987 `filename*` when the name is not plain ASCII. */
export function contentDisposition(
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const ascii = filename.replace(/[^\x20-\x7E]|["\\]/g, '_');
  return ascii === filename
    ? `${disposition}; filename="${filename}"`
    : `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
