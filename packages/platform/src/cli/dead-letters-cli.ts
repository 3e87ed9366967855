#!/usr/bin/env -S node --import tsx
/**
 * fg-dlq: list and replay messages parked in `<queue>.dead`.
 *   fg-dlq list <queue> [--limit N] [--json]
 *   fg-dlq replay <queue> (--all | --id <messageId> [--id …])
 * Connects to AMQP_URL (default amqp://guest:guest@127.0.0.1:5672).
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { BusConnection } from '../bus/connection.js';
import { listDeadLetters, replayDeadLetters, resolveDeadQueue } from '../bus/dead-letters.js';

const USAGE = `usage:
  fg-dlq list <queue> [--limit N] [--json]
  fg-dlq replay <queue> (--all | --id <messageId> [--id <messageId> ...])
<queue> is the consumer's queue (e.g. notification.events) or its dead queue (….dead).
Connects to AMQP_URL (default amqp://guest:guest@127.0.0.1:5672).`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      limit: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      id: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, queue] = positionals;
  if (values.help || !command || !queue || !['list', 'replay'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    process.stderr.write(`--limit must be a positive whole number, got "${values.limit}"\n`);
    return 2;
  }
  if (command === 'replay' && !values.all && !values.id?.length) {
    process.stderr.write('replay needs --all or at least one --id <messageId>\n');
    return 2;
  }

  const connection = await BusConnection.open({
    url: process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    name: 'fg-dlq',
    logger: pino({ level: 'silent' }),
    initialMaxRetries: 2,
  });
  try {
    if (command === 'list') {
      const letters = await listDeadLetters(connection, queue, limit);
      if (values.json) process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
      else printTable(resolveDeadQueue(queue), letters);
    } else {
      const { replayed, remaining } = await replayDeadLetters(
        connection,
        queue,
        values.all ? {} : { messageIds: values.id ?? [] },
      );
      for (const letter of replayed)
        process.stdout.write(`replayed ${letter.messageId} (${letter.type}) → ${letter.queue}\n`);
      process.stdout.write(`${replayed.length} replayed, ${remaining} left in ${resolveDeadQueue(queue)}\n`);
      if (values.id?.length && replayed.length < values.id.length) {
        process.stderr.write('some of the given ids were not found in the dead queue\n');
        return 1;
      }
    }
    return 0;
  } finally {
    await connection.close();
  }
}

function printTable(deadQueue: string, letters: Awaited<ReturnType<typeof listDeadLetters>>): void {
  if (letters.length === 0) {
    process.stdout.write(`${deadQueue} is empty\n`);
    return;
  }
  process.stdout.write(`${letters.length} parked in ${deadQueue}:\n`);
  for (const letter of letters) {
    process.stdout.write(
      `#${letter.position} ${letter.messageId ?? '-'} ${letter.type ?? '-'} attempts=${letter.attempts ?? '-'} ` +
        `at=${letter.deadAt ?? '-'}\n    error: ${letter.error ?? '-'}\n`,
    );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fg-dlq: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
