import { DomainError } from '@fieldgram/platform';
import { fakeResponder, type Closable, type TestEnv } from '@fieldgram/testkit';
import {
  newMessageId,
  type Actor,
  type DataOf,
  type Messages,
  type PaymentMethod,
  type Waybill,
} from '@fieldgram/contracts';

type Answered = 'waybill.create' | 'waybill.list' | 'waybill.get' | 'waybill.pdf' | 'waybill.payment-methods';

export const PAYMENT_METHODS: PaymentMethod[] = [
  { code: 'sender_cash', label: { en: 'Sender pays cash', ru: 'Отправитель, наличные' } },
  { code: 'receiver_cash', label: { en: 'Receiver pays cash', ru: 'Получатель, наличные' } },
  { code: 'card', label: { en: 'Card', ru: 'Картой' } },
  { code: 'bank_transfer', label: { en: 'Bank transfer', ru: 'Безналичный расчёт' } },
];

const PDF_AFTER_MS = 300;

/**
 * A TEST DOUBLE of the waybill service at the bus boundary (services/waybill is written
 * concurrently), answering its contract on its own queues (testkit's fakeResponder): waybills
 * kept in memory, `waybill.create` idempotent by requestId, lists newest first, and every call
 * recorded with its actor. After a create, `onCreated` plays the service sending the PDF.
 * Nothing inside conversation is faked.
 */
export class WaybillDouble {
  readonly waybills = new Map<string, Waybill>();
  readonly calls: { type: Answered; data: Record<string, unknown>; actor: Actor }[] = [];
  private readonly byRequest = new Map<string, string>();
  private next = 0;
  private responder: Closable | undefined;

  private constructor(private readonly onCreated: (waybill: Waybill) => Promise<void>) {}

  static async start(env: TestEnv, onCreated: (waybill: Waybill) => Promise<void> = () => Promise.resolve()) {
    const double = new WaybillDouble(onCreated);
    double.responder = await fakeResponder(env, {
      'waybill.payment-methods': (data, request) => {
        double.record('waybill.payment-methods', data, request.actor);
        return { methods: PAYMENT_METHODS };
      },
      'waybill.create': (data, request) =>
        double.create(double.record('waybill.create', data, request.actor)),
      'waybill.list': (data, request) => double.list(double.record('waybill.list', data, request.actor)),
      'waybill.get': (data, request) =>
        double.find(double.record('waybill.get', data, request.actor).waybillId),
      'waybill.pdf': (data, request) => {
        const waybill = double.find(double.record('waybill.pdf', data, request.actor).waybillId);
        return {
          storageKey: WaybillDouble.pdfKey(waybill),
          fileName: `${waybill.number}.pdf`,
          contentType: 'application/pdf',
        };
      },
    });
    return double;
  }

  /** Where the PDF of a waybill is kept (the test puts a file there). */
  static pdfKey(waybill: Pick<Waybill, 'id'>): string {
    return `waybills/${waybill.id}.pdf`;
  }

  /** A waybill of a client's, made earlier (for lists and claims). */
  add(clientId: string, fields: Partial<Waybill> = {}): Waybill {
    const now = new Date(Date.now() + this.next * 1000).toISOString();
    const waybill: Waybill = {
      id: newMessageId(),
      number: `WB-2026-${String(++this.next).padStart(6, '0')}`,
      clientId,
      cargo: 'Books, 2 boxes',
      weightKg: 12.5,
      lengthCm: 120,
      widthCm: 80,
      heightCm: 60,
      pickupAddress: 'Moscow, 5 Lenina St',
      deliveryAddress: 'Kazan, 10 Baumana St',
      paymentMethod: 'card',
      status: 'created',
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      ...fields,
    };
    this.waybills.set(waybill.id, waybill);
    return waybill;
  }

  callsOf(type: Answered) {
    return this.calls.filter((call) => call.type === type);
  }

  private record<T extends object>(type: Answered, data: T, actor: Actor): T {
    this.calls.push({ type, data: { ...data } as Record<string, unknown>, actor });
    return data;
  }

  private create(data: DataOf<Messages, 'waybill.create'>): Waybill {
    const known = this.byRequest.get(data.requestId);
    if (known) return this.waybills.get(known)!;
    const { requestId: _requestId, clientId, ...input } = data;
    const waybill = this.add(clientId, input);
    this.byRequest.set(data.requestId, waybill.id);
    // As the service does: the answer first, the PDF rendered and sent a moment later.
    setTimeout(() => void this.onCreated(waybill), PDF_AFTER_MS);
    return waybill;
  }

  private list(data: DataOf<Messages, 'waybill.list'>) {
    const all = [...this.waybills.values()]
      .filter((waybill) => data.clientId === undefined || waybill.clientId === data.clientId)
      .sort((a, b) => b.number.localeCompare(a.number));
    const start = (data.page - 1) * data.pageSize;
    return {
      items: all.slice(start, start + data.pageSize),
      total: all.length,
      page: data.page,
      pageSize: data.pageSize,
    };
  }

  private find(waybillId: string): Waybill {
    const waybill = this.waybills.get(waybillId);
    if (!waybill) throw new DomainError('not_found', `waybill ${waybillId} not found`);
    return waybill;
  }

  async stop(): Promise<void> {
    await this.responder?.close();
  }
}
