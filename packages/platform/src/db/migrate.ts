import type { Knex } from 'knex';
import type { ServiceDatabase } from './database.js';
import { platformMigrations } from './platform-migrations.js';

export interface Migration {
  name: string;
  up: (knex: Knex) => Promise<void>;
  down?: (knex: Knex) => Promise<void>;
}

interface MigrationModule {
  up: (knex: Knex) => Promise<void>;
  down?: (knex: Knex) => Promise<void>;
}

/**
 * A service's migrations, from its `migrations/index.ts`: each file's module under its file name
 * (the name knex records), run in name order. Imported statically rather than read from the
 * folder at run time, so a compiled bundle carries them (issue 15).
 */
export function migrationList(modules: Record<string, Partial<MigrationModule>>): Migration[] {
  return Object.entries(modules)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, module]) => {
      if (typeof module.up !== 'function') throw new Error(`migration ${name} exports no up() function`);
      return { name, up: module.up, down: module.down };
    });
}

class ListMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly migrations: Migration[]) {}
  getMigrations(): Promise<Migration[]> {
    return Promise.resolve(this.migrations);
  }
  getMigrationName(migration: Migration): string {
    return migration.name;
  }
  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({ up: migration.up, down: migration.down ?? (() => Promise.resolve()) });
  }
}

/**
 * Brings a service's schema up to date: the platform's own tables (outbox, inbox) first, in a
 * migration table of their own, then the service's migrations. Safe to run from several
 * instances at once: knex holds a lock while migrating.
 */
export async function migrateDatabase(db: ServiceDatabase, migrations: Migration[]): Promise<string[]> {
  await db.knex.raw('create schema if not exists ??', [db.schema]);
  const applied: string[] = [];
  for (const [tableName, list] of [
    ['fg_platform_migrations', platformMigrations(db.schema)],
    ['knex_migrations', migrations],
  ] as const) {
    const [, names] = (await db.knex.migrate.latest({
      schemaName: db.schema,
      tableName,
      migrationSource: new ListMigrationSource(list),
    })) as [number, string[]];
    applied.push(...names);
  }
  return applied;
}
