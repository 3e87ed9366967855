import { LOGISTICS_CAST, type LogisticsCast } from './logistics-cast.js';

/** Who and what the demo plays with, in the language it is played in (`--lang`). */
export interface Cast extends LogisticsCast {
  /** The display name of the stack's first admin (identity names it "Administrator"). */
  adminName: string;
  technician: { firstName: string; lastName: string; username: string };
  client: { firstName: string; username: string };
  clientGreeting: string;
  task: {
    title: string;
    area: string;
    description: string;
    client: { name: string; phone: string; address: string; notes: string };
  };
  invoice: {
    currency: 'RUB' | 'USD';
    items: { description: string; quantity: number; unitPrice: number }[];
  };
}

const en: Cast = {
  ...LOGISTICS_CAST.en,
  adminName: 'Administrator',
  technician: { firstName: 'Ivan', lastName: 'Petrov', username: 'ivan_petrov' },
  client: { firstName: 'Olga', username: 'olga_k' },
  clientGreeting: 'hello?',
  task: {
    title: 'Replace the mixer tap',
    area: 'Central district',
    description: 'The kitchen tap drips; the new one is on site.',
    client: {
      name: 'Mary Smith',
      phone: '+1 555 0134',
      address: '12 Baker St, apt 3',
      notes: 'Door code 12',
    },
  },
  invoice: {
    currency: 'USD',
    items: [
      { description: 'Labour, hours', quantity: 1.5, unitPrice: 40_00 },
      { description: 'Mixer tap', quantity: 1, unitPrice: 89_90 },
    ],
  },
};

const ru: Cast = {
  ...LOGISTICS_CAST.ru,
  adminName: 'Администратор',
  technician: { firstName: 'Иван', lastName: 'Петров', username: 'ivan_petrov' },
  client: { firstName: 'Ольга', username: 'olga_k' },
  clientGreeting: 'алло?',
  task: {
    title: 'Заменить смеситель',
    area: 'Центральный район',
    description: 'Капает кран на кухне; новый смеситель на месте.',
    client: {
      name: 'Мария Соколова',
      phone: '+7 900 123-45-67',
      address: 'ул. Ленина, 5, кв. 12',
      notes: 'Домофон 12',
    },
  },
  invoice: {
    currency: 'RUB',
    items: [
      { description: 'Работа мастера, часы', quantity: 1.5, unitPrice: 1_200_00 },
      { description: 'Смеситель', quantity: 1, unitPrice: 4_500_00 },
    ],
  },
};

export const CAST = { en, ru } as const;
