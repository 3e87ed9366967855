import { meaningOfText } from '../core/commands.js';
import { menuActionReply, unknownTextReply } from '../views/replies.js';
import { leaveDialog } from './leave-dialog.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/**
 * Text: a main-menu button (it leaves any wizard or prompt), the answer to a prompt, or free
 * text, which points back at the menu. A button with no flow behind it yet says so.
 */
export const handleMessage: UpdateHandler<'tg.in.message'> = (turn) =>
  servePerson(turn, async (user) => {
    const { routes } = turn.deps;
    const { text, messageId } = turn.update.data;
    const meaning = meaningOfText(user.role, text);
    if (meaning.kind === 'menu') {
      leaveDialog(turn);
      const route = routes.menu[meaning.action];
      return route ? route(turn, user) : [menuActionReply(user, meaning.action, turn.lang)];
    }
    const prompt = turn.session.prompt;
    const promptRoute = prompt && routes.prompts[prompt.name];
    if (prompt && promptRoute) return promptRoute(turn, user, prompt);
    if (prompt) delete turn.session.prompt; // a prompt this version no longer has
    return [unknownTextReply(user, turn.lang, messageId)];
  });
