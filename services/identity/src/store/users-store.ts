import { containsPattern } from '@fieldgram/platform';
import type { Knex } from 'knex';
import { newMessageId, type Language, type Role, type User } from '@fieldgram/contracts';
import { nameOf, profileLink } from '../domain/people.js';
import type { ProfileFields } from '../domain/registration.js';

/** A row of `users` as Postgres returns it (bigint as string, timestamps as Date). */
export interface UserRow {
  id: string;
  telegram_id: string | number | null;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  language_code: string | null;
  /** Chosen by staff; null = none chosen. */
  language: Language | null;
  phone: string | null;
  email: string | null;
  display_name: string | null;
  role: Role;
  active: boolean;
  manager_id: string | null;
  login: string | null;
  password_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

type Db = Knex | Knex.Transaction;

/** What a reader of people needs: the service's database (its own schema). */
export interface PeopleReadDeps {
  db: Knex;
}

export function toUser(row: UserRow): User {
  const telegramId = row.telegram_id === null ? null : Number(row.telegram_id);
  const parts = {
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    login: row.login,
    username: row.username,
    telegramId,
  };
  return {
    id: row.id,
    role: row.role,
    active: row.active,
    name: nameOf(parts),
    displayName: row.display_name,
    firstName: row.first_name,
    lastName: row.last_name,
    username: row.username,
    telegramId,
    profileLink: profileLink(row.username, telegramId),
    languageCode: row.language_code,
    language: row.language,
    phone: row.phone,
    email: row.email,
    login: row.login,
    managerId: row.manager_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Postgres' uuid type refuses anything else; an id that is not one names nobody. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function findUserById(
  db: Db,
  id: string,
  lock?: 'update' | 'share',
): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.table('users').where({ id }).first<UserRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  if (lock === 'share') void query.forShare();
  return query;
}

export async function findUserByTelegramId(
  db: Db,
  telegramId: number,
  lock?: 'update',
): Promise<UserRow | undefined> {
  const query = db.table('users').where({ telegram_id: telegramId }).first<UserRow | undefined>();
  if (lock === 'update') void query.forUpdate();
  return query;
}

export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.table('users').whereRaw('lower(login) = lower(?)', [login]).first<UserRow | undefined>();
}

/**
 * Inserts a person first met in Telegram; another transaction that inserted the same Telegram id
 * first wins (ON CONFLICT DO NOTHING), and then this returns undefined.
 */
export async function insertTelegramUser(
  trx: Knex.Transaction,
  person: ProfileFields & { telegramId: number; role: Role; managerId: string | null },
): Promise<UserRow | undefined> {
  const result = await trx.raw<{ rows: UserRow[] }>(
    `insert into users (id, telegram_id, username, first_name, last_name, language_code, role, manager_id)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (telegram_id) do nothing
     returning *`,
    [
      newMessageId(),
      person.telegramId,
      person.username,
      person.firstName,
      person.lastName,
      person.languageCode,
      person.role,
      person.managerId,
    ],
  );
  return result.rows[0];
}

export interface NewStaffUser {
  role: Role;
  displayName: string;
  phone: string | null;
  email: string | null;
  login: string | null;
  passwordHash: string | null;
  managerId: string | null;
}

export async function insertUser(trx: Knex.Transaction, user: NewStaffUser): Promise<UserRow> {
  const [row] = await trx
    .table('users')
    .insert({
      id: newMessageId(),
      role: user.role,
      display_name: user.displayName,
      phone: user.phone,
      email: user.email,
      login: user.login,
      password_hash: user.passwordHash,
      manager_id: user.managerId,
    })
    .returning<UserRow[]>('*');
  return row!;
}

/** The columns a change may touch (snake_case), with updated_at bumped. */
export type UserColumns = Partial<
  Pick<
    UserRow,
    | 'telegram_id'
    | 'username'
    | 'first_name'
    | 'last_name'
    | 'language_code'
    | 'language'
    | 'phone'
    | 'display_name'
    | 'role'
    | 'active'
    | 'manager_id'
    | 'password_hash'
  >
>;

export async function updateUserRow(
  trx: Knex.Transaction,
  id: string,
  columns: UserColumns,
): Promise<UserRow> {
  const [row] = await trx
    .table('users')
    .where({ id })
    .update({ ...columns, updated_at: trx.fn.now() })
    .returning<UserRow[]>('*');
  return row!;
}

export function profileFieldsOf(row: UserRow): ProfileFields {
  return {
    username: row.username,
    firstName: row.first_name,
    lastName: row.last_name,
    languageCode: row.language_code,
  };
}

export function profileColumns(fields: ProfileFields): UserColumns {
  return {
    username: fields.username,
    first_name: fields.firstName,
    last_name: fields.lastName,
    language_code: fields.languageCode,
  };
}

export interface UserFilter {
  role?: Role | undefined;
  active?: boolean | undefined;
  /** A manager's clients. */
  managerId?: string | undefined;
  /** What a manager may see: their clients and themselves. */
  visibleToManager?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listUserRows(
  db: Knex,
  filter: UserFilter,
): Promise<{ rows: UserRow[]; total: number }> {
  const base = db.table('users').modify((query: Knex.QueryBuilder) => {
    if (filter.role) void query.where('role', filter.role);
    if (filter.active !== undefined) void query.where('active', filter.active);
    // An id that is no uuid names nobody (and the uuid column would refuse it).
    if (filter.managerId !== undefined)
      void (isUuid(filter.managerId) ? query.where('manager_id', filter.managerId) : query.whereRaw('false'));
    const viewer = filter.visibleToManager;
    if (viewer !== undefined)
      void (isUuid(viewer)
        ? query.where((inner) => void inner.where('manager_id', viewer).orWhere('id', viewer))
        : query.whereRaw('false'));
    const q = filter.q?.trim();
    if (q) {
      const pattern = containsPattern(q);
      void query.where((inner) => {
        for (const column of [
          'display_name',
          'first_name',
          'last_name',
          'username',
          'login',
          'phone',
          'email',
        ])
          void inner.orWhereRaw('?? ilike ?', [column, pattern]);
        void inner.orWhereRaw("concat_ws(' ', first_name, last_name) ilike ?", [pattern]);
      });
    }
  });
  const [counted, rows] = await Promise.all([
    base.clone().count<{ total: string }[]>({ total: '*' }),
    base
      .clone()
      .select<UserRow[]>('*')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  ]);
  return { rows, total: Number(counted[0]?.total ?? 0) };
}

/** Is there an active admin who can sign in? (the first-admin bootstrap, the last-admin rule) */
export async function countActiveAdminsWithLogin(db: Db, exceptId?: string): Promise<number> {
  const query = db
    .table('users')
    .where({ role: 'admin', active: true })
    .whereNotNull('login')
    .count<{ count: string }[]>({ count: '*' });
  if (exceptId) void query.whereNot('id', exceptId);
  const [row] = await query;
  return Number(row?.count ?? 0);
}

/** Replaces a person's REST password hash (updated_at bumped). */
export async function setPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
  await db.table('users').where({ id }).update({ password_hash: passwordHash, updated_at: db.fn.now() });
}

/**
 * Upgrades a stored hash to the current parameters after a sign-in proved the password, unless
 * it changed meanwhile (a password change wins). Not a change of the person: updated_at stays.
 */
export async function upgradePasswordHash(
  db: Db,
  id: string,
  verifiedHash: string,
  upgradedHash: string,
): Promise<void> {
  await db.table('users').where({ id, password_hash: verifiedHash }).update({ password_hash: upgradedHash });
}
