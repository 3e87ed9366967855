/** Fields of an event's data that name what it is about, most specific first, with their prefix. */
const SUBJECT_FIELDS: readonly (readonly [field: string, prefix: string])[] = [
  ['userId', 'user'],
  ['taskId', 'task'],
  ['invoiceId', 'invoice'],
  ['waybillId', 'waybill'],
  ['claimId', 'claim'],
  ['inviteId', 'invite'],
];

/**
 * What a journal line is about, for `audit.query {subject}`: `user:<id>` from `data.userId`,
 * `task:<id>` from `data.taskId`… else an explicit `data.subject` (`user:<id>` of a feed item),
 * else the envelope's partition key (`chat:<id>`), else nothing.
 */
export function subjectOf(envelope: { data: unknown; partitionKey?: string | undefined }): string | null {
  const data = isRecord(envelope.data) ? envelope.data : {};
  for (const [field, prefix] of SUBJECT_FIELDS) {
    const id = data[field];
    if ((typeof id === 'string' && id.length > 0) || typeof id === 'number') return `${prefix}:${id}`;
  }
  if (typeof data.subject === 'string' && data.subject.length > 0) return data.subject;
  return envelope.partitionKey ?? null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
