import { DomainError } from '@fieldgram/platform';
import { fakeResponder, type Closable, type TestEnv } from '@fieldgram/testkit';
import {
  newMessageId,
  type Actor,
  type Claim,
  type DataOf,
  type Messages,
  type Waybill,
} from '@fieldgram/contracts';

type Answered = 'claims.file' | 'claims.list' | 'claims.get' | 'claims.change-status';

/** Where a status may go: new → in_review → resolved | rejected. */
const NEXT: Record<Claim['status'], readonly Claim['status'][]> = {
  new: ['in_review'],
  in_review: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

/**
 * A TEST DOUBLE of the claims service at the bus boundary (services/claims is written
 * concurrently), answering its contract on its own queues (testkit's fakeResponder), as the
 * contract says it decides: a claim's waybill must be the client's own (another client's →
 * not_found; a number it does not know → waybillId null), `claims.file` is idempotent by
 * requestId; a manager sees and moves only their clients' claims (another's → forbidden), a
 * client only their own; lists newest first, `q` matching the claim's or waybill's number or the
 * client's name. Every call is recorded with its actor.
 */
export class ClaimsDouble {
  readonly claims = new Map<string, Claim>();
  readonly calls: { type: Answered; data: Record<string, unknown>; actor: Actor }[] = [];
  /** The clients as the double knows them: their manager and name (for `q`). */
  readonly clients = new Map<string, { managerId: string; name: string }>();
  private readonly byRequest = new Map<string, string>();
  private next = 0;
  private responder: Closable | undefined;

  private constructor(private readonly waybills: () => Iterable<Waybill>) {}

  static async start(env: TestEnv, waybills: () => Iterable<Waybill>): Promise<ClaimsDouble> {
    const double = new ClaimsDouble(waybills);
    double.responder = await fakeResponder(env, {
      'claims.file': (data, request) => double.file(double.record('claims.file', data, request.actor)),
      'claims.list': (data, request) =>
        double.list(double.record('claims.list', data, request.actor), request.actor),
      'claims.get': (data, request) =>
        double.visible(double.record('claims.get', data, request.actor).claimId, request.actor),
      'claims.change-status': (data, request) =>
        double.move(double.record('claims.change-status', data, request.actor), request.actor),
    });
    return double;
  }

  client(clientId: string, managerId: string, name: string): void {
    this.clients.set(clientId, { managerId, name });
  }

  /** A claim filed earlier (for the manager's list). */
  add(clientId: string, fields: Partial<Claim> = {}): Claim {
    const now = new Date(Date.UTC(2026, 0, 1) + ++this.next * 60_000).toISOString();
    const claim: Claim = {
      id: newMessageId(),
      number: `CL-2026-${String(this.next).padStart(6, '0')}`,
      clientId,
      clientName: this.clients.get(clientId)?.name ?? 'Someone',
      managerId: this.clients.get(clientId)?.managerId ?? null,
      waybillNumber: 'WB-2026-000001',
      waybillId: null,
      email: 'client@example.com',
      description: 'The box arrived crushed.',
      amount: 1_500_050,
      currency: 'RUB',
      files: [],
      status: 'new',
      comment: null,
      history: [{ from: null, to: 'new', comment: null, byUserId: clientId, at: now }],
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    this.claims.set(claim.id, claim);
    return claim;
  }

  callsOf(type: Answered) {
    return this.calls.filter((call) => call.type === type);
  }

  private record<T extends object>(type: Answered, data: T, actor: Actor): T {
    this.calls.push({ type, data: { ...data } as Record<string, unknown>, actor });
    return data;
  }

  private file(data: DataOf<Messages, 'claims.file'>): Claim {
    const known = this.byRequest.get(data.requestId);
    if (known) return this.claims.get(known)!;
    const wanted = data.waybillNumber.toUpperCase();
    const waybill = [...this.waybills()].find((w) => w.number.toUpperCase() === wanted);
    if (waybill && waybill.clientId !== data.clientId)
      throw new DomainError('not_found', 'no such waybill of yours');
    const { requestId: _requestId, files, ...fields } = data;
    const claim = this.add(data.clientId, {
      ...fields,
      waybillId: waybill?.id ?? null,
      files: files.map((file) => ({
        ...file,
        storageKey: null,
        copy: 'pending' as const,
        copyFailure: null,
      })),
    });
    this.byRequest.set(data.requestId, claim.id);
    return claim;
  }

  private list(data: DataOf<Messages, 'claims.list'>, actor: Actor) {
    const q = data.q?.toLowerCase();
    const all = [...this.claims.values()]
      .filter((claim) => this.maySee(claim, actor))
      .filter((claim) => data.managerId === undefined || claim.managerId === data.managerId)
      .filter((claim) => data.clientId === undefined || claim.clientId === data.clientId)
      .filter((claim) => data.status === undefined || claim.status === data.status)
      .filter(
        (claim) =>
          q === undefined ||
          claim.number.toLowerCase().includes(q) ||
          claim.waybillNumber.toLowerCase().includes(q) ||
          claim.clientName.toLowerCase().includes(q),
      )
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const start = (data.page - 1) * data.pageSize;
    return {
      items: all.slice(start, start + data.pageSize).map(({ history: _h, files, ...summary }) => ({
        ...summary,
        fileCount: files.length,
      })),
      total: all.length,
      page: data.page,
      pageSize: data.pageSize,
    };
  }

  private maySee(claim: Claim, actor: Actor): boolean {
    if (actor.kind !== 'user') return true;
    if (actor.role === 'manager') return claim.managerId === actor.userId;
    return actor.role === 'admin' || claim.clientId === actor.userId;
  }

  private visible(claimId: string, actor: Actor): Claim {
    const claim = this.claims.get(claimId);
    if (!claim) throw new DomainError('not_found', `claim ${claimId} not found`);
    if (!this.maySee(claim, actor)) throw new DomainError('forbidden', 'not your client’s claim');
    return claim;
  }

  private move(data: DataOf<Messages, 'claims.change-status'>, actor: Actor): Claim {
    const claim = this.visible(data.claimId, actor);
    if (actor.kind !== 'user' || actor.role !== 'manager')
      throw new DomainError('forbidden', 'managers only');
    if (!NEXT[claim.status].includes(data.status))
      throw new DomainError('conflict', `the claim is ${claim.status}`);
    const at = new Date().toISOString();
    claim.history.push({
      from: claim.status,
      to: data.status,
      comment: data.comment,
      byUserId: actor.userId,
      at,
    });
    Object.assign(claim, { status: data.status, comment: data.comment, updatedAt: at });
    return claim;
  }

  async stop(): Promise<void> {
    await this.responder?.close();
  }
}
