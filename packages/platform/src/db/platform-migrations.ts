import type { Knex } from 'knex';
import type { Migration } from './migrate.js';
import { outboxChannel } from '../outbox/outbox-channel.js';

/** Tables every service has in its own schema: the outbox and the inbox (DESIGN §3). */
export function platformMigrations(schema: string): Migration[] {
  return [
    {
      name: '0001_outbox',
      async up(knex: Knex) {
        await knex.schema.withSchema(schema).createTable('fg_outbox', (table) => {
          table.bigIncrements('seq').primary();
          table.uuid('message_id').notNullable().unique();
          table.text('exchange').notNullable();
          table.text('routing_key').notNullable();
          table.text('partition_key');
          table.jsonb('envelope').notNullable();
          table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
          table.timestamp('published_at', { useTz: true });
        });
        // The relay only ever looks for what is still unpublished, in order.
        await knex.raw(
          'create index fg_outbox_unpublished on ??.fg_outbox (seq) where published_at is null',
          [schema],
        );
        await knex.raw(
          'create index fg_outbox_published_at on ??.fg_outbox (published_at) where published_at is not null',
          [schema],
        );
        // Wakes the relay on commit (NOTIFY is delivered only when the transaction commits).
        await knex.raw(
          `create function ??.fg_outbox_notify() returns trigger language plpgsql as $$
           begin perform pg_notify('${outboxChannel(schema)}', ''); return null; end $$`,
          [schema],
        );
        await knex.raw(
          `create trigger fg_outbox_notify after insert on ??.fg_outbox
           for each statement execute function ??.fg_outbox_notify()`,
          [schema, schema],
        );
      },
      async down(knex: Knex) {
        await knex.schema.withSchema(schema).dropTable('fg_outbox');
        await knex.raw('drop function if exists ??.fg_outbox_notify()', [schema]);
      },
    },
    {
      name: '0002_inbox',
      async up(knex: Knex) {
        await knex.schema.withSchema(schema).createTable('fg_inbox', (table) => {
          table.text('consumer').notNullable();
          table.uuid('message_id').notNullable();
          table.timestamp('processed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
          table.primary(['consumer', 'message_id']);
          table.index(['processed_at']);
        });
      },
      async down(knex: Knex) {
        await knex.schema.withSchema(schema).dropTable('fg_inbox');
      },
    },
  ];
}
