import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Migrations of a service: one file per migration in its `migrations/` folder, run in name order. */
export async function loadMigrationDirectory(directory: string): Promise<Migration[]> {
  const files = (await readdir(directory))
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts') && !file.includes('.test.'))
    .sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(directory, file)).href)) as Partial<MigrationModule>;
    if (typeof module.up !== 'function') throw new Error(`migration ${file} exports no up() function`);
    migrations.push({ name: file.replace(/\.(ts|js|mjs)$/, ''), up: module.up, down: module.down });
  }
  return migrations;
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
