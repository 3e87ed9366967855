import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import type { Demo } from './demo-context.js';
import {
  botReplies,
  inlineButtons,
  indented,
  lastSeq,
  nextWithButtons,
  print,
  printButtons,
  printFeed,
} from './transcript.js';

/** S0-06…S0-10: the admin dispatches a task to Ivan; client data reaches him only once released. */
export async function playDispatch(demo: Demo, ivan: SandboxUser): Promise<string> {
  const { stack, admin, say, cast } = demo;
  print(say.dispatchHeading);
  let shown = demo.feed.items.length;
  const ivanRecord = (
    (await admin.call('GET', `/users?q=${cast.technician.username}`)).body as { items: { id: string }[] }
  ).items[0]!;
  const { client } = cast.task;
  const task = (
    await admin.call('POST', '/tasks', {
      ...cast.task,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
  ).body as { id: string; number: number };
  print(say.createsTask(task.number, cast.task.title, client.name, client.address));
  shown = await printFeed(demo, shown);
  await admin.call('POST', `/tasks/${task.id}/assign`, { technicianId: ivanRecord.id });
  print(say.assigns(`${cast.technician.firstName} ${cast.technician.lastName}`));
  let seq = lastSeq(stack, ivan);
  await admin.call('POST', `/tasks/${task.id}/send`);
  const offer = await nextWithButtons(demo, ivan, seq);
  seq = await botReplies(demo, ivan, seq);
  printButtons(say, offer, say.noClientData);
  shown = await printFeed(demo, shown);

  const accept = inlineButtons(offer)[0]!;
  print(say.taps(ivan.firstName, accept.text));
  await ivan.pressButton(stack.bot.token, offer.messageId!, accept.callback_data!);
  shown = await printFeed(demo, shown);
  const edit = await stack.sandbox
    .waitForEvent(stack.bot.token, ivan.id, (e) => e.kind === 'edit' && e.messageId === offer.messageId, {
      after: seq,
      timeoutMs: 5_000,
    })
    .catch(() => undefined);
  if (edit) print(`${say.offerEdited}\n      ${indented(edit.message?.text ?? '', '      ')}`);
  else print(say.offerNotEdited);

  print(say.releasesClientInfo);
  await admin.call('POST', `/tasks/${task.id}/client-info`);
  const info = await nextWithButtons(demo, ivan, seq);
  seq = await botReplies(demo, ivan, seq);
  printButtons(say, info);
  shown = await printFeed(demo, shown);

  const complete = inlineButtons(info)[0]!;
  print(say.finishesAndTaps(ivan.firstName, complete.text));
  await ivan.pressButton(stack.bot.token, info.messageId!, complete.callback_data!);
  await botReplies(demo, ivan, seq).catch(() => seq);
  await printFeed(demo, shown);

  const final = (await admin.call('GET', `/tasks/${task.id}`)).body as {
    status: string;
    history: { at: string; action: string; to: string }[];
  };
  print(say.history(`/api/v1/tasks/${task.id}`, say.statuses[final.status] ?? final.status));
  for (const entry of final.history)
    print(
      `      ${entry.at.slice(11, 19)}  ${(say.actions[entry.action] ?? entry.action).padEnd(26)} → ${say.statuses[entry.to] ?? entry.to}`,
    );
  const csv = await fetch(`${stack.apiUrl}/reports/tasks?format=csv`, {
    headers: { authorization: `Bearer ${admin.token ?? ''}` },
  });
  const rows =
    (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n').length - 1;
  print(say.report(rows));
  return task.id;
}
