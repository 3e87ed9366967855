// What a failed logistics chaos run needs looking at: the services' logs (killed processes' too)
// and every person's chat, written into a new directory.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChatSession } from '@fieldgram/telegram-sandbox';
import type { ServiceLogs } from './chaos-evidence.js';

export function writeLogisticsEvidence(logs: ServiceLogs, chats: readonly ChatSession[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fg-logistics-chaos-'));
  mkdirSync(path.join(dir, 'logs'));
  for (const [index, { name, lines }] of logs.all().entries())
    writeFileSync(path.join(dir, 'logs', `${name.replace('#', '-')}.${index}.log`), `${lines.join('\n')}\n`);
  const transcript = chats.map((chat) => ({
    person: chat.user.firstName,
    events: chat.sandbox.chatLog(chat.botToken, chat.user.id).map((event) => ({
      seq: event.seq,
      at: new Date(event.at).toISOString(),
      kind: event.kind,
      method: event.method,
      text: event.message?.text ?? event.message?.caption ?? event.params.text,
      document: event.message?.document?.file_name,
      photo: event.message?.photo?.at(-1)?.file_unique_id,
      group: event.message?.media_group_id,
      data: event.params.data,
    })),
  }));
  writeFileSync(path.join(dir, 'chats.json'), JSON.stringify(transcript, null, 1));
  return dir;
}
