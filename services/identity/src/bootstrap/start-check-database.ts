import { closeDatabase, createDatabase, type ServiceDatabase } from '@fieldgram/platform';

/**
 * Runs a check of the process entry on a one-connection pool of identity's database, before the
 * service starts (and migrates), so a bad configuration exits 78 instead of failing the start.
 */
export async function withStartCheckDatabase<T>(
  url: string,
  schema: string,
  check: (db: ServiceDatabase) => Promise<T>,
): Promise<T> {
  const db = createDatabase({ url, schema, poolMax: 1 });
  try {
    return await check(db);
  } finally {
    await closeDatabase(db);
  }
}

/** 42P01 / 3F000: no users table or no schema yet (a first start): nobody exists. */
export function isMissingSchema(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '42P01' || code === '3F000';
}
