import { menuActionReply } from '../../views/replies.js';
import { startWizard } from '../../wizard/wizard-turns.js';
import type { MenuRoute } from '../flow.js';
import type { ClaimsPort } from './port.js';
import { emailChoices, waybillChoices } from './client-views.js';
import { CLAIM_WIZARD } from './wizard.js';

/** How many of the client's latest waybills the form offers as buttons. */
const LATEST_WAYBILLS = 5;

/**
 * "📝 New claim": the form, with the client's latest waybills and the e-mails they gave before
 * as buttons (looked up now and kept with the form, so the buttons mean the same after a restart).
 */
export function newClaimMenu(claims: ClaimsPort): MenuRoute {
  return async (turn, user) => {
    if (user.role !== 'client') return [menuActionReply(user, 'fileClaim', turn.lang)];
    const [latest, previous] = await Promise.all([
      claims.latestWaybills(user, LATEST_WAYBILLS, turn.update),
      claims.list({ clientId: user.id, page: 1, pageSize: 1 }, user, turn.update),
    ]);
    const lastEmail = previous.ok ? previous.value.items[0]?.email : undefined;
    return startWizard(
      turn,
      user,
      CLAIM_WIZARD,
      { latest: latest.length },
      { choices: { waybill: waybillChoices(latest), email: emailChoices([user.email, lastEmail]) } },
    );
  };
}
