import { mediaReply } from '../views/replies.js';
import { answerWizardFiles } from '../wizard/wizard-turns.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/**
 * Photos, videos, documents, albums: the answer to a wizard's files step (S1-03's photos and
 * scans; any other step re-asks politely, nothing lost); outside a wizard, point at the menu.
 */
export const handleMedia: UpdateHandler<'tg.in.media'> = (turn) =>
  servePerson(turn, (user) => {
    const wizard = turn.session.wizard;
    if (wizard) return answerWizardFiles(turn, user, wizard);
    return [mediaReply(user, turn.lang, turn.update.data.messageIds[0]!)];
  });
