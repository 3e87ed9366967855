import { meaningOfText } from '../domain/commands.js';
import { menuActionReply, unknownTextReply } from '../domain/replies.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/**
 * Text: a main-menu button (it leaves any wizard), the answer to a wizard's question, or free
 * text, which points back at the menu. A button with no flow behind it yet says so.
 */
export const handleMessage: UpdateHandler<'tg.in.message'> = (turn) =>
  servePerson(turn, async (user) => {
    const { routes } = turn.deps;
    const { text, messageId } = turn.update.data;
    const meaning = meaningOfText(user.role, text);
    if (meaning.kind === 'menu') {
      delete turn.session.wizard;
      delete turn.session.menu;
      const route = routes.menu[meaning.action];
      return route ? route(turn, user) : [menuActionReply(user, meaning.action, turn.lang)];
    }
    const wizard = turn.session.wizard;
    const wizardRoute = wizard && routes.wizards[wizard.name];
    if (wizard && wizardRoute) return wizardRoute(turn, user, wizard);
    if (wizard) delete turn.session.wizard; // a wizard this version no longer has
    return [unknownTextReply(user, turn.lang, messageId)];
  });
