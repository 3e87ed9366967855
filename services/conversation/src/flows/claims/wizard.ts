import { CURRENCY_SIGNS, t, type Currency } from '@fieldgram/bot-ui';
import type { DataInput, Messages } from '@fieldgram/contracts';
import { emailAnswer, moneyAnswer, textAnswer } from '../../wizard/answers.js';
import type { Answers, FilesRule, WizardDefinition, WizardFile } from '../../wizard/definition.js';
import type { ClaimsPort } from './port.js';
import { waybillNumberAnswer } from './parsers.js';
import { amountShown, claimFilesOf, filedReply, filesShown } from './client-views.js';

export const CLAIM_WIZARD = 'claim';

/** Telegram hands a bot files up to 20 MB; the claims service keeps at most 10. */
export const CLAIM_FILES: FilesRule = {
  kinds: ['photo', 'document'],
  min: 0,
  max: 10,
  maxBytes: 20 * 2 ** 20,
};
/** The claims contract's largest amount, in minor units. */
const MAX_AMOUNT = 1_000_000_000_00;

type ClaimInput = Omit<DataInput<Messages, 'claims.file'>, 'clientId' | 'requestId' | 'currency'>;

/**
 * "📝 New claim" (S1-03, S1-08): the waybill (one tap on the client's latest, or its number
 * typed), the e-mail for the answer (checked; one they gave before is a button), what happened,
 * the amount (`15 000,50` → kopecks), photos and scans (0–10, one by one or as an album, then
 * Done), a summary with one-tap edits, and Confirm, which files it — the wizard's run is the
 * request id, so a repeated Confirm answers the same claim. A waybill that is another client's
 * is asked again, nothing lost.
 */
export function claimWizard(claims: ClaimsPort, currency: Currency): WizardDefinition {
  const sign = CURRENCY_SIGNS[currency].symbol;
  return {
    id: CLAIM_WIZARD,
    version: 1,
    steps: [
      {
        field: 'waybill',
        question: (lang, context) =>
          t(lang, Number(context.latest ?? 0) > 0 ? 'claim.ask.waybill' : 'claim.ask.waybillTyped'),
        label: 'claim.field.waybill',
        parse: waybillNumberAnswer('claim.invalid.waybill'),
        givenChoices: true,
      },
      {
        field: 'email',
        question: 'claim.ask.email',
        label: 'claim.field.email',
        parse: emailAnswer('claim.invalid.email'),
        givenChoices: true,
      },
      {
        field: 'description',
        question: 'claim.ask.description',
        label: 'claim.field.description',
        parse: textAnswer('claim.invalid.description', 4_000),
      },
      {
        field: 'amount',
        question: (lang) => t(lang, 'claim.ask.amount', { currency: sign }),
        label: 'claim.field.amount',
        parse: moneyAnswer((lang) => t(lang, 'claim.invalid.amount', { currency: sign }), {
          currency,
          max: MAX_AMOUNT,
        }),
        show: (minor, lang) =>
          typeof minor === 'number' ? amountShown(minor, currency, lang) : String(minor),
      },
      {
        field: 'files',
        question: (lang) =>
          t(lang, 'claim.ask.files', { max: CLAIM_FILES.max, mb: CLAIM_FILES.maxBytes / 2 ** 20 }),
        label: 'claim.field.files',
        files: CLAIM_FILES,
        showFiles: filesShown,
      },
    ],
    finish: async (turn, user, { answers, files }, run) => {
      const input = claimInputOf(answers, files?.files ?? []);
      if (!input) return run.reask(undefined, 'claim.refused.invalid');
      const filed = await claims.file(
        { ...input, clientId: user.id, requestId: run.id, currency },
        user,
        turn.update,
      );
      if (filed.ok) return [filedReply(filed.value, turn.lang)];
      // Not theirs (another client's waybill): that answer again, the rest kept.
      if (filed.refusal === 'not_found')
        return run.reask('waybill', (lang) =>
          t(lang, 'claim.refused.waybill', { number: input.waybillNumber }),
        );
      if (filed.refusal === 'invalid') return run.reask(undefined, 'claim.refused.invalid');
      return [{ kind: 'message', text: t(turn.lang, 'claim.unavailable') }];
    },
  };
}

/** The answers as the claims service takes them; undefined if one is missing or unreadable. */
export function claimInputOf(answers: Answers, files: readonly WizardFile[]): ClaimInput | undefined {
  const { waybill, email, description, amount } = answers;
  if (typeof waybill !== 'string' || typeof email !== 'string' || typeof description !== 'string')
    return undefined;
  if (typeof amount !== 'number') return undefined;
  return {
    waybillNumber: waybill,
    email,
    description,
    amount,
    files: claimFilesOf(files),
  };
}
