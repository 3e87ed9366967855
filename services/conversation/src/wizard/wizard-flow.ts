import { WIZARD_BUTTONS, readWizardPress } from '@fieldgram/bot-ui';
import type { Flow } from '../flows/flow.js';
import { staleButtonAnswer } from '../views/replies.js';
import { pressWizard } from './wizard-turns.js';

/**
 * Core: the wizard mechanism's buttons (`wz:…`) for every flow's wizards. A press for a wizard
 * the chat is not in (another run, another chat's, a finished one) gets the polite stale answer.
 */
export const wizardFlow: Flow = {
  name: 'wizard',
  mount: () => ({
    callbacks: {
      [WIZARD_BUTTONS.ns]: async (turn, user) => {
        const press = readWizardPress(turn.update.data.data);
        const state = turn.session.wizard;
        if (!press || !state || press.run !== state.run)
          return [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];
        return pressWizard(turn, user, state, press);
      },
    },
  }),
};
