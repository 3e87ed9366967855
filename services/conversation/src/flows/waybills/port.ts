import type { DataInput, Messages, PaymentMethod, ResultOf, User, Waybill } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';
import { actorOf, answerOrRefusal, type Cause, type Outcome } from '../service-answer.js';

export type WaybillPage = ResultOf<Messages, 'waybill.list'>;
export type WaybillPdf = ResultOf<Messages, 'waybill.pdf'>;
type Client = Pick<User, 'id' | 'role'>;

/**
 * What the waybill flow asks the waybill service (S1-02). Every request carries the client as
 * its actor (from identity, never from a button), so the waybill service decides what they may
 * see; the flow also checks a waybill is theirs before showing it. A refusal is an outcome; the
 * service not answering retries the update later.
 */
export interface WaybillPort {
  paymentMethods(causedBy: Cause): Promise<Outcome<PaymentMethod[]>>;
  create(
    input: DataInput<Messages, 'waybill.create'>,
    client: Client,
    causedBy: Cause,
  ): Promise<Outcome<Waybill>>;
  list(
    input: DataInput<Messages, 'waybill.list'>,
    client: Client,
    causedBy: Cause,
  ): Promise<Outcome<WaybillPage>>;
  get(waybillId: string, client: Client, causedBy: Cause): Promise<Outcome<Waybill>>;
  pdf(waybillId: string, client: Client, causedBy: Cause): Promise<Outcome<WaybillPdf>>;
}

export function waybillsOverRpc(rpc: () => RpcClient<Messages>, timeoutMs: number): WaybillPort {
  const as = (client: Client, causedBy: Cause) => ({ causedBy, timeoutMs, actor: actorOf(client) });
  return {
    paymentMethods: async (causedBy) => {
      const answer = await answerOrRefusal(() =>
        rpc().request('waybill.payment-methods', {}, { causedBy, timeoutMs }),
      );
      return answer.ok ? { ok: true, value: answer.value.methods } : answer;
    },
    create: (input, client, causedBy) =>
      answerOrRefusal(() => rpc().request('waybill.create', input, as(client, causedBy))),
    list: (input, client, causedBy) =>
      answerOrRefusal(() => rpc().request('waybill.list', input, as(client, causedBy))),
    get: (waybillId, client, causedBy) =>
      answerOrRefusal(() => rpc().request('waybill.get', { waybillId }, as(client, causedBy))),
    pdf: (waybillId, client, causedBy) =>
      answerOrRefusal(() =>
        rpc().request('waybill.pdf', { waybillId, readerId: client.id }, as(client, causedBy)),
      ),
  };
}
