/**
 * `npm run demo [-- --lang ru|en]`: plays the joining, dispatch and invoice stories, then the
 * logistics ones (a manager and a client, a waybill, a claim and its decision), through the
 * Telegram sandbox against the whole system (every service in this process, on a database, vhost
 * and Redis prefix of its own that are removed afterwards) and prints them as a chat transcript
 * with the admin's notifications and, at the end, the actions each logistics story took (S1-08).
 * One language throughout (default en): the simulated users' Telegram apps, every service's
 * ORG_LANGUAGE, the narration and the story's data.
 */
import { parseArgs } from 'node:util';
import { ApiClient, createTestEnv } from '@fieldgram/testkit/env';
import { ADMIN, startStack } from '../e2e/support/stack.js';
import { CAST } from './demo/cast.js';
import { playClaimDecision } from './demo/claim-decision.js';
import { playClaim } from './demo/claim.js';
import type { ActionCount, Demo, Lang } from './demo/demo-context.js';
import { playDispatch } from './demo/dispatch.js';
import { playInvoice } from './demo/invoice.js';
import { playJoining } from './demo/joining.js';
import { playManagerAndClient } from './demo/manager-and-client.js';
import { NARRATION } from './demo/narration.js';
import { print } from './demo/transcript.js';
import { playWaybill } from './demo/waybill.js';

function languageFromArgs(): Lang {
  const { values } = parseArgs({ options: { lang: { type: 'string', default: 'en' } } });
  if (values.lang === 'en' || values.lang === 'ru') return values.lang;
  process.stderr.write(`demo: --lang must be ru or en, got "${values.lang}"\n`);
  process.exit(2);
}

/** S1: a manager and a client, the client's waybill and claim, the manager's decision; what each took. */
async function playLogistics(demo: Demo): Promise<void> {
  const people = await playManagerAndClient(demo);
  const waybill = await playWaybill(demo, people);
  const claim = await playClaim(demo, people, waybill.number);
  const decisions = await playClaimDecision(demo, people, claim.number);
  const counts: ActionCount[] = [...people.counts, waybill.count, claim.count, ...decisions];
  print(demo.say.actionsHeading);
  for (const { story, actions, limit } of counts) print(demo.say.actionCount(story, actions, limit));
}

async function main(): Promise<void> {
  const lang = languageFromArgs();
  const say = NARRATION[lang];
  print(say.title);
  const env = await createTestEnv('demo');
  const stack = await startStack(env, { language: lang });
  try {
    const admin = await ApiClient.login(stack.apiUrl, ADMIN.login, ADMIN.password);
    const feed = await admin.openNotificationStream();
    const demo: Demo = { stack, admin, feed, say, cast: CAST[lang], lang };
    // identity names the first admin in English; the demo's admin goes by the cast's name.
    const [me] = ((await admin.call('GET', '/users?role=admin')).body as { items: { id: string }[] }).items;
    if (me) await admin.call('PATCH', `/users/${me.id}`, { displayName: demo.cast.adminName });
    const ivan = await playJoining(demo);
    const taskId = await playDispatch(demo, ivan);
    await playInvoice(demo, ivan, taskId);
    await playLogistics(demo);
    feed.close();
    print(say.done);
  } finally {
    await stack.stop();
    await env.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
