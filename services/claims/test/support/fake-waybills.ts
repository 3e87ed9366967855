import { newMessageId, type Waybill } from '@fieldgram/contracts';
import { fakeResponder, type Closable, type TestEnv } from '@fieldgram/testkit';

/**
 * Stands in for the waybill service: answers `waybill.find` (case-insensitive, as it does) from
 * the waybills a test adds, `{ waybill: null }` for any other number.
 */
export class FakeWaybills implements Closable {
  private readonly byNumber = new Map<string, Waybill>();
  private responder: Closable | undefined;
  private seq = 0;

  private constructor() {}

  static async start(this: void, env: TestEnv): Promise<FakeWaybills> {
    const waybills = new FakeWaybills();
    waybills.responder = await fakeResponder(env, {
      'waybill.find': ({ number }) => ({
        waybill: waybills.byNumber.get(number.trim().toUpperCase()) ?? null,
      }),
    });
    return waybills;
  }

  /** A waybill of `clientId`, numbered WB-2026-9xxxxx unless said. */
  add(clientId: string, number = `WB-2026-${String(900_000 + ++this.seq)}`): Waybill {
    const now = new Date().toISOString();
    const waybill: Waybill = {
      id: newMessageId(),
      number,
      clientId,
      cargo: 'Коробки с посудой',
      weightKg: 12.5,
      lengthCm: 120,
      widthCm: 80,
      heightCm: 60,
      pickupAddress: 'Москва, ул. Ленина, 1',
      deliveryAddress: 'Казань, ул. Баумана, 2',
      paymentMethod: 'sender_cash',
      status: 'created',
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
    };
    this.byNumber.set(number.toUpperCase(), waybill);
    return waybill;
  }

  async close(): Promise<void> {
    await this.responder?.close();
  }
}
