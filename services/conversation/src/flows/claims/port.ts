import type { Claim, DataInput, Messages, ResultOf, User, Waybill } from '@fieldgram/contracts';
import type { RpcClient } from '@fieldgram/platform';
import { actorOf, answerOrRefusal, type Cause, type Outcome } from '../service-answer.js';

export type ClaimPage = ResultOf<Messages, 'claims.list'>;
type Person = Pick<User, 'id' | 'role'>;

/**
 * What the claims flow asks (S1-03, S1-06): the claims service, and the waybill service for a
 * client's latest waybills (the form's buttons). Every request carries the person as its actor
 * (from identity, never from a button): the claims service refuses another manager's claim.
 * A refusal is an outcome; a service not answering retries the update later.
 */
export interface ClaimsPort {
  file(input: DataInput<Messages, 'claims.file'>, client: Person, causedBy: Cause): Promise<Outcome<Claim>>;
  list(
    input: DataInput<Messages, 'claims.list'>,
    person: Person,
    causedBy: Cause,
  ): Promise<Outcome<ClaimPage>>;
  get(claimId: string, person: Person, causedBy: Cause): Promise<Outcome<Claim>>;
  changeStatus(
    input: DataInput<Messages, 'claims.change-status'>,
    manager: Person,
    causedBy: Cause,
  ): Promise<Outcome<Claim>>;
  /** The client's latest waybills, newest first (none if the waybill service refuses). */
  latestWaybills(client: Person, count: number, causedBy: Cause): Promise<Waybill[]>;
}

export function claimsOverRpc(
  rpc: () => RpcClient<Messages>,
  timeouts: { claims: number; waybill: number },
): ClaimsPort {
  const as = (person: Person, causedBy: Cause, timeoutMs = timeouts.claims) => ({
    causedBy,
    timeoutMs,
    actor: actorOf(person),
  });
  return {
    file: (input, client, causedBy) =>
      answerOrRefusal(() => rpc().request('claims.file', input, as(client, causedBy))),
    list: (input, person, causedBy) =>
      answerOrRefusal(() => rpc().request('claims.list', input, as(person, causedBy))),
    get: (claimId, person, causedBy) =>
      answerOrRefusal(() => rpc().request('claims.get', { claimId }, as(person, causedBy))),
    changeStatus: (input, manager, causedBy) =>
      answerOrRefusal(() => rpc().request('claims.change-status', input, as(manager, causedBy))),
    latestWaybills: async (client, count, causedBy) => {
      const listed = await answerOrRefusal(() =>
        rpc().request(
          'waybill.list',
          { clientId: client.id, page: 1, pageSize: count },
          as(client, causedBy, timeouts.waybill),
        ),
      );
      return listed.ok ? listed.value.items : [];
    },
  };
}
