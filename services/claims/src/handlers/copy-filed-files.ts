import type { Messages } from '@fieldgram/contracts';
import type { MessageHandler } from '@fieldgram/platform';
import { copyClaimFiles, type CopyClaimFilesDeps } from '../usecases/copy-claim-files.js';

/** `claim.filed` (its own event, on `claims.file-copies`): the claim's files into object storage (S1-03). */
export function copyFiledFilesHandler(deps: CopyClaimFilesDeps): MessageHandler<Messages, 'claim.filed'> {
  return (filed) => copyClaimFiles(deps, filed);
}
