import { z } from 'zod';
import { defineRoute, json } from '../route.js';
import { ADMIN_ONLY, JournalEntryView, page, pageSize } from './common.js';

const dateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO date-time, e.g. 2026-01-31T09:00:00Z',
});

export const auditRoutes = [
  defineRoute({
    id: 'queryAudit',
    method: 'get',
    path: '/audit',
    tag: 'audit',
    summary: 'The journal of everything that happened (S0-12)',
    access: { roles: ADMIN_ONLY },
    query: z
      .object({
        type: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .meta({ description: 'An event type, e.g. user.registered' }),
        subject: z.string().trim().min(1).max(200).optional().meta({ description: 'e.g. user:<id>' }),
        from: dateTime.optional(),
        to: dateTime.optional(),
        page,
        pageSize: pageSize(200, 50),
      })
      .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), {
        error: '`from` must not be after `to`',
        path: ['from'],
      }),
    response: json(
      z
        .object({
          items: z.array(JournalEntryView),
          total: z.number().int(),
          page: z.number().int(),
          pageSize: z.number().int(),
        })
        .meta({ id: 'JournalPage' }),
      'One page of the journal',
    ),
    handler: (context) => context.call('audit.query', context.query),
  }),
];
