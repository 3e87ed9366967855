import { formatDocumentDate } from '@fieldgram/bot-ui';
import type { Content, TableCell, TDocumentDefinitions } from '@fieldgram/pdf';
import type { Language, PaymentMethod, Waybill } from '@fieldgram/contracts';

export interface Organization {
  name: string;
  /** Several lines: address, tax ids, phone. */
  details?: string | undefined;
}

const LABELS = {
  ru: {
    waybill: 'Накладная',
    date: 'Дата',
    cargo: 'Описание груза',
    weight: 'Вес',
    dimensions: 'Габариты (Д × Ш × В)',
    pickup: 'Адрес отправки',
    delivery: 'Адрес получения',
    payment: 'Способ оплаты',
    kg: 'кг',
    cm: 'см',
    cancelled: 'АННУЛИРОВАНА',
    qr: 'QR-код: номер накладной',
  },
  en: {
    waybill: 'Waybill',
    date: 'Date',
    cargo: 'Cargo description',
    weight: 'Weight',
    dimensions: 'Dimensions (L × W × H)',
    pickup: 'Pickup address',
    delivery: 'Delivery address',
    payment: 'Payment method',
    kg: 'kg',
    cm: 'cm',
    cancelled: 'CANCELLED',
    qr: 'QR code: the waybill number',
  },
} as const;

/** The word for a waybill in `language` (the bot's caption, the PDF's title). */
export function waybillWord(language: Language): string {
  return LABELS[language].waybill;
}

/** The caption of the PDF in the client's chat: `Накладная WB-2026-000123`. */
export function waybillCaption(number: string, language: Language): string {
  return `${waybillWord(language)} ${number}`;
}

/** 12.5 as `12,5` (ru) or `12.5` (en), thousands grouped; never rounded below the stored precision. */
export function formatDecimal(value: number, language: Language): string {
  return new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 3 }).format(
    value,
  );
}

/** A payment method's label; a code the organization no longer offers shows as itself. */
export function paymentLabel(code: string, methods: readonly PaymentMethod[], language: Language): string {
  return methods.find((method) => method.code === code)?.label[language] ?? code;
}

/**
 * The waybill as a pdfmake document (S1-02): the organization, the number and date with a QR code
 * of the number, then every field the client entered, labelled in `language`; a cancelled
 * waybill carries a stamp saying so.
 */
export function waybillDocument(
  waybill: Waybill,
  organization: Organization,
  methods: readonly PaymentMethod[],
  language: Language,
): TDocumentDefinitions {
  const labels = LABELS[language];
  const decimal = (value: number) => formatDecimal(value, language);
  const dimensions = [waybill.lengthCm, waybill.widthCm, waybill.heightCm].map(decimal).join(' × ');
  const title = `${labels.waybill} ${waybill.number}`;

  const heading: Content[] = [
    { text: organization.name, style: 'organization' },
    ...(organization.details ? [{ text: organization.details, style: 'details' }] : []),
    { text: title, style: 'title' },
    { text: `${labels.date}: ${formatDocumentDate(waybill.createdAt, language)}` },
    ...(waybill.status === 'cancelled' ? [{ text: labels.cancelled, style: 'stamp' }] : []),
  ];
  const rows: [string, string][] = [
    [labels.cargo, waybill.cargo],
    [labels.weight, `${decimal(waybill.weightKg)} ${labels.kg}`],
    [labels.dimensions, `${dimensions} ${labels.cm}`],
    [labels.pickup, waybill.pickupAddress],
    [labels.delivery, waybill.deliveryAddress],
    [labels.payment, paymentLabel(waybill.paymentMethod, methods, language)],
  ];
  const body: TableCell[][] = rows.map(([label, value]) => [
    { text: label, style: 'label' },
    { text: value },
  ]);

  return {
    info: { title, author: organization.name, subject: waybill.number },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    content: [
      {
        columns: [
          { width: '*', stack: heading },
          {
            width: 'auto',
            stack: [
              { qr: waybill.number, fit: 110, eccLevel: 'M', alignment: 'right' },
              { text: labels.qr, style: 'qrNote', alignment: 'right' },
            ],
          },
        ],
        columnGap: 16,
        margin: [0, 0, 0, 16],
      },
      {
        table: { widths: [150, '*'], body },
        layout: 'lightHorizontalLines',
      },
    ],
    styles: {
      organization: { fontSize: 16, bold: true },
      details: { fontSize: 9, color: '#444444', margin: [0, 2, 0, 0] },
      title: { fontSize: 18, bold: true, margin: [0, 16, 0, 6] },
      label: { bold: true, color: '#333333' },
      stamp: { fontSize: 14, bold: true, color: '#b00020', margin: [0, 8, 0, 0] },
      qrNote: { fontSize: 7, color: '#666666', margin: [0, 4, 0, 0] },
    },
    defaultStyle: { fontSize: 11 },
  };
}
