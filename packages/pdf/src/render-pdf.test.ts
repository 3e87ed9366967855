import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './render-pdf.js';

const hasPdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].some((p) => existsSync(p));

describe('renderPdf', () => {
  it('renders a PDF', async () => {
    const bytes = await renderPdf({ content: ['Hello'] });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!hasPdftotext)('renders Cyrillic and Latin text that pdftotext reads back', async () => {
    const bytes = await renderPdf({
      content: [{ text: 'Счёт INV-2026-0001', bold: true }, 'Замена смесителя — 1 500,00 ₽', 'Invoice total'],
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fg-pdf-')), 'test.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Счёт INV-2026-0001');
    expect(text).toContain('Замена смесителя');
    expect(text).toContain('Invoice total');
  });
});
