import { z } from 'zod';
import { botUserJson } from '../state/directory.js';
import type { TelegramUser } from '../telegram-types.js';
import { badRequest } from './bot-api-error.js';
import { defineMethod, type BotMethod } from './method.js';
import { chatId, integer, json } from './params.js';

const getMe = defineMethod('getMe', z.object({}), {}, (context): TelegramUser => ({
  ...botUserJson(context.bot),
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
}));

const scope = json(
  z.object({
    type: z.enum([
      'default',
      'all_private_chats',
      'all_group_chats',
      'all_chat_administrators',
      'chat',
      'chat_administrators',
      'chat_member',
    ]),
    chat_id: chatId.optional(),
    user_id: integer.optional(),
  }),
);

const commandsKey = z.object({ scope: scope.optional(), language_code: z.string().optional() });

/** setMyCommands keeps one list per scope and language, as Telegram does. */
function keyOf(params: z.output<typeof commandsKey>): string {
  const { type = 'default', chat_id = '', user_id = '' } = params.scope ?? {};
  return `${type}:${chat_id}:${user_id}:${params.language_code ?? ''}`;
}

const setMyCommands = defineMethod(
  'setMyCommands',
  commandsKey.extend({
    commands: json(
      z
        .array(z.object({ command: z.string(), description: z.string() }))
        .max(100, { error: 'too many commands' }),
    ),
  }),
  {
    check: (params) => {
      for (const { command, description } of params.commands) {
        if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
        if (description.length < 1 || description.length > 256)
          throw badRequest('command description is invalid');
      }
    },
  },
  (context, params) => {
    context.bot.commands.set(
      keyOf(params),
      params.commands.map(({ command, description }) => ({ command, description })),
    );
    return true;
  },
);

const getMyCommands = defineMethod(
  'getMyCommands',
  commandsKey,
  {},
  (context, params) => context.bot.commands.get(keyOf(params)) ?? [],
);

const deleteMyCommands = defineMethod('deleteMyCommands', commandsKey, {}, (context, params) => {
  context.bot.commands.delete(keyOf(params));
  return true;
});

export const botInfoMethods: BotMethod[] = [getMe, setMyCommands, getMyCommands, deleteMyCommands];
