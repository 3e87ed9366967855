import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import type { Demo } from './demo-context.js';
import { lastSeq, print, printFeed, printPdf } from './transcript.js';

/** S0-11: the admin bills the completed task; the PDF reaches Ivan through the bot. */
export async function playInvoice(demo: Demo, ivan: SandboxUser, taskId: string): Promise<void> {
  const { stack, admin, say, cast } = demo;
  print(say.invoiceHeading);
  let shown = demo.feed.items.length;
  const invoice = (await admin.call('POST', '/invoices', { taskId, ...cast.invoice })).body as {
    id: string;
    number: string;
  };
  print(say.createsInvoice(invoice.number));
  shown = await printFeed(demo, shown);
  const seq = lastSeq(stack, ivan);
  print(say.sendsInvoice(`${cast.technician.firstName} ${cast.technician.lastName}`));
  await admin.call('POST', `/invoices/${invoice.id}/send`);
  const document = await stack.sandbox.waitForEvent(
    stack.bot.token,
    ivan.id,
    (e) => e.method === 'sendDocument',
    {
      after: seq,
      timeoutMs: 15_000,
    },
  );
  const file = document.message?.document;
  print(
    say.document(ivan.firstName, file?.file_name ?? `${invoice.number}.pdf`, document.message?.caption ?? ''),
  );
  const bytes = file ? stack.sandbox.fileBytes(file.file_id) : undefined;
  printPdf(say, bytes);
  await printFeed(demo, shown);
}
