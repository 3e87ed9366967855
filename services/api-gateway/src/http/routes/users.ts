import { z } from 'zod';
import { LanguageSchema, RoleSchema } from '@fieldgram/contracts';
import { HttpProblem, forbidden } from '../problem.js';
import { defineRoute, json } from '../route.js';
import {
  ADMIN_ONLY,
  IdParams,
  STAFF,
  UserView,
  hideOthersClients,
  page,
  pageSize,
  queryBoolean,
  requireManagerMayActOn,
} from './common.js';

const PagedUsersView = z
  .object({
    items: z.array(UserView),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'UserPage' });

const name = z.string().trim().min(1).max(100);
const phone = z.string().trim().min(3).max(32);

const CreateUserBody = z
  .strictObject({
    role: RoleSchema,
    name,
    phone: phone.optional(),
    email: z.email().optional(),
    login: z.string().trim().min(3).max(64).optional().meta({ description: 'Staff only: a REST login' }),
    password: z
      .string()
      .min(8)
      .max(200)
      .optional()
      .meta({ description: 'With `login`; at least 8 characters' }),
    managerId: z.uuid().optional().meta({ description: "A client's manager; a manager's own id by default" }),
  })
  .superRefine((body, context) => {
    if ((body.login === undefined) !== (body.password === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [body.login === undefined ? 'login' : 'password'],
        message: 'login and password go together',
      });
    }
  });

const UpdateUserBody = z
  .strictObject({
    displayName: name
      .nullable()
      .meta({ description: 'The name staff and clients see (S3-07); null clears it' }),
    role: RoleSchema,
    active: z.boolean().meta({ description: 'false blocks the person everywhere; people are never deleted' }),
    phone: phone.nullable(),
    managerId: z.uuid().nullable(),
    language: LanguageSchema.nullable().meta({
      description:
        "The language of the person's bot messages, notifications and documents, over their " +
        "Telegram app's (which is used when null, then the organization's)",
    }),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { error: 'expected at least one field to change' });

const AssignManagerBody = z.strictObject({
  managerId: z.uuid().meta({ description: 'An active manager' }),
});

export const userRoutes = [
  defineRoute({
    id: 'listUsers',
    method: 'get',
    path: '/users',
    tag: 'users',
    summary: 'List people',
    description:
      "`q` searches names, usernames, phones and logins; `managerId` lists a manager's clients (S1-01).",
    access: { roles: STAFF, rule: 'managers see their own clients and themselves only' },
    query: z.object({
      role: RoleSchema.optional(),
      active: queryBoolean.optional(),
      managerId: z.uuid().optional().meta({ description: "A manager's clients" }),
      q: z.string().trim().min(1).max(100).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
    response: json(PagedUsersView, 'One page of people'),
    handler(context) {
      const caller = context.caller();
      return context.call('identity.list-users', {
        ...context.query,
        ...(caller.role === 'manager' ? { visibleToManager: caller.userId } : {}),
      });
    },
  }),
  defineRoute({
    id: 'getUser',
    method: 'get',
    path: '/users/:id',
    tag: 'users',
    summary: 'One person',
    access: { roles: STAFF, rule: "another manager's client is not found for a manager" },
    params: IdParams,
    response: json(UserView, 'The person'),
    errors: [404],
    async handler(context) {
      const user = await context.call('identity.get-user', { userId: context.params.id });
      hideOthersClients(context.caller(), user);
      return user;
    },
  }),
  defineRoute({
    id: 'createUser',
    method: 'post',
    path: '/users',
    tag: 'users',
    summary: 'Add a person who has no Telegram yet',
    description:
      'A client from another system, a manager… They can link Telegram later (POST /users/{id}/telegram-link). ' +
      'Staff (admin, manager) may get a login and password for this API.',
    access: {
      roles: STAFF,
      rule: "managers create clients only; a manager's new client is theirs unless managerId says otherwise",
    },
    body: CreateUserBody,
    response: json(UserView, 'Created', 201),
    errors: [409],
    handler(context) {
      const caller = context.caller();
      const body = { ...context.body };
      if (caller.role === 'manager') {
        if (body.role !== 'client') throw forbidden('A manager may create clients only.');
        body.managerId ??= caller.userId;
      }
      return context.call('identity.create-user', body);
    },
  }),
  defineRoute({
    id: 'updateUser',
    method: 'patch',
    path: '/users/:id',
    tag: 'users',
    summary: "Change a person's display name, role, active flag, phone, manager or language",
    access: {
      roles: STAFF,
      rule:
        'managers change their own clients only, cannot give another role nor another manager; ' +
        'nobody deactivates or re-roles themselves',
    },
    params: IdParams,
    body: UpdateUserBody,
    response: json(UserView, 'The person as changed'),
    errors: [404, 409],
    async handler(context) {
      const caller = context.caller();
      const patch = context.body;
      if (caller.role === 'manager') {
        const user = await context.call('identity.get-user', { userId: context.params.id });
        requireManagerMayActOn(caller, user, 'change');
        if (patch.role !== undefined && patch.role !== 'client') {
          throw forbidden('A manager may not give anyone a role other than client.');
        }
        if (patch.managerId !== undefined && patch.managerId !== user.managerId)
          throw forbidden('A manager may not reassign clients; an admin does (PUT /users/{id}/manager).');
      }
      if (
        context.params.id === caller.userId &&
        (patch.active === false || (patch.role && patch.role !== caller.role))
      ) {
        throw new HttpProblem('conflict', 'You cannot deactivate your own account or change your own role.');
      }
      return context.call('identity.update-user', { userId: context.params.id, patch });
    },
  }),
  defineRoute({
    id: 'assignManager',
    method: 'put',
    path: '/users/:id/manager',
    tag: 'users',
    summary: 'Give a client another manager (S1-01); their open claims follow',
    description:
      'Announced as `user.manager-assigned`. A manager with active clients can be deactivated only ' +
      'after they are reassigned (409 saying how many).',
    access: { roles: ADMIN_ONLY },
    params: IdParams,
    body: AssignManagerBody,
    response: json(UserView, 'The client with their manager'),
    errors: [404],
    handler: (context) =>
      context.call('identity.assign-manager', {
        clientId: context.params.id,
        managerId: context.body.managerId,
      }),
  }),
];
