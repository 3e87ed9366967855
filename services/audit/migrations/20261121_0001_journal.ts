import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // The journal (S0-12): one line per event, keyed by the envelope's id, so a redelivered event
  // is a no-op insert. APPEND-ONLY: lines are never updated or deleted, by code or by hand.
  await knex.schema.createTable('journal', (table) => {
    table.uuid('id').primary(); // the envelope's id
    table.text('type').notNullable();
    table.integer('version').notNullable();
    table.jsonb('actor').notNullable();
    table.text('subject'); // user:<id>, task:<id>… (see subjectOf)
    table.jsonb('data').notNullable();
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.text('source').notNullable();
    table.text('correlation_id').notNullable();
    table.text('causation_id');
    table.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index journal_occurred on journal (occurred_at desc, id desc)');
  await knex.raw('create index journal_type on journal (type, occurred_at desc)');
  await knex.raw('create index journal_subject on journal (subject, occurred_at desc)');

  // The guarantee, enforced by the database itself: UPDATE, DELETE and TRUNCATE raise.
  await knex.raw(`
    create function journal_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit journal is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`);
  await knex.raw(`create trigger journal_no_update_or_delete before update or delete on journal
    for each row execute function journal_append_only()`);
  await knex.raw(`create trigger journal_no_truncate before truncate on journal
    for each statement execute function journal_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('journal');
  await knex.raw('drop function if exists journal_append_only()');
}
