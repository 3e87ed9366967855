import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withPg, type ServiceProcess, type ServiceStack } from '@fieldgram/testkit';
import type { TelegramSandbox } from '@fieldgram/telegram-sandbox';
import type { ChaosLedger } from './chaos-ledger.js';

/** Every output line of every service process, also of the processes killed during the run. */
export class ServiceLogs {
  private readonly archived: { name: string; lines: string[] }[] = [];

  constructor(private readonly stack: ServiceStack) {}

  /** Keeps the lines of the process running `service` (or `host`), about to be killed and restarted. */
  archive(service: string): void {
    const runs = (candidate: ServiceProcess) =>
      candidate.service === service || candidate.services.some((name) => name === service);
    for (const process of this.stack.processes.filter(runs)) {
      this.archived.push({ name: process.name, lines: process.child.lines() });
    }
  }

  all(): { name: string; lines: string[] }[] {
    const live = this.stack.processes.map((process) => ({
      name: process.name,
      lines: process.child.lines(),
    }));
    return [...this.archived, ...live];
  }
}

/**
 * Writes what a failed run needs looking at into a new directory: each service's logs, the
 * technicians' chats, the ledger and bot-gateway's record of carried-out commands. Returns it.
 */
export async function writeEvidence({
  logs,
  sandbox,
  botToken,
  ledger,
  databaseUrl,
}: {
  logs: ServiceLogs;
  sandbox: TelegramSandbox;
  botToken: string;
  ledger: ChaosLedger;
  databaseUrl: string;
}): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fg-chaos-evidence-'));
  mkdirSync(path.join(dir, 'logs'));
  for (const [index, { name, lines }] of logs.all().entries()) {
    writeFileSync(path.join(dir, 'logs', `${name.replace('#', '-')}.${index}.log`), `${lines.join('\n')}\n`);
  }
  const technicians = new Set(ledger.tasks.map((task) => task.technician.user));
  const chats = [...technicians].map((user) => ({
    user: user.username,
    events: sandbox.chatLog(botToken, user.id).map((event) => ({
      seq: event.seq,
      at: new Date(event.at).toISOString(),
      kind: event.kind,
      method: event.method,
      messageId: event.messageId,
      text: event.message?.text?.slice(0, 80),
      buttons: event.message?.reply_markup?.inline_keyboard.flat().map((button) => button.callback_data),
    })),
  }));
  writeFileSync(path.join(dir, 'chats.json'), JSON.stringify(chats, null, 1));
  const tasks = ledger.tasks.map(({ technician, ...task }) => ({
    ...task,
    technician: technician.user.username,
  }));
  writeFileSync(path.join(dir, 'ledger.json'), JSON.stringify({ tasks, retries: ledger.retries }, null, 1));
  await withPg(databaseUrl, async (db) => {
    const commands = await db.query(
      'select idempotency_key, chat_id, method, status, message_id, error, created_at from bot_gateway.processed_commands order by created_at',
    );
    writeFileSync(path.join(dir, 'processed_commands.json'), JSON.stringify(commands.rows, null, 1));
    // A handler stuck in the database shows here (state, what it waits on, since when).
    const activity = await db.query(
      `select application_name, state, wait_event_type, wait_event, xact_start, state_change, left(query, 300) as query
       from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    writeFileSync(path.join(dir, 'pg_stat_activity.json'), JSON.stringify(activity.rows, null, 1));
  }).catch((error: unknown) => writeFileSync(path.join(dir, 'processed_commands.json'), String(error)));
  return dir;
}
