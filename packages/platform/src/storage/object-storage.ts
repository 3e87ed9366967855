import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export interface StoredObject {
  bytes: Buffer;
  contentType: string;
}

/**
 * Files by key (DESIGN §4): a local directory by default, S3-compatible storage in production
 * (an implementation of the same interface). Keys are paths like `invoices/2026/INV-0007.pdf`.
 */
export interface ObjectStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** undefined when there is no such object. */
  get(key: string): Promise<StoredObject | undefined>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertObjectKey(key: string): void {
  if (!SAFE_KEY.test(key) || key.length > 512) {
    throw new Error(`invalid object key "${key}": use path segments of letters, digits, '.', '_' and '-'`);
  }
}

/** Objects as files under one directory; the content type is kept in a sidecar file. */
export class LocalDirectoryStorage implements ObjectStorage {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const file = this.fileOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${file}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
    await writeFile(`${file}.type`, contentType);
    await rename(temp, file);
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const file = this.fileOf(key);
    try {
      const [bytes, contentType] = await Promise.all([
        readFile(file),
        readFile(`${file}.type`, 'utf8').catch(() => 'application/octet-stream'),
      ]);
      return { bytes, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private fileOf(key: string): string {
    assertObjectKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}
