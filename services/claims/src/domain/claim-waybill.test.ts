import { describe, expect, it } from 'vitest';
import type { Waybill } from '@fieldgram/contracts';
import { claimWaybill } from './claim-waybill.js';

const waybill = { id: 'wb-1', number: 'WB-2026-000123', clientId: 'client-1' } as Waybill;

describe('the waybill of a claim (S1-03)', () => {
  it("one of the client's own: linked, under its own spelling", () => {
    expect(claimWaybill('wb-2026-000123', waybill, 'client-1')).toEqual({
      kind: 'own',
      waybillId: 'wb-1',
      waybillNumber: 'WB-2026-000123',
    });
  });

  it('one the service does not know: kept as typed, without a link', () => {
    expect(claimWaybill('  ТК-5512 ', null, 'client-1')).toEqual({
      kind: 'unknown',
      waybillId: null,
      waybillNumber: 'ТК-5512',
    });
  });

  it("another client's: not theirs to claim about", () => {
    expect(claimWaybill('WB-2026-000123', waybill, 'client-2')).toEqual({ kind: 'not_yours' });
  });
});
