import { z } from 'zod';
import type { SandboxUser } from '../user/sandbox-user.js';
import { UserApiError } from './user-api-error.js';

const fileFields = {
  bytesBase64: z.string().optional(),
  fileName: z.string().optional(),
  mimeType: z.string().optional(),
  caption: z.string().optional(),
};

/**
 * `POST /sandbox/users/:id/<action>`: the SandboxUser method of that name, with its arguments
 * as JSON fields (`botToken` first), files as `bytesBase64` or an uploaded `file` part.
 */
export async function runUserAction(
  user: SandboxUser,
  action: string,
  body: unknown,
  uploaded: Buffer | undefined,
  uploadedName: string | undefined,
): Promise<unknown> {
  const withBot = z.object({ botToken: z.string() });
  const file = (parsed: z.output<z.ZodObject<typeof fileFields>>) => ({
    ...((uploaded ?? parsed.bytesBase64) !== undefined && {
      bytes: uploaded ?? Buffer.from(parsed.bytesBase64 ?? '', 'base64'),
    }),
    ...((parsed.fileName ?? uploadedName) !== undefined && { fileName: parsed.fileName ?? uploadedName }),
    ...(parsed.mimeType !== undefined && { mimeType: parsed.mimeType }),
    ...(parsed.caption !== undefined && parsed.caption !== '' && { caption: parsed.caption }),
  });
  const numbers = (value: unknown): unknown =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  const options = z.object({
    chatId: z.preprocess(numbers, z.number().int().optional()),
    replyToMessageId: z.preprocess(numbers, z.number().int().optional()),
  });

  switch (action) {
    case 'sendText': {
      const { botToken, text, ...rest } = withBot
        .extend({ text: z.string() })
        .extend(options.shape)
        .parse(body);
      return user.sendText(botToken, text, defined(rest));
    }
    case 'sendCommand': {
      const { botToken, command, payload, chatId } = withBot
        .extend({ command: z.string(), payload: z.string().optional() })
        .extend(options.shape)
        .parse(body);
      return user.sendCommand(botToken, command, payload, defined({ chatId }));
    }
    case 'sendContact': {
      const { botToken, phoneNumber } = withBot.extend({ phoneNumber: z.string().optional() }).parse(body);
      return user.sendContact(botToken, defined({ phoneNumber }));
    }
    case 'sendPhoto':
    case 'sendDocument':
    case 'sendVoice':
    case 'sendVideo': {
      const parsed = withBot.extend(fileFields).extend(options.shape).parse(body);
      const { chatId, replyToMessageId } = parsed;
      return user[action](parsed.botToken, file(parsed), defined({ chatId, replyToMessageId }));
    }
    case 'sendAlbum': {
      const { botToken, items, ...rest } = withBot
        .extend({ items: z.array(z.object({ kind: z.enum(['photo', 'video', 'document']), ...fileFields })) })
        .extend(options.shape)
        .parse(body);
      return user.sendAlbum(
        botToken,
        items.map((item) => ({ kind: item.kind, ...file(item) })),
        defined(rest),
      );
    }
    case 'pressButton': {
      const { botToken, messageId, data, chatId } = withBot
        .extend({ messageId: z.number().int(), data: z.string() })
        .extend(options.shape)
        .parse(body);
      return user.pressButton(botToken, messageId, data, defined({ chatId }));
    }
    case 'blockBot':
    case 'unblockBot': {
      const { botToken } = withBot.parse(body);
      await user[action](botToken);
      return { ok: true };
    }
    default:
      throw new UserApiError(404, `no user action ${JSON.stringify(action)}`);
  }
}

/** Drops undefined fields, so optional options stay absent rather than present-and-undefined. */
function defined<T extends Record<string, unknown>>(
  object: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
