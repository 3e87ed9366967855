import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import type { Demo } from './demo-context.js';
import { botReplies, lastSeq, print, printFeed } from './transcript.js';

/** S0-02…S0-05, S3-07: a technician joins by the link, a client by /start; the admin blocks the client. */
export async function playJoining(demo: Demo): Promise<SandboxUser> {
  const { stack, admin, say, cast, lang } = demo;
  const { link } = (await admin.call('GET', '/invites/join-link?role=technician')).body as { link: string };
  print(`${say.logsIn}\n      ${link}\n`);
  const payload = new URL(link).searchParams.get('start') ?? '';
  const ivan = stack.sandbox.createUser({ ...cast.technician, languageCode: lang });
  let seq = lastSeq(stack, ivan);
  print(say.opensLink(`${cast.technician.firstName} ${cast.technician.lastName}`, ivan.username!, payload));
  await ivan.sendCommand(stack.bot.token, 'start', payload);
  seq = await botReplies(demo, ivan, seq);
  print();
  const shown = await printFeed(demo, 0, { actions: true });

  print(say.tapsMenuButton(ivan.firstName));
  const firstButton = stack.sandbox.replyKeyboard(stack.bot.token, ivan.id)?.keyboard[0]?.[0];
  await ivan.sendText(
    stack.bot.token,
    typeof firstButton === 'string' ? firstButton : (firstButton?.text ?? '/help'),
  );
  await botReplies(demo, ivan, seq);

  const olga = stack.sandbox.createUser({ ...cast.client, languageCode: lang });
  print(say.pressesStart(olga.firstName, olga.username!));
  let olgaSeq = lastSeq(stack, olga);
  await olga.sendCommand(stack.bot.token, 'start');
  olgaSeq = await botReplies(demo, olga, olgaSeq);
  print();
  await printFeed(demo, shown);

  const users = (await admin.call('GET', '/users?pageSize=10')).body as {
    items: { id: string; name: string; role: string; username: string | null; telegramId: number | null }[];
  };
  print(say.listsUsers);
  for (const user of users.items)
    print(
      `      ${(say.roles[user.role] ?? user.role).padEnd(14)} ${user.name.padEnd(16)} @${user.username ?? '-'}  Telegram ${user.telegramId ?? '-'}`,
    );
  const olgaRecord = users.items.find((user) => user.username === cast.client.username);
  if (olgaRecord) {
    print(say.deactivates(olga.firstName, `/api/v1/users/${olgaRecord.id}`));
    await admin.call('PATCH', `/users/${olgaRecord.id}`, { active: false });
    print(say.writes(olga.firstName, cast.clientGreeting));
    await olga.sendText(stack.bot.token, cast.clientGreeting);
    await botReplies(demo, olga, olgaSeq);
  }
  return ivan;
}
