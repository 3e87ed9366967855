import knex, { type Knex } from 'knex';
import type { Logger } from 'pino';

export interface ServiceDatabase {
  knex: Knex;
  /** The service's own Postgres schema; it never reads another's (DESIGN §4). */
  schema: string;
}

export interface DatabaseOptions {
  url: string;
  schema: string;
  poolMax?: number;
  /** Where knex's own warnings go (e.g. a pooled connection dropped by a server restart). */
  logger?: Logger;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function createDatabase(options: DatabaseOptions): ServiceDatabase {
  if (!SCHEMA_NAME.test(options.schema)) {
    throw new Error(`invalid schema name "${options.schema}": use lower-case letters, digits and _`);
  }
  const db = knex({
    client: 'pg',
    connection: { connectionString: options.url, application_name: `fieldgram-${options.schema}` },
    searchPath: [options.schema, 'public'],
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
    ...(options.logger ? { log: knexLog(options.logger) } : {}),
  });
  return { knex: db, schema: options.schema };
}

/** Throws a readable error if Postgres cannot be reached; used at start and by /readyz. */
export async function pingDatabase(db: ServiceDatabase): Promise<void> {
  await db.knex.raw('select 1');
}

export async function closeDatabase(db: ServiceDatabase): Promise<void> {
  await db.knex.destroy();
}

function knexLog(logger: Logger): Knex.Config['log'] {
  return {
    warn: (message: unknown) => logger.warn({ knex: message }, 'database warning'),
    error: (message: unknown) => logger.error({ knex: message }, 'database error'),
    deprecate: (method: string, alternative: string) =>
      logger.warn({ method, alternative }, 'knex deprecation'),
    debug: (message: unknown) => logger.debug({ knex: message }, 'database debug'),
  };
}
