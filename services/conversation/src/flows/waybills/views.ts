import {
  MY_WAYBILLS_LIST,
  PAGE_SIZE,
  formatDocumentDate,
  formatQuantity,
  pageWindow,
  pagerRow,
  t,
  waybillListKeyboard,
  type Lang,
} from '@fieldgram/bot-ui';
import type { PaymentMethod, Waybill } from '@fieldgram/contracts';
import { shortened } from '../../views/shortened.js';
import type { Outgoing } from '../../core/outgoing.js';
import type { PlainTextKey } from '../../wizard/definition.js';
import type { Size } from './parsers.js';

/** `12,5 kg` (ru: `12,5 кг`). */
export function weightShown(kg: number, lang: Lang): string {
  return t(lang, 'waybill.shown.weight', { weight: formatQuantity(kg, lang) });
}

/** `120 × 80 × 60 cm`. */
export function sizeShown(size: Size, lang: Lang): string {
  return t(lang, 'waybill.shown.size', {
    length: formatQuantity(size.lengthCm, lang),
    width: formatQuantity(size.widthCm, lang),
    height: formatQuantity(size.heightCm, lang),
  });
}

/** A payment method's label in the language (its code if the organization no longer has it). */
export function paymentShown(code: string, methods: readonly PaymentMethod[], lang: Lang): string {
  return methods.find((method) => method.code === code)?.label[lang] ?? code;
}

/** Confirmed: the waybill's number; its PDF comes from the waybill service right after. */
export function createdReply(waybill: Pick<Waybill, 'number'>, lang: Lang): Outgoing {
  return { kind: 'message', text: t(lang, 'waybill.created', { number: waybill.number }) };
}

/** A plain message (a refusal, "not now"). */
export function noticeReply(text: string): Outgoing {
  return { kind: 'message', text };
}

const CARGO_IN_LIST = 28;

/** One page of "My waybills": a button a waybill (number · date · cargo), the pager under them. */
export function myWaybillsReply(
  items: readonly Waybill[],
  total: number,
  page: number,
  lang: Lang,
): Outgoing {
  if (total === 0) return noticeReply(t(lang, 'waybill.list.empty'));
  const window = pageWindow(total, page, PAGE_SIZE);
  const buttons = items.map((waybill) => ({
    id: waybill.id,
    label: t(lang, 'waybill.list.item', {
      number: waybill.number,
      date: formatDocumentDate(waybill.createdAt, lang),
      cargo: shortened(waybill.cargo, CARGO_IN_LIST),
    }),
  }));
  return {
    kind: 'message',
    text: t(lang, 'waybill.list.title', { total }),
    markup: waybillListKeyboard(buttons, pagerRow(lang, window, MY_WAYBILLS_LIST)),
  };
}

/** A waybill's card: every field as entered, and its status; its PDF follows as a document. */
export function waybillCard(waybill: Waybill, methods: readonly PaymentMethod[], lang: Lang): Outgoing {
  const size = { lengthCm: waybill.lengthCm, widthCm: waybill.widthCm, heightCm: waybill.heightCm };
  const line = (label: PlainTextKey, value: string) => `${t(lang, label)}: ${value}`;
  const lines = [
    t(lang, 'waybill.card.title', {
      number: waybill.number,
      date: formatDocumentDate(waybill.createdAt, lang),
    }),
    line('waybill.field.cargo', waybill.cargo),
    line('waybill.field.weight', weightShown(waybill.weightKg, lang)),
    line('waybill.field.size', sizeShown(size, lang)),
    line('waybill.field.pickup', waybill.pickupAddress),
    line('waybill.field.delivery', waybill.deliveryAddress),
    line('waybill.field.payment', paymentShown(waybill.paymentMethod, methods, lang)),
    t(lang, 'waybill.card.status', { status: t(lang, `waybill.status.${waybill.status}`) }),
  ];
  return { kind: 'message', text: lines.join('\n') };
}

/** The waybill's PDF from object storage, sent again as a document. */
export function pdfReply(
  pdf: { storageKey: string; fileName: string },
  number: string,
  lang: Lang,
): Outgoing {
  return {
    kind: 'document',
    storageKey: pdf.storageKey,
    fileName: pdf.fileName,
    caption: t(lang, 'waybill.pdf.caption', { number }),
  };
}
