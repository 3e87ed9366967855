import pg from 'pg';

export type PgClient = pg.Client;

/** Connects a new client; the caller ends it. */
export async function connectPg(connectionString: string, connectTimeoutMs = 5_000): Promise<PgClient> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: connectTimeoutMs });
  // An idle client whose server goes away emits 'error'; unhandled, that would crash the worker.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Runs `work` with a fresh client and always ends it. */
export async function withPg<T>(
  connectionString: string,
  work: (client: PgClient) => Promise<T>,
): Promise<T> {
  const client = await connectPg(connectionString);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}
