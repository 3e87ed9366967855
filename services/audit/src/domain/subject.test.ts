import { describe, expect, it } from 'vitest';
import { subjectOf } from './subject.js';

describe('subjectOf', () => {
  it('names the entity the event is about, most specific id first', () => {
    expect(subjectOf({ data: { userId: 'u1', name: 'Ann' } })).toBe('user:u1');
    expect(subjectOf({ data: { taskId: 't1', userId: 'u1' } })).toBe('user:u1');
    expect(subjectOf({ data: { taskId: 42 } })).toBe('task:42');
    expect(subjectOf({ data: { invoiceId: 'i1' }, partitionKey: 'task:1' })).toBe('invoice:i1');
    expect(subjectOf({ data: { inviteId: 'v1' } })).toBe('invite:v1');
  });

  it('falls back to an explicit subject, then the partition key, then nothing', () => {
    expect(subjectOf({ data: { recipientId: 'a1', subject: 'user:u9' }, partitionKey: 'feed:a1' })).toBe(
      'user:u9',
    );
    expect(subjectOf({ data: { chatId: 5, description: 'blocked' }, partitionKey: 'chat:5' })).toBe('chat:5');
    expect(subjectOf({ data: { userId: '' }, partitionKey: 'chat:5' })).toBe('chat:5');
    expect(subjectOf({ data: { subject: null } })).toBeNull();
    expect(subjectOf({ data: null })).toBeNull();
    expect(subjectOf({ data: ['userId'] })).toBeNull();
  });
});
