import { describe, expect, it } from 'vitest';
import { reminderIsDue, type OfferState } from './offer-reminder.js';

const offer = { sendCount: 2, assigneeId: 'ivan' };
const pending: OfferState = { status: 'sent', sendCount: 2, assigneeId: 'ivan', remindedSendCount: 1 };

describe('reminderIsDue', () => {
  it('is due for the same offer, still unanswered, not yet reminded', () => {
    expect(reminderIsDue(pending, offer)).toBe(true);
    expect(reminderIsDue({ ...pending, remindedSendCount: null }, offer)).toBe(true);
  });

  it('is not due once the offer was answered, resent or moved to someone else', () => {
    expect(reminderIsDue({ ...pending, status: 'accepted' }, offer)).toBe(false);
    expect(reminderIsDue({ ...pending, sendCount: 3 }, offer)).toBe(false);
    expect(reminderIsDue({ ...pending, assigneeId: 'petr' }, offer)).toBe(false);
  });

  it('is due once per offer', () => {
    expect(reminderIsDue({ ...pending, remindedSendCount: 2 }, offer)).toBe(false);
  });
});
