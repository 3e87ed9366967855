import { t } from '@fieldgram/bot-ui';
import type { WaybillInput } from '@fieldgram/contracts';
import type { Answers, WizardDefinition } from '../../wizard/definition.js';
import type { WaybillPort } from './port.js';
import { addressAnswer, cargoAnswer, readSize, sizeAnswer, weightAnswer } from './parsers.js';
import { createdReply, noticeReply, sizeShown, weightShown } from './views.js';

export const WAYBILL_WIZARD = 'waybill';

/**
 * "📦 New waybill" (S1-02, S1-08): six answers — cargo, weight, dimensions, the two exact
 * addresses typed, the payment method one tap on the organization's list (given when the form
 * starts) — a summary with one-tap edits, and Confirm, which creates the waybill. The wizard's
 * run is the request id, so a repeated Confirm answers the same waybill instead of a second one.
 * The PDF is the waybill service's to send.
 */
export function waybillWizard(waybills: WaybillPort): WizardDefinition {
  return {
    id: WAYBILL_WIZARD,
    version: 1,
    steps: [
      {
        field: 'cargo',
        question: 'waybill.ask.cargo',
        label: 'waybill.field.cargo',
        parse: cargoAnswer('waybill.invalid.cargo'),
      },
      {
        field: 'weight',
        question: 'waybill.ask.weight',
        label: 'waybill.field.weight',
        parse: weightAnswer('waybill.invalid.weight'),
        show: (kg, lang) => (typeof kg === 'number' ? weightShown(kg, lang) : String(kg)),
      },
      {
        field: 'size',
        question: 'waybill.ask.size',
        label: 'waybill.field.size',
        parse: sizeAnswer('waybill.invalid.size'),
        show: (value, lang) => {
          const size = readSize(value);
          return size ? sizeShown(size, lang) : String(value);
        },
      },
      {
        field: 'pickup',
        question: 'waybill.ask.pickup',
        label: 'waybill.field.pickup',
        parse: addressAnswer('waybill.invalid.address'),
      },
      {
        field: 'delivery',
        question: 'waybill.ask.delivery',
        label: 'waybill.field.delivery',
        parse: addressAnswer('waybill.invalid.address'),
      },
      {
        field: 'payment',
        question: 'waybill.ask.payment',
        label: 'waybill.field.payment',
        givenChoices: true,
      },
    ],
    finish: async (turn, user, { answers }, run) => {
      const input = waybillInputOf(answers);
      // Only a definition changed under the same version could leave an answer unreadable.
      if (!input) return run.reask(undefined, 'waybill.refused.invalid');
      const created = await waybills.create(
        { ...input, clientId: user.id, requestId: run.id },
        user,
        turn.update,
      );
      if (created.ok) return [createdReply(created.value, turn.lang)];
      if (created.refusal === 'invalid') return run.reask(undefined, 'waybill.refused.invalid');
      return [noticeReply(t(turn.lang, 'waybill.unavailable'))];
    },
  };
}

/** The answers as the waybill service takes them; undefined if one is missing or unreadable. */
export function waybillInputOf(answers: Answers): WaybillInput | undefined {
  const { cargo, weight, pickup, delivery, payment } = answers;
  const size = readSize(answers.size);
  if (typeof cargo !== 'string' || typeof weight !== 'number' || !size) return undefined;
  if (typeof pickup !== 'string' || typeof delivery !== 'string' || typeof payment !== 'string')
    return undefined;
  return {
    cargo,
    weightKg: weight,
    ...size,
    pickupAddress: pickup,
    deliveryAddress: delivery,
    paymentMethod: payment,
  };
}
