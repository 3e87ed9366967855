import { describe, expect, it } from 'vitest';
import { OFFER_EDITS, matchingOfferEdits, offerEditCommand } from './offer-edits.js';

const TASK = '0194f1a2-7c3d-7abc-8def-0123456789ab';
const ANN = 'user-ann';
const BOB = 'user-bob';
const base = { taskId: TASK, number: 7, title: 'Fix the boiler', assigneeId: ANN };

function commands(type: string, data: Record<string, unknown>, language: 'ru' | 'en' = 'en') {
  return matchingOfferEdits(OFFER_EDITS, { type, data }).map(({ edit, userId }) => ({
    userId,
    ...offerEditCommand(edit, data, language, { eventId: 'ev1', chatId: 555 }),
  }));
}

describe("the technician's offer follows the task", () => {
  it('accepted / rejected: the offer (task:<id>:offer) is edited and its buttons removed', () => {
    expect(commands('task.accepted', base)).toEqual([
      {
        userId: ANN,
        idempotencyKey: 'notification:offer:ev1:offer-accepted',
        chatId: 555,
        method: 'editMessageText',
        params: { text: '✅ Accepted — task #7: Fix the boiler' },
        messageKey: `task:${TASK}:offer`,
      },
    ]);
    expect(commands('task.rejected', { ...base, reason: null }, 'ru')[0]).toMatchObject({
      params: { text: '❌ Отклонено — задача №7: Fix the boiler' },
    });
    for (const command of commands('task.accepted', base))
      expect(command.params).not.toHaveProperty('reply_markup');
  });

  it("reassigned: the previous assignee's offer says it is no longer theirs; not for the same person", () => {
    expect(commands('task.assigned', { ...base, assigneeId: BOB, previousAssigneeId: ANN })).toMatchObject([
      { userId: ANN, params: { text: 'This task is no longer yours: task #7, Fix the boiler' } },
    ]);
    expect(commands('task.assigned', { ...base, previousAssigneeId: ANN })).toEqual([]);
    expect(commands('task.assigned', { ...base, previousAssigneeId: null })).toEqual([]);
  });

  it('cancelled or deleted: the offer says so; other status changes and unassigned tasks edit nothing', () => {
    const change = { ...base, from: 'sent', action: 'change-status', reason: 'x' };
    expect(commands('task.status-changed', { ...change, to: 'cancelled' })).toMatchObject([
      { params: { text: '🚫 Task #7 was cancelled: Fix the boiler' } },
    ]);
    expect(commands('task.status-changed', { ...change, to: 'accepted' })).toEqual([]);
    expect(commands('task.deleted', base, 'ru')).toMatchObject([
      { params: { text: '🚫 Задача №7 отменена: Fix the boiler' } },
    ]);
    expect(commands('task.deleted', { ...base, assigneeId: null })).toEqual([]);
  });
});
