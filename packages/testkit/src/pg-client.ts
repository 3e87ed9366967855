import { createRequire } from 'node:module';

/**
 * The slice of pg's `Client` that testkit uses. testkit has no @types/pg of its own (only
 * packages/platform lists it), so the shape is declared here instead of importing `any`.
 */
export interface PgClient {
  connect(): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
}

const pg = createRequire(import.meta.url)('pg') as PgModule;

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
