import { EVERY_ADMIN } from './audiences.js';
import { rule, type ActionTemplate, type NotificationRule } from './rule.js';

const REVIEW_USER = {
  label: 'notify.action.reviewUser',
  href: '/api/v1/users/{userId}',
} as const satisfies ActionTemplate;
/** What both share: to every active admin, about the person, with a review action. */
const toAdmins = { ...EVERY_ADMIN, subject: 'user:{userId}', actions: [REVIEW_USER] } as const;

/** Who joined: every active admin hears of it. */
export const PEOPLE_RULES: readonly NotificationRule[] = [
  // S0-05, S0-13: a technician joined → every active admin, at once, with sound and a review action.
  rule({
    id: 'technician-registered',
    event: 'user.registered',
    when: { role: 'technician' },
    text: 'notify.user.technicianRegistered',
    sound: true,
    ...toAdmins,
  }),
  // A client joined: worth knowing, not worth a sound.
  rule({
    id: 'client-registered',
    event: 'user.registered',
    when: { role: 'client' },
    text: 'notify.user.clientRegistered',
    sound: false,
    ...toAdmins,
  }),
];
