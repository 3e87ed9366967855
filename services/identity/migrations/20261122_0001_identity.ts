import type { Knex } from 'knex';

const ROLES = ['admin', 'manager', 'technician', 'workshop', 'client'];

export async function up(knex: Knex): Promise<void> {
  // People (S0-03, S3-06, S3-07): never deleted, only deactivated.
  await knex.schema.createTable('users', (table) => {
    table.uuid('id').primary();
    table.bigInteger('telegram_id').unique();
    table.text('username');
    table.text('first_name');
    table.text('last_name');
    table.text('language_code');
    table.text('phone');
    table.text('email');
    /** The name staff set; what staff and clients see (S3-07). */
    table.text('display_name');
    table.text('role').notNullable().checkIn(ROLES);
    table.boolean('active').notNullable().defaultTo(true);
    table.uuid('manager_id').references('id').inTable('users');
    /** REST login of staff, kept as typed; unique case-insensitively (index below). */
    table.text('login');
    /** `scrypt$N$r$p$salt$key` */
    table.text('password_hash');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.check('password_hash is null or login is not null', [], 'users_password_needs_login');
  });
  await knex.raw('create unique index users_login_unique on users (lower(login)) where login is not null');
  await knex.raw('create index users_created_at on users (created_at desc, id desc)');
  await knex.raw('create index users_role_created_at on users (role, created_at desc)');
  await knex.raw('create index users_manager on users (manager_id) where manager_id is not null');

  // Deep-link invites deciding the role on joining (S0-02); `standing` = the one join link per role.
  await knex.schema.createTable('invites', (table) => {
    table.uuid('id').primary();
    table.text('token').notNullable().unique();
    table.text('role').notNullable().checkIn(ROLES);
    table.integer('max_uses').checkPositive();
    table.integer('uses').notNullable().defaultTo(0);
    table.timestamp('expires_at', { useTz: true });
    table.boolean('standing').notNullable().defaultTo(false);
    table.text('created_by');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create unique index invites_standing_role on invites (role) where standing');

  // One-time tokens attaching a Telegram account to an existing person (S2-01, S2-02): hash only.
  await knex.schema.createTable('telegram_links', (table) => {
    table.uuid('id').primary();
    table.text('token_hash').notNullable().unique();
    table.uuid('user_id').notNullable().references('id').inTable('users');
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('used_at', { useTz: true });
    table.bigInteger('used_by_telegram_id');
    table.text('created_by');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['telegram_links', 'invites', 'users']) await knex.schema.dropTable(table);
}
