import { describe, expect, it } from 'vitest';
import type { ClaimFile } from '@fieldgram/contracts';
import { contentTypeOf, distinctFiles, storageKeyOf } from './claim-files.js';

const photo: ClaimFile = { kind: 'photo', fileId: 'AgAC-1', fileUniqueId: 'AQAD-x1' };
const scan: ClaimFile = {
  kind: 'document',
  fileId: 'BQAC-2',
  fileUniqueId: 'AgAD/y2',
  fileName: 'Акт повреждения.PDF',
  mimeType: 'application/pdf',
  fileSize: 120_000,
};

describe('claim files (S1-03)', () => {
  it('the same file twice is kept once, in the order sent', () => {
    expect(distinctFiles([photo, scan, { ...photo, fileId: 'AgAC-1-again' }])).toEqual([photo, scan]);
  });

  it('copies go under the claim number, one key per file, safe for object storage', () => {
    expect(storageKeyOf('CL-2026-000045', 0, photo)).toBe('claims/CL-2026-000045/1-AQAD-x1.jpg');
    expect(storageKeyOf('CL-2026-000045', 1, scan)).toBe('claims/CL-2026-000045/2-AgAD_y2.pdf');
    expect(storageKeyOf('CL-2026-000045', 2, { ...scan, fileName: 'no extension' })).toMatch(/\.bin$/);
  });

  it('photos are JPEG; documents keep their type', () => {
    expect(contentTypeOf(photo)).toBe('image/jpeg');
    expect(contentTypeOf(scan)).toBe('application/pdf');
    expect(contentTypeOf({ kind: 'document' })).toBe('application/octet-stream');
  });
});
