// Issue 15: migrations are imported statically (a compiled bundle carries them), so each
// `migrations/index.ts` must list every file of its folder under the file's own name.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Migration } from '@fieldgram/platform';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDERS = [
  ...readdirSync(path.join(ROOT, 'services')).map((name) => path.join('services', name, 'migrations')),
  path.join('packages', 'platform', 'test', 'example-service', 'migrations'),
].filter((folder) => {
  try {
    return readdirSync(path.join(ROOT, folder)).length > 0;
  } catch {
    return false;
  }
});

describe('migration indexes', () => {
  it.each(FOLDERS)('%s/index.ts lists every migration file, in name order', async (folder) => {
    const files = readdirSync(path.join(ROOT, folder))
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.includes('.test.'))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    const index = (await import(pathToFileURL(path.join(ROOT, folder, 'index.ts')).href)) as {
      MIGRATIONS: Migration[];
    };
    expect(index.MIGRATIONS.map((migration) => migration.name)).toEqual(files);
  });
});
