import { formatDocumentDate, formatMoney, t, type Currency, type Lang } from '@fieldgram/bot-ui';
import type { Claim, ClaimFile, Waybill } from '@fieldgram/contracts';
import { shortened } from '../../views/shortened.js';
import type { Outgoing } from '../../core/outgoing.js';
import type { GivenChoice, WizardFile } from '../../wizard/definition.js';

const CARGO_ON_BUTTON = 24;

/** The client's latest waybills as the form's buttons: the number is the answer. */
export function waybillChoices(waybills: readonly Waybill[]): GivenChoice[] {
  return waybills.map((waybill) => {
    const short = shortened(waybill.cargo, CARGO_ON_BUTTON);
    return {
      value: waybill.number,
      label: {
        en: `${waybill.number} · ${formatDocumentDate(waybill.createdAt, 'en')} · ${short}`,
        ru: `${waybill.number} · ${formatDocumentDate(waybill.createdAt, 'ru')} · ${short}`,
      },
    };
  });
}

/** E-mails the client gave before (their profile's, their last claim's), each once, as buttons. */
export function emailChoices(emails: readonly (string | null | undefined)[]): GivenChoice[] {
  const known = [...new Set(emails.filter((email): email is string => !!email?.trim()))];
  return known.map((email) => ({ value: email, label: email }));
}

/** The files a claim takes: photos and documents, as the claims contract has them. */
export function claimFilesOf(files: readonly WizardFile[]): ClaimFile[] {
  return files.flatMap((file) =>
    file.kind === 'photo' || file.kind === 'document'
      ? [
          {
            kind: file.kind,
            fileId: file.fileId,
            fileUniqueId: file.fileUniqueId,
            ...(file.fileName !== undefined ? { fileName: file.fileName } : {}),
            ...(file.mimeType !== undefined ? { mimeType: file.mimeType } : {}),
            ...(file.fileSize !== undefined ? { fileSize: file.fileSize } : {}),
          },
        ]
      : [],
  );
}

/** `photos: 2, documents: 1`. */
export function filesShown(files: readonly Pick<WizardFile, 'kind'>[], lang: Lang): string {
  const photos = files.filter((file) => file.kind === 'photo').length;
  return t(lang, 'claim.shown.files', { photos, documents: files.length - photos });
}

export function amountShown(minor: number, currency: Currency, lang: Lang): string {
  return formatMoney(minor, currency, lang);
}

/** Filed: its number; the manager's push is notification's. */
export function filedReply(claim: Pick<Claim, 'number'>, lang: Lang): Outgoing {
  return { kind: 'message', text: t(lang, 'claim.filed', { number: claim.number }) };
}
