import { formatDocumentDate } from '@fieldgram/bot-ui';
import type { Content, TableCell, TDocumentDefinitions } from '@fieldgram/pdf';
import type { Invoice, Language } from '@fieldgram/contracts';
import { formatMoney, formatQuantity } from '../domain/money.js';

export interface Organization {
  name: string;
  /** Several lines: address, tax ids, bank details. */
  details?: string | undefined;
}

const LABELS = {
  ru: {
    invoice: 'Счёт',
    issued: 'Дата выставления',
    due: 'Оплатить до',
    task: 'Задача',
    subject: 'Назначение',
    description: 'Описание',
    quantity: 'Кол-во',
    unitPrice: 'Цена',
    amount: 'Сумма',
    subtotal: 'Итого без налога',
    tax: 'Налог',
    total: 'Всего к оплате',
  },
  en: {
    invoice: 'Invoice',
    issued: 'Issue date',
    due: 'Due date',
    task: 'Task',
    subject: 'Subject',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    subtotal: 'Subtotal',
    tax: 'Tax',
    total: 'Total due',
  },
} as const;

/** The word for an invoice in `language` (captions, titles). */
export function invoiceWord(language: Language): string {
  return LABELS[language].invoice;
}

function formatPercent(rate: number, language: Language): string {
  const text = String(rate);
  return `${language === 'ru' ? text.replace('.', ',') : text}%`;
}

/**
 * The invoice as a pdfmake document: the organization, the number and dates, the task reference,
 * the line items and the totals, labelled in `language`.
 */
export function invoiceDocument(
  invoice: Invoice,
  taskNumber: number | null,
  organization: Organization,
  language: Language,
): TDocumentDefinitions {
  const labels = LABELS[language];
  const money = (minor: number) => formatMoney(minor, invoice.currency, language);
  const reference = taskNumber !== null ? `${labels.task} #${taskNumber}: ${invoice.subject}` : null;

  const header: Content[] = [
    { text: organization.name, style: 'organization' },
    ...(organization.details ? [{ text: organization.details, style: 'details' }] : []),
    { text: `${labels.invoice} ${invoice.number}`, style: 'title' },
    {
      text: [
        `${labels.issued}: ${formatDocumentDate(invoice.issuedAt, language)}`,
        ...(invoice.dueDate ? [`\n${labels.due}: ${formatDocumentDate(invoice.dueDate, language)}`] : []),
      ],
      margin: [0, 0, 0, 8],
    },
    reference
      ? { text: reference, margin: [0, 0, 0, 12] }
      : { text: `${labels.subject}: ${invoice.subject}`, margin: [0, 0, 0, 12] },
  ];

  const head: TableCell[] = [
    { text: labels.description, style: 'tableHeader' },
    { text: labels.quantity, style: 'tableHeader', alignment: 'right' },
    { text: labels.unitPrice, style: 'tableHeader', alignment: 'right' },
    { text: labels.amount, style: 'tableHeader', alignment: 'right' },
  ];
  const rows: TableCell[][] = invoice.items.map((item) => [
    { text: item.description },
    { text: formatQuantity(item.quantity, language), alignment: 'right' },
    { text: money(item.unitPrice), alignment: 'right' },
    { text: money(item.amount), alignment: 'right' },
  ]);

  const totals: TableCell[][] = [
    [{ text: labels.subtotal }, { text: money(invoice.subtotal), alignment: 'right' }],
    ...(invoice.taxRate !== null
      ? [
          [
            { text: `${labels.tax} ${formatPercent(invoice.taxRate, language)}` },
            { text: money(invoice.tax), alignment: 'right' },
          ] as TableCell[],
        ]
      : []),
    [
      { text: labels.total, bold: true },
      { text: money(invoice.total), alignment: 'right', bold: true },
    ],
  ];

  return {
    info: { title: `${labels.invoice} ${invoice.number}`, author: organization.name },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    content: [
      ...header,
      {
        table: { headerRows: 1, widths: ['*', 'auto', 'auto', 'auto'], body: [head, ...rows] },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      {
        columns: [
          { width: '*', text: '' },
          { width: 'auto', table: { widths: ['auto', 'auto'], body: totals }, layout: 'noBorders' },
        ],
      },
    ],
    styles: {
      organization: { fontSize: 16, bold: true },
      details: { fontSize: 9, color: '#444444', margin: [0, 2, 0, 0] },
      title: { fontSize: 18, bold: true, margin: [0, 16, 0, 6] },
      tableHeader: { bold: true },
    },
    defaultStyle: { fontSize: 10 },
  };
}

/** The subject of an invoice that is not for a task. */
export function subjectWithoutTask(language: Language): string {
  return language === 'ru' ? 'Услуги' : 'Services';
}
