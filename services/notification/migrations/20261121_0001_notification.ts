import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The feed: what each person was told (S0-13), read or not.
  await knex.schema.createTable('feed_items', (table) => {
    table.uuid('id').primary(); // UUIDv7
    table.text('recipient_id').notNullable();
    table.text('type').notNullable(); // the event that caused it
    table.text('subject'); // user:<id>, task:<id>
    table.text('text').notNullable();
    table.boolean('sound').notNullable();
    table.jsonb('actions').notNullable().defaultTo('[]');
    table.text('rule_id').notNullable();
    table.uuid('event_id').notNullable(); // the envelope it was made from
    table.timestamp('read_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index feed_items_recipient on feed_items (recipient_id, created_at desc, id desc)');
  await knex.raw('create index feed_items_unread on feed_items (recipient_id) where read_at is null');

  // The delivery log (S2-03): recipient, message, type, reference, status, sent_at, error.
  await knex.schema.createTable('deliveries', (table) => {
    table.uuid('id').primary(); // UUIDv7; a Telegram delivery's tg.out key is `notification:<id>`
    table.uuid('feed_item_id').references('id').inTable('feed_items');
    table.text('recipient_id').notNullable();
    table.enu('channel', ['feed', 'telegram']).notNullable();
    table.bigInteger('chat_id'); // Telegram only
    table.text('message').notNullable();
    table.text('type').notNullable();
    table.text('reference');
    table.enu('status', ['pending', 'sent', 'failed']).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('sent_at', { useTz: true });
    table.text('error');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['feed_item_id']);
    table.index(['recipient_id', 'created_at']);
  });
  await knex.raw(`create index deliveries_pending on deliveries (created_at) where status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deliveries');
  await knex.schema.dropTable('feed_items');
}
