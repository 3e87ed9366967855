import express, { type Request, type Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { TelegramSandbox } from '../sandbox.js';
import type { SandboxUser } from '../user/sandbox-user.js';
import { openLinkRoute } from './open-link-route.js';
import { runUserAction } from './user-action-route.js';
import { UserApiError, userApiErrors } from './user-api-error.js';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const limitsBody = z.object({
  limits: z.union([
    z.literal('off'),
    z.object({
      perBotPerSecond: z.number().positive().optional(),
      perChatPerSecond: z.number().positive().optional(),
      perGroupPerMinute: z.number().positive().optional(),
    }),
  ]),
});

const faultBody = z.intersection(
  z.object({
    method: z.string().optional(),
    chatId: z.number().int().optional(),
    times: z.number().int().positive().optional(),
  }),
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('server_error'), status: z.number().int().min(500).max(599).optional() }),
    z.object({ kind: z.literal('latency'), latencyMs: z.number().nonnegative() }),
    z.object({
      kind: z.literal('timeout'),
      holdMs: z.number().nonnegative().optional(),
      applied: z.boolean().optional(),
    }),
    z.object({ kind: z.literal('blocked') }),
  ]),
);

/**
 * The test API over HTTP under /sandbox, for harnesses not written in TypeScript and the web
 * page. Routes mirror TelegramSandbox and SandboxUser; bodies are JSON (files as base64, or a
 * multipart `file` part), answers are JSON, failures are 4xx `{ error }`.
 */
export function userApiRouter(sandbox: TelegramSandbox): Router {
  const router = express.Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES },
    defParamCharset: 'utf8',
  });
  router.use(express.json({ limit: MAX_UPLOAD_BYTES }));

  router.get('/bots', (_request, response) => {
    response.json(sandbox.bots());
  });
  router.post('/bots', (request, response) => {
    const options = z
      .object({
        token: z.string().optional(),
        username: z.string().optional(),
        firstName: z.string().optional(),
      })
      .parse(request.body ?? {});
    response.status(201).json(sandbox.createBot(options));
  });

  router.get('/users', (_request, response) => {
    response.json(sandbox.allUsers().map(userInfo));
  });
  router.post('/users', (request, response) => {
    const options = z
      .object({
        firstName: z.string().min(1),
        lastName: z.string().optional(),
        username: z.string().optional(),
        languageCode: z.string().optional(),
        id: z.number().int().positive().optional(),
      })
      .parse(request.body);
    response.status(201).json(userInfo(sandbox.createUser(options)));
  });

  router.post('/groups', (request, response) => {
    const options = z
      .object({
        title: z.string().min(1),
        memberIds: z.array(z.number().int()),
        type: z.enum(['group', 'supergroup']).optional(),
      })
      .parse(request.body);
    const members = options.memberIds.map((id) => userById(sandbox, id));
    response
      .status(201)
      .json(
        sandbox.createGroup({ title: options.title, members, ...(options.type && { type: options.type }) }),
      );
  });

  router.post(
    '/users/:userId/:action',
    upload.single('file'),
    async (request: Request<{ userId: string; action: string }>, response) => {
      const user = userById(sandbox, Number(request.params.userId));
      const body: unknown = request.body ?? {};
      response.json(
        await runUserAction(
          user,
          request.params.action,
          body,
          request.file?.buffer,
          request.file?.originalname,
        ),
      );
    },
  );

  router.route('/open').get(openLinkRoute(sandbox)).post(openLinkRoute(sandbox));

  router.get(
    '/bots/:botToken/chats/:chatId',
    (request: Request<{ botToken: string; chatId: string }>, response) => {
      const { botToken } = request.params;
      const chatId = Number(request.params.chatId);
      const log = sandbox.chatLog(botToken, chatId);
      response.json({
        messages: sandbox.messages(botToken, chatId),
        replyKeyboard: sandbox.replyKeyboard(botToken, chatId) ?? null,
        lastSeq: log.at(-1)?.seq ?? 0,
      });
    },
  );

  // The chat's events after `after`; with timeoutMs, held until one arrives (a long poll).
  router.get(
    '/bots/:botToken/chats/:chatId/events',
    async (request: Request<{ botToken: string; chatId: string }>, response) => {
      const { botToken } = request.params;
      const chatId = Number(request.params.chatId);
      const query = z
        .object({
          after: z.coerce.number().int().default(0),
          timeoutMs: z.coerce.number().int().min(0).max(60_000).default(0),
        })
        .parse(request.query);
      if (query.timeoutMs > 0) {
        await sandbox
          .waitForEvent(botToken, chatId, () => true, { after: query.after, timeoutMs: query.timeoutMs })
          .catch(() => undefined);
      }
      response.json(sandbox.chatLog(botToken, chatId).filter((event) => event.seq > query.after));
    },
  );

  router.get('/files/:fileId', (request: Request<{ fileId: string }>, response) => {
    const bytes = sandbox.fileBytes(request.params.fileId);
    if (bytes === undefined) response.status(404).json({ error: 'no such file' });
    else response.type('application/octet-stream').send(bytes);
  });

  router.post('/redeliver', (request, response) => {
    const { botToken, updateId, times } = z
      .object({
        botToken: z.string(),
        updateId: z.number().int(),
        times: z.number().int().positive().optional(),
      })
      .parse(request.body);
    sandbox.redeliver(botToken, updateId, times);
    response.json({ ok: true });
  });

  router.get('/stats', (_request, response) => {
    response.json(sandbox.stats());
  });
  router.put('/limits', (request, response) => {
    sandbox.setLimits(limitsBody.parse(request.body).limits);
    response.json({ ok: true });
  });
  router.post('/faults', (request, response) => {
    sandbox.injectFault(faultBody.parse(request.body));
    response.json({ ok: true });
  });
  router.delete('/faults', (_request, response) => {
    sandbox.clearFaults();
    response.json({ ok: true });
  });

  router.use(userApiErrors);
  return router;
}

function userById(sandbox: TelegramSandbox, id: number): SandboxUser {
  const user = sandbox.user(id);
  if (user === undefined) throw new UserApiError(404, `no user ${id}`);
  return user;
}

function userInfo(user: SandboxUser): Record<string, unknown> {
  return {
    id: user.id,
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    languageCode: user.languageCode,
  };
}
