import { describe, expect, it } from 'vitest';
import { offerBody, offerText } from '@fieldgram/bot-ui';
import { OFFER_EDITS, matchingOfferEdits, offerEditCommand } from './offer-edits.js';

const TASK = '0194f1a2-7c3d-7abc-8def-0123456789ab';
const ANN = 'user-ann';
const BOB = 'user-bob';
const details = {
  area: 'North district',
  scheduledAt: '2026-11-21T14:00:00.000Z',
  description: 'The boiler in the kitchen',
};
const base = { taskId: TASK, number: 7, title: 'Fix the boiler', assigneeId: ANN, ...details };

function commands(type: string, data: Record<string, unknown>, language: 'ru' | 'en' = 'en') {
  return matchingOfferEdits(OFFER_EDITS, { type, data }).map(({ edit, userId }) => ({
    userId,
    ...offerEditCommand(edit, data, language, { eventId: 'ev1', chatId: 555 }),
  }));
}

const ENGLISH_BODY = [
  '🆕 Task #7: Fix the boiler',
  '📍 Area: North district',
  '🕒 When: 2026-11-21 14:00 UTC',
  '',
  'The boiler in the kitchen',
].join('\n');

describe("the technician's offer follows the task", () => {
  it('accepted / rejected: the offer (task:<id>:offer) keeps its details, says so, and loses its buttons', () => {
    expect(commands('task.accepted', base)).toEqual([
      {
        userId: ANN,
        idempotencyKey: 'notification:offer:ev1:offer-accepted',
        chatId: 555,
        method: 'editMessageText',
        params: { text: `${ENGLISH_BODY}\n\n✅ Accepted` },
        messageKey: `task:${TASK}:offer`,
      },
    ]);
    expect(commands('task.rejected', { ...base, reason: null }, 'ru')[0]).toMatchObject({
      params: {
        text: [
          '🆕 Задача №7: Fix the boiler',
          '📍 Район: North district',
          '🕒 Когда: 2026-11-21 14:00 UTC',
          '',
          'The boiler in the kitchen',
          '',
          '❌ Отклонено',
        ].join('\n'),
      },
    });
    for (const command of commands('task.accepted', base))
      expect(command.params).not.toHaveProperty('reply_markup');
  });

  it('keeps exactly the body conversation sent, with the status line instead of the question', () => {
    const offer = { number: 7, title: 'Fix the boiler', ...details };
    const sent = offerText('en', offer);
    const [edited] = commands('task.accepted', base);
    const body = offerBody('en', offer).join('\n');
    expect(sent.startsWith(`${body}\n\n`)).toBe(true);
    expect(edited!.params.text).toBe(`${body}\n\n✅ Accepted`);
  });

  it("reassigned: the previous assignee's offer says it is no longer theirs; not for the same person", () => {
    expect(commands('task.assigned', { ...base, assigneeId: BOB, previousAssigneeId: ANN })).toMatchObject([
      { userId: ANN, params: { text: `${ENGLISH_BODY}\n\n↪️ This task is no longer yours` } },
    ]);
    expect(commands('task.assigned', { ...base, previousAssigneeId: ANN })).toEqual([]);
    expect(commands('task.assigned', { ...base, previousAssigneeId: null })).toEqual([]);
  });

  it('cancelled or deleted: the offer says so; other status changes and unassigned tasks edit nothing', () => {
    const change = { ...base, from: 'sent', action: 'change-status', reason: 'x' };
    expect(commands('task.status-changed', { ...change, to: 'cancelled' })).toMatchObject([
      { params: { text: `${ENGLISH_BODY}\n\n🚫 This task was cancelled` } },
    ]);
    expect(commands('task.status-changed', { ...change, to: 'accepted' })).toEqual([]);
    expect(commands('task.deleted', base, 'ru')).toMatchObject([
      {
        params: {
          text: expect.stringMatching(
            /^🆕 Задача №7: Fix the boiler\n📍 Район: North district\n[^]*\n\n🚫 Задача отменена$/,
          ) as string,
        },
      },
    ]);
    expect(commands('task.deleted', { ...base, assigneeId: null })).toEqual([]);
  });

  it('an event from before the details were carried still edits the offer, with number and title', () => {
    const older = { taskId: TASK, number: 7, title: 'Fix the boiler', assigneeId: ANN };
    expect(commands('task.accepted', older)).toMatchObject([
      { params: { text: '🆕 Task #7: Fix the boiler\n\n✅ Accepted' } },
    ]);
  });
});
