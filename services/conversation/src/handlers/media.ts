import { mediaReply } from '../views/replies.js';
import { servePerson } from './people.js';
import type { UpdateHandler } from './turn.js';

/** Photos, videos, documents: no flow takes files yet (S3-08, S1-03 will); point at the menu. */
export const handleMedia: UpdateHandler<'tg.in.media'> = (turn) =>
  servePerson(turn, (user) => [mediaReply(user, turn.lang, turn.update.data.messageIds[0]!)]);
