import { describe, expect, it } from 'vitest';
import { addressAnswer, cargoAnswer, readSize, sizeAnswer, weightAnswer } from './parsers.js';

const weight = weightAnswer('waybill.invalid.weight');
const size = sizeAnswer('waybill.invalid.size');
const address = addressAnswer('waybill.invalid.address');
const ok = (value: unknown) => ({ ok: true, value });

describe('the waybill form reads what clients type (S1-02, S1-08)', () => {
  it('weight in kg: 12,5 and 12.5 (and with kg); abc, 0, -3 and the like re-asked with the example', () => {
    for (const typed of ['12,5', '12.5', ' 12.5 kg', '12,5 кг', '12,5кг'])
      expect(weight(typed), typed).toEqual(ok(12.5));
    expect(weight('100000')).toEqual(ok(100_000));
    expect(weight('0,25')).toEqual(ok(0.25));
    for (const wrong of ['abc', '0', '-3', '', '12.5.1', '100001', '1.2345', '12 кг 5'])
      expect(weight(wrong), wrong).toEqual({ ok: false, error: 'waybill.invalid.weight' });
  });

  it('dimensions L×W×H in cm, m or mm with x, *, × or х → centimetres', () => {
    for (const typed of [
      '120x80x60',
      '120*80*60',
      '120 × 80 × 60 см',
      '1.2x0.8x0.6 м',
      '1,2х0,8х0,6 m',
      '120X80X60 cm',
      '1200x800x600 мм',
    ])
      expect(size(typed), typed).toEqual(ok('120x80x60'));
    expect(size('35.5x20x10.2')).toEqual(ok('35.5x20x10.2'));
    expect(readSize('35.5x20x10.2')).toEqual({ lengthCm: 35.5, widthCm: 20, heightCm: 10.2 });
    for (const wrong of [
      '120x80',
      '120x80x60x10',
      'big',
      '120 80 60',
      '0x80x60',
      '-1x2x3',
      '120x80x60 km',
      '200x1x1 м',
      '',
    ])
      expect(size(wrong), wrong).toEqual({ ok: false, error: 'waybill.invalid.size' });
    expect(readSize('120x80')).toBeUndefined();
    expect(readSize(12)).toBeUndefined();
  });

  it('an exact address has a street and a number; the cargo is words', () => {
    expect(address('  Moscow,   5 Lenina St ')).toEqual(ok('Moscow, 5 Lenina St'));
    expect(address('Москва, ул. Ленина, д. 5')).toEqual(ok('Москва, ул. Ленина, д. 5'));
    for (const wrong of ['Moscow', '12345', 'a 1', '', 'x'.repeat(499) + ' 1'])
      expect(address(wrong), wrong).toEqual({ ok: false, error: 'waybill.invalid.address' });
    expect(cargoAnswer('waybill.invalid.cargo')('2 boxes of books')).toEqual(ok('2 boxes of books'));
    expect(cargoAnswer('waybill.invalid.cargo')(' ')).toEqual({ ok: false, error: 'waybill.invalid.cargo' });
  });
});
