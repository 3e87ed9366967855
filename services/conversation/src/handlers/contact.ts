import { contactReply } from '../views/replies.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/** A shared contact: thanked for (keeping the phone is the phone-sharing flow's job, S3-09). */
export const handleContact: UpdateHandler<'tg.in.contact'> = (turn) =>
  servePerson(turn, (user) => [contactReply(user, turn.lang)]);
