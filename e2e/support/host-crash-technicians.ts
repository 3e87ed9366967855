// The dispatch side of the host crash run, before the crashes: technicians join through their
// link, and a calibration client joins, so the judge knows how many replies a /start gets.
import { sleep, waitFor } from '@fieldgram/testkit';
import type { SandboxUser, TelegramSandbox } from '@fieldgram/telegram-sandbox';
import type { Technician } from './chaos-ledger.js';
import type { ChaosApi } from './chaos-rest.js';
import type { WelcomeCounts } from './chaos-verdict.js';

export interface WarmUpOptions {
  sandbox: TelegramSandbox;
  botToken: string;
  api: ChaosApi;
  runId: string;
  technicians: number;
}

export interface WarmedUp {
  technicians: Technician[];
  /** The technicians' join-link payload, for the load's technician joins. */
  payload: string;
  welcome: WelcomeCounts;
}

export async function warmUpTechnicians(options: WarmUpOptions): Promise<WarmedUp> {
  const { sandbox, botToken, api, runId } = options;
  const { link } = await api.get<{ link: string }>('/invites/join-link?role=technician');
  const payload = new URL(link).searchParams.get('start') ?? '';
  const users = Array.from({ length: options.technicians }, (_, i) =>
    sandbox.createUser({ firstName: `Tech${i}`, username: `hc_${runId}_t${i}`, languageCode: 'en' }),
  );
  const counts = await Promise.all(
    users.map((user) => startAndCountReplies(sandbox, botToken, user, payload)),
  );
  if (new Set(counts).size !== 1) throw new Error(`technicians' welcomes differ: ${counts.join(', ')}`);
  const technicians = await Promise.all(
    users.map(async (user) => {
      const page = await api.get<{ items: { id: string; role: string }[] }>(`/users?q=${user.username}`);
      const [person] = page.items;
      if (page.items.length !== 1 || person?.role !== 'technician')
        throw new Error(`${user.username}: ${JSON.stringify(page.items)} in identity, not one technician`);
      return { user, id: person.id };
    }),
  );
  const client = sandbox.createUser({
    firstName: 'Calibration',
    username: `hc_${runId}_c`,
    languageCode: 'en',
  });
  const clientReplies = await startAndCountReplies(sandbox, botToken, client);
  return { technicians, payload, welcome: { technician: counts[0]!, client: clientReplies } };
}

export function botMessageCount(sandbox: TelegramSandbox, botToken: string, user: SandboxUser): number {
  return sandbox.chatLog(botToken, user.id).filter((event) => event.kind === 'message').length;
}

/** Sends /start and waits for the replies to stop coming; returns how many there were. */
async function startAndCountReplies(
  sandbox: TelegramSandbox,
  botToken: string,
  user: SandboxUser,
  payload?: string,
): Promise<number> {
  await user.sendCommand(botToken, 'start', payload);
  await waitFor(() => botMessageCount(sandbox, botToken, user) > 0, {
    message: `a reply to ${user.username}`,
    timeoutMs: 20_000,
  });
  await sleep(1_500);
  return botMessageCount(sandbox, botToken, user);
}
