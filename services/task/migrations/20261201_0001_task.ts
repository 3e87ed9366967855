import type { Knex } from 'knex';

const STATUSES = ['new', 'sent', 'accepted', 'rejected', 'client_info_sent', 'completed', 'cancelled'];

export async function up(knex: Knex): Promise<void> {
  // What people see (#1042): a sequence, gap-free enough (a rolled-back insert skips a number).
  await knex.raw('create sequence task_number_seq start 1');
  await knex.schema.createTable('tasks', (table) => {
    table.uuid('id').primary();
    table.integer('number').notNullable().unique().defaultTo(knex.raw("nextval('task_number_seq')"));
    table.text('title').notNullable();
    table.text('description');
    /** The public location: an area, never the exact address. */
    table.text('area').notNullable();
    table.timestamp('scheduled_at', { useTz: true });
    /** Sensitive: name, phone, exact address, notes (S0-07, S0-09). */
    table.jsonb('client').notNullable();
    table.text('status').notNullable().checkIn(STATUSES);
    table.uuid('assignee_id');
    /** How many times the task was sent (resends count up); keys offers and reminder jobs. */
    table.integer('send_count').notNullable().defaultTo(0);
    /** The send count a reminder / an escalation was emitted for: a re-run job emits nothing twice. */
    table.integer('reminded_send_count');
    table.integer('escalated_send_count');
    table.timestamp('deleted_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'create index tasks_live_created on tasks (created_at desc, id desc) where deleted_at is null',
  );
  await knex.raw('create index tasks_assignee on tasks (assignee_id, status) where deleted_at is null');

  // The status history (S0-12): every action, who fired it, from and to, and why.
  await knex.schema.createTable('task_history', (table) => {
    table.bigIncrements('id').primary();
    table.uuid('task_id').notNullable().references('id').inTable('tasks');
    table.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.text('by_user_id');
    table.text('action').notNullable();
    table.text('from').checkIn(STATUSES);
    table.text('to').notNullable().checkIn(STATUSES);
    table.text('reason');
    table.uuid('assignee_id');
    table.index(['task_id', 'id']);
    table.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('task_history');
  await knex.schema.dropTable('tasks');
  await knex.raw('drop sequence task_number_seq');
}
