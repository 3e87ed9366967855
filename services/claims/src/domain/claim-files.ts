import type { ClaimFile } from '@fieldgram/contracts';

/** The same photo sent twice is one file of the claim (Telegram's file_unique_id names it). */
export function distinctFiles(files: readonly ClaimFile[]): ClaimFile[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    if (seen.has(file.fileUniqueId)) return false;
    seen.add(file.fileUniqueId);
    return true;
  });
}

/**
 * Where a file's copy is kept: `claims/<number>/<position>-<file_unique_id>.<ext>`, the same on
 * every try, so a repeated copy overwrites itself. Only characters object keys allow.
 */
export function storageKeyOf(claimNumber: string, position: number, file: ClaimFile): string {
  const name = file.fileUniqueId.replace(/[^A-Za-z0-9_-]/g, '_');
  return `claims/${claimNumber}/${position + 1}-${name}.${extensionOf(file)}`;
}

/** Telegram sends photos as JPEG; a document keeps its type. */
export function contentTypeOf(file: Pick<ClaimFile, 'kind' | 'mimeType'>): string {
  if (file.kind === 'photo') return 'image/jpeg';
  return file.mimeType ?? 'application/octet-stream';
}

function extensionOf(file: ClaimFile): string {
  const named = /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName ?? '')?.[1];
  if (named) return named.toLowerCase();
  return file.kind === 'photo' ? 'jpg' : 'bin';
}
