import type { Demo, ActionCount } from './demo-context.js';
import { NarratedChat } from './narrated-chat.js';
import { pause, print, printFeed } from './transcript.js';

export interface LogisticsPeople {
  manager: NarratedChat;
  client: NarratedChat;
  counts: ActionCount[];
}

/**
 * S1-01: the admin creates a manager over REST, who connects Telegram through their one-time
 * link; a client joins with /start and is given that manager by the rule.
 */
export async function playManagerAndClient(demo: Demo): Promise<LogisticsPeople> {
  const { stack, admin, say, cast, lang } = demo;
  const chat = (person: { firstName: string; lastName?: string; username: string }) =>
    new NarratedChat(
      say,
      stack.sandbox,
      stack.bot.token,
      stack.sandbox.createUser({ ...person, languageCode: lang }),
    );
  print(say.peopleHeading);
  const shown = demo.feed.items.length;
  const { firstName, lastName, login, password } = cast.manager;
  const name = `${firstName} ${lastName}`;
  const created = await admin.call('POST', '/users', { role: 'manager', name, login, password });
  if (created.status !== 201) throw new Error(`the manager was not created: ${JSON.stringify(created.body)}`);
  const managerId = (created.body as { id: string }).id;
  print(say.createsManager(name, login));
  const { link, startPayload } = (await admin.call('POST', `/users/${managerId}/telegram-link`)).body as {
    link: string;
    startPayload: string;
  };
  print(say.makesTelegramLink(name, link));
  const manager = chat(cast.manager);
  print(say.opensLink(name, cast.manager.username, startPayload));
  await manager.start(startPayload);

  const client = chat(cast.shipper);
  print(say.pressesStart(client.user.firstName, cast.shipper.username));
  await client.start();
  print();
  await printFeed(demo, shown);
  await clientOf(demo, managerId, client.user.id);
  print(say.managerOf(client.user.firstName, name));
  return {
    manager,
    client,
    counts: [
      { story: say.stories.linksTelegram(manager.user.firstName), actions: manager.actions },
      { story: say.stories.joins(client.user.firstName), actions: client.actions },
    ],
  };
}

/** Waits until identity lists the client among the manager's (the rule runs as the client joins). */
async function clientOf(demo: Demo, managerId: string, telegramId: number): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    const page = (await demo.admin.call('GET', `/users?managerId=${managerId}`)).body as {
      items: { telegramId: number | null }[];
    };
    if (page.items.some((user) => user.telegramId === telegramId)) return;
    await pause(100);
  }
  throw new Error(`the client ${telegramId} was not given the manager ${managerId}`);
}
