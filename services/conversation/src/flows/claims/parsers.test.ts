import { describe, expect, it } from 'vitest';
import { emailAnswer, moneyAnswer, textAnswer } from '../../wizard/answers.js';
import { waybillNumberAnswer } from './parsers.js';

const ok = (value: unknown) => ({ ok: true, value });
const amount = moneyAnswer('claim.invalid.email', { currency: 'RUB', max: 1_000_000_000_00 });

describe('the claim form reads what clients type (S1-03, S1-08)', () => {
  it('the amount: 15 000,50, 15000.5, 15 000 ₽ and the like → kopecks; anything else re-asked', () => {
    for (const typed of ['15 000,50', '15000.5', '15000,50', '15\u00a0000,50', '15 000.50 ₽', '₽15000.5'])
      expect(amount(typed), typed).toEqual(ok(1_500_050));
    for (const typed of ['15 000 ₽', '15000 руб.', '15000 руб', '15000р', '15 000 RUB', '15000 рублей'])
      expect(amount(typed), typed).toEqual(ok(1_500_000));
    expect(amount('0')).toEqual(ok(0));
    expect(amount('1 000 000 000')).toEqual(ok(1_000_000_000_00));
    for (const wrong of [
      '',
      'abc',
      '-5',
      '15,000.50',
      '15 00',
      '1.234.567',
      '15000.505',
      '15000 $',
      '1 000 000 001',
      '15 000,50 руб 5',
    ])
      expect(amount(wrong), wrong).toEqual({ ok: false, error: 'claim.invalid.email' });
    const yen = moneyAnswer('claim.invalid.email', { currency: 'JPY', max: 10 ** 9 });
    expect(yen('1 500 ¥')).toEqual(ok(1_500));
    expect(yen('1500.5')).toEqual({ ok: false, error: 'claim.invalid.email' });
  });

  it('the e-mail is checked as the contract checks it', () => {
    const email = emailAnswer('claim.invalid.email');
    expect(email(' olga@example.com ')).toEqual(ok('olga@example.com'));
    for (const wrong of ['olga', 'olga@', '@example.com', 'olga example.com', 'a@b', ''])
      expect(email(wrong), wrong).toEqual({ ok: false, error: 'claim.invalid.email' });
  });

  it('the waybill number: ours in its canonical form, any other as typed, one short line', () => {
    const number = waybillNumberAnswer('claim.invalid.waybill');
    expect(number('wb 2026 000123')).toEqual(ok('WB-2026-000123'));
    expect(number('WB-2026-000123')).toEqual(ok('WB-2026-000123'));
    expect(number('  ТН  4711/22 ')).toEqual(ok('ТН 4711/22'));
    expect(number('x'.repeat(41))).toEqual({ ok: false, error: 'claim.invalid.waybill' });
    expect(number('  ')).toEqual({ ok: false, error: 'claim.invalid.waybill' });
    expect(textAnswer('claim.invalid.description', 4_000)('It arrived broken.')).toEqual(
      ok('It arrived broken.'),
    );
  });
});
