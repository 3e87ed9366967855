import { describe, expect, it } from 'vitest';
import { formatWhen, offerBody, offerText, settledOfferText } from './task-offer.js';

const OFFER = {
  number: 7,
  title: 'Fix the boiler',
  area: 'North district',
  scheduledAt: '2026-11-21T14:00:00.000Z',
  description: '  Second floor, the boiler in the kitchen.  ',
};

describe("the technician's offer", () => {
  it('shows number, title, area, time and description, then the question', () => {
    expect(offerText('en', OFFER)).toBe(
      [
        '🆕 Task #7: Fix the boiler',
        '📍 Area: North district',
        '🕒 When: 2026-11-21 14:00 UTC',
        '',
        'Second floor, the boiler in the kitchen.',
        '',
        'Will you take it?',
      ].join('\n'),
    );
    expect(offerText('ru', { ...OFFER, scheduledAt: null, description: null })).toBe(
      [
        '🆕 Задача №7: Fix the boiler',
        '📍 Район: North district',
        '🕒 Когда: по договорённости',
        '',
        'Возьмёте?',
      ].join('\n'),
    );
  });

  it('once settled keeps the very same details and says how it ended instead of asking', () => {
    const body = offerBody('en', OFFER).join('\n');
    expect(settledOfferText('en', OFFER, 'accepted')).toBe(`${body}\n\n✅ Accepted`);
    expect(settledOfferText('en', OFFER, 'rejected')).toBe(`${body}\n\n❌ Rejected`);
    expect(settledOfferText('en', OFFER, 'cancelled')).toBe(`${body}\n\n🚫 This task was cancelled`);
    expect(settledOfferText('en', OFFER, 'reassigned')).toBe(`${body}\n\n↪️ This task is no longer yours`);
    expect(settledOfferText('ru', OFFER, 'accepted')).toBe(
      `${offerBody('ru', OFFER).join('\n')}\n\n✅ Принято`,
    );
    expect(offerText('en', OFFER).startsWith(`${body}\n\n`)).toBe(true);
  });

  it('without the details (an event from before they were carried) shows the title alone', () => {
    expect(settledOfferText('ru', { number: 7, title: 'Fix the boiler' }, 'cancelled')).toBe(
      '🆕 Задача №7: Fix the boiler\n\n🚫 Задача отменена',
    );
  });

  it('writes the time in UTC; an unreadable time as it came', () => {
    expect(formatWhen('2026-11-21T17:30:00+03:00')).toBe('2026-11-21 14:30 UTC');
    expect(formatWhen('soon')).toBe('soon');
  });
});
