import type { ClaimAnswers, WaybillAnswers } from '../../e2e/support/logistics-stories.js';

/** Who and what the waybill and claim stories play with (S1), in the demo's language. */
export interface LogisticsCast {
  manager: { firstName: string; lastName: string; username: string; login: string; password: string };
  shipper: { firstName: string; username: string };
  waybill: WaybillAnswers;
  claim: Omit<ClaimAnswers, 'waybill'>;
  comments: { review: string; resolve: string };
}

const en: LogisticsCast = {
  manager: {
    firstName: 'Mila',
    lastName: 'Orlova',
    username: 'mila_orlova',
    login: 'mila',
    password: 'mila demo password',
  },
  shipper: { firstName: 'Anna', username: 'anna_ships' },
  waybill: {
    cargo: '2 boxes of books',
    weight: '12.5',
    size: '120x80x60',
    pickup: 'London, 221B Baker Street',
    delivery: 'Manchester, 10 Deansgate',
    payment: 'Card',
  },
  claim: {
    email: 'anna@example.com',
    description: 'One box arrived wet; the books in it are ruined.',
    amount: '12500',
    photos: 3,
  },
  comments: { review: 'Checking with the courier.', resolve: 'We refund the full amount.' },
};

const ru: LogisticsCast = {
  manager: {
    firstName: 'Мила',
    lastName: 'Орлова',
    username: 'mila_orlova',
    login: 'mila',
    password: 'mila demo password',
  },
  shipper: { firstName: 'Анна', username: 'anna_ships' },
  waybill: {
    cargo: '2 коробки книг',
    weight: '12,5',
    size: '120 × 80 × 60 см',
    pickup: 'Москва, ул. Ленина, 5, офис 12',
    delivery: 'Казань, ул. Баумана, 10',
    payment: 'Картой',
  },
  claim: {
    email: 'anna@example.com',
    description: 'Одна коробка пришла мокрой, книги в ней испорчены.',
    amount: '15 000,50',
    photos: 3,
  },
  comments: { review: 'Уточняем у курьера.', resolve: 'Возвращаем всю сумму.' },
};

export const LOGISTICS_CAST = { en, ru } as const;
