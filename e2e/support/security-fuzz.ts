// Generators for the security tests: wrong REST inputs from a route's schemas, junk Telegram updates.
import { createHmac } from 'node:crypto';
import type { AnyRoute } from '../../services/api-gateway/src/http/route.js';

/** A route's body or query schema (zod, typed through the registry: e2e does not depend on zod). */
type Schema = NonNullable<AnyRoute['body']>;

/** A small seeded PRNG (mulberry32): the same junk on every run, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value, b: [value] };
  return value;
}

function deepChain(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { x: value };
  return value;
}

/** Values of every wrong kind for a field. */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  -9_007_199_254_740_991,
  1.5,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'x'.repeat(20_000),
  '🙂\u0000\u202e\uFFFF𝕏',
  "'; DROP TABLE users; --",
  '{{7*7}}<script>alert(1)</script>',
  'not-a-uuid',
  '2026-13-45',
  [],
  [1, 'two', null],
  {},
  { nested: { deeper: [1, 2, 3] } },
  nested(6),
  deepChain(200),
];

/** The top-level keys of an object schema (zod 4 keeps refinements on the object itself). */
export function schemaKeys(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

/** ~`count` wrong JSON bodies for a body schema: wrong shapes, wrong field types, extra fields. */
export function wrongBodies(schema: Schema, count: number, random: () => number): unknown[] {
  const keys = schemaKeys(schema);
  const bodies: unknown[] = [null, [], 'a string', 42, [{}], {}, { surelyNotAField: 1 }, nested(8)];
  while (bodies.length < count) {
    const body: Record<string, unknown> = {};
    for (const key of keys) if (random() < 0.6) body[key] = pick(random, WRONG_VALUES);
    if (random() < 0.3) body[`extra_${Math.floor(random() * 1000)}`] = pick(random, WRONG_VALUES);
    if (keys.length > 0 && Object.keys(body).length === 0)
      body[pick(random, keys)] = pick(random, WRONG_VALUES);
    bodies.push(body);
  }
  return bodies.slice(0, count);
}

const QUERY_VALUES = [
  '',
  '-1',
  '-99999999999999999999',
  '1e400',
  'NaN',
  'null',
  'true',
  'x'.repeat(5_000),
  '🙂\u202e',
  'not-a-uuid',
  '2026-02-31',
  '9999-12-31T99:99:99Z',
  '[object Object]',
  '%00',
  '../../etc/passwd',
];

/** ~`count` wrong query strings (without `?`) for a query schema: arrays, huge, unicode, extra. */
export function wrongQueries(schema: Schema, count: number, random: () => number): string[] {
  const keys = schemaKeys(schema);
  const queries: string[] = ['unknown=1', 'a[b][c]=1'];
  while (queries.length < count) {
    const parts: string[] = [];
    for (const key of keys) {
      if (random() < 0.5) continue;
      const value = encodeURIComponent(pick(random, QUERY_VALUES));
      parts.push(`${key}=${value}`);
      if (random() < 0.2) parts.push(`${key}=${value}2`); // the same key twice: an array
      if (random() < 0.1) parts.push(`${key}[x]=1`);
    }
    if (parts.length === 0 || random() < 0.2)
      parts.push(`${pick(random, [...keys, 'zz'])}=${pick(random, QUERY_VALUES)}`);
    queries.push(parts.join('&'));
  }
  return queries.slice(0, count);
}

export const INVALID_IDS = [
  'not-a-uuid',
  '0',
  '-1',
  '00000000-0000-0000-0000-00000000000g',
  'x'.repeat(300),
  '%F0%9F%99%82',
  '..%2F..%2Fetc',
];

/** An HS256 JWT, signed as the API signs its tokens (jose's compact form). */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** One junk webhook body (a JSON value, or raw text when `raw`). `i` varies the shape. */
export function junkUpdate(i: number, random: () => number): { body: string; kind: string } {
  const kinds = [
    'random-shape',
    'wrong-types',
    'missing-update-id',
    'negative-id',
    'nested-junk',
    'unknown-kind',
    'non-json',
    'huge-string',
    'not-an-object',
  ] as const;
  const kind = kinds[i % kinds.length]!;
  const id = 10_000_000 + i;
  switch (kind) {
    case 'random-shape': {
      const body: Record<string, unknown> = {};
      const n = 1 + Math.floor(random() * 5);
      for (let k = 0; k < n; k++) body[`k${Math.floor(random() * 50)}`] = pick(random, WRONG_VALUES);
      return { kind, body: JSON.stringify(body) };
    }
    case 'wrong-types':
      return {
        kind,
        body: JSON.stringify(
          pick(random, [
            { update_id: String(id), message: 'text' },
            { update_id: id, message: { message_id: 'x', chat: 5, date: 'now', text: 7 } },
            { update_id: id, message: { message_id: 1, chat: { id: 'abc', type: 5 }, date: 1, text: [] } },
            { update_id: id, callback_query: { id: 5, from: 'me', data: {} } },
            { update_id: 1.5, message: null },
            { update_id: id, message: [] },
          ]),
        ),
      };
    case 'missing-update-id':
      return {
        kind,
        body: JSON.stringify({
          message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'hi' },
        }),
      };
    case 'negative-id':
      return {
        kind,
        body: JSON.stringify({ update_id: -id, message: { message_id: -1, date: -1, chat: { id: -1 } } }),
      };
    case 'nested-junk':
      return {
        kind,
        body: JSON.stringify({ update_id: id, message: nested(12), edited_message: deepChain(300) }),
      };
    case 'unknown-kind':
      return {
        kind,
        body: JSON.stringify({
          update_id: id,
          [`surely_unknown_${i % 7}`]: { id: 1, whatever: pick(random, WRONG_VALUES) },
        }),
      };
    case 'non-json':
      return {
        kind,
        body: pick(random, ['{"update_id": 1,', 'not json at all', '\u0000\u0001\u0002', '{{{{', '']),
      };
    case 'huge-string':
      return {
        kind,
        body: JSON.stringify({ update_id: 'x'.repeat(50_000 + Math.floor(random() * 100_000)) }),
      };
    case 'not-an-object':
      return { kind, body: JSON.stringify(pick(random, [null, 1, 'string', [], [1, 2], true])) };
  }
}
