import type { Knex } from 'knex';
import { newMessageId, type Role } from '@fieldgram/contracts';
import { newToken } from '../domain/tokens.js';

export interface InviteRow {
  id: string;
  token: string;
  role: Role;
  max_uses: number | null;
  uses: number;
  expires_at: Date | null;
  standing: boolean;
  created_by: string | null;
  created_at: Date;
}

type Db = Knex | Knex.Transaction;

export async function insertInvite(
  trx: Knex.Transaction,
  invite: { role: Role; maxUses: number | null; expiresInHours: number | null; createdBy: string | null },
): Promise<InviteRow> {
  const [row] = await trx
    .table('invites')
    .insert({
      id: newMessageId(),
      token: newToken(),
      role: invite.role,
      max_uses: invite.maxUses,
      expires_at:
        invite.expiresInHours === null
          ? null
          : trx.raw('now() + make_interval(hours => ?)', [invite.expiresInHours]),
      created_by: invite.createdBy,
    })
    .returning<InviteRow[]>('*');
  return row!;
}

/**
 * The standing join link of a role (S0-02): multi-use, never expiring, made once. Concurrent first
 * asks race on the partial unique index; the loser gets undefined and reads the winner's.
 */
export async function insertStandingInvite(
  trx: Knex.Transaction,
  role: Role,
  createdBy: string | null,
): Promise<InviteRow | undefined> {
  const result = await trx.raw<{ rows: InviteRow[] }>(
    `insert into invites (id, token, role, standing, created_by) values (?, ?, ?, true, ?)
     on conflict (role) where standing do nothing
     returning *`,
    [newMessageId(), newToken(), role, createdBy],
  );
  return result.rows[0];
}

export async function findStandingInvite(db: Db, role: Role): Promise<InviteRow | undefined> {
  return db.table('invites').where({ role, standing: true }).first<InviteRow | undefined>();
}

export async function findInviteByToken(db: Db, token: string): Promise<InviteRow | undefined> {
  return db.table('invites').where({ token }).first<InviteRow | undefined>();
}

/**
 * Counts one use if the invite still admits people, atomically (a row lock serializes concurrent
 * joiners): returns the role it grants, or undefined when it is unknown, used up or expired.
 */
export async function useInvite(trx: Knex.Transaction, token: string): Promise<Role | undefined> {
  const result = await trx.raw<{ rows: { role: Role }[] }>(
    `update invites set uses = uses + 1
     where token = ?
       and (max_uses is null or uses < max_uses)
       and (expires_at is null or expires_at > now())
     returning role`,
    [token],
  );
  return result.rows[0]?.role;
}
