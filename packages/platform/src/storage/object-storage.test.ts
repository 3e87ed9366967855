import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDirectoryStorage } from './object-storage.js';

const root = await mkdtemp(path.join(tmpdir(), 'fg-storage-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('LocalDirectoryStorage', () => {
  const storage = new LocalDirectoryStorage(root);

  it('stores and returns bytes with their content type', async () => {
    await storage.put('photos/task-42/a.jpg', Buffer.from([1, 2, 3]), 'image/jpeg');
    expect(await storage.get('photos/task-42/a.jpg')).toEqual({
      bytes: Buffer.from([1, 2, 3]),
      contentType: 'image/jpeg',
    });
  });

  it('answers undefined for a missing object', async () => {
    expect(await storage.get('photos/none.jpg')).toBeUndefined();
  });

  it('refuses keys that could escape the directory', async () => {
    await expect(storage.put('../etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toThrow(
      /invalid object key/,
    );
    await expect(storage.get('/abs')).rejects.toThrow(/invalid object key/);
  });
});
