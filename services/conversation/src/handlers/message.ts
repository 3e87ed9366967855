import { meaningOfText } from '../core/commands.js';
import { menuActionReply, unknownTextReply } from '../views/replies.js';
import { answerWizard } from '../wizard/wizard-turns.js';
import { leaveDialog } from './dialog.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/**
 * Text: a main-menu button (it leaves any wizard or prompt), the answer to a wizard's step or a
 * prompt, or free
 * text, which points back at the menu. A button with no flow behind it yet says so.
 */
export const handleMessage: UpdateHandler<'tg.in.message'> = (turn) =>
  servePerson(turn, async (user) => {
    const { routes } = turn.deps;
    const { text, messageId } = turn.update.data;
    const meaning = meaningOfText(user.role, text);
    if (meaning.kind === 'menu') {
      await leaveDialog(turn, 'menu');
      const route = routes.menu[meaning.action];
      return route ? route(turn, user) : [menuActionReply(user, meaning.action, turn.lang)];
    }
    const wizard = turn.session.wizard;
    if (wizard) return answerWizard(turn, user, wizard);
    const prompt = turn.session.prompt;
    const promptRoute = prompt && routes.prompts[prompt.name];
    if (prompt && promptRoute) return promptRoute(turn, user, prompt);
    if (prompt) delete turn.session.prompt; // a prompt this version no longer has
    return [unknownTextReply(user, turn.lang, messageId)];
  });
