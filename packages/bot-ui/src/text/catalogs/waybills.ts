/** The client's waybills (S1-02): the "New waybill" form, its answer, "My waybills" and a waybill's card. */
export const en = {
  'waybill.ask.cargo': '📦 What are you sending? Describe the cargo, e.g. “2 boxes of books”.',
  'waybill.field.cargo': 'Cargo',
  'waybill.invalid.cargo':
    'Please describe the cargo in words (up to 500 characters), e.g. “2 boxes of books”.',
  'waybill.ask.weight': '⚖️ Its weight in kg? E.g. 12.5',
  'waybill.field.weight': 'Weight',
  'waybill.invalid.weight': 'The weight in kg: a number above 0, up to 100,000, e.g. 12.5 or 12,5.',
  'waybill.shown.weight': '{weight} kg',
  'waybill.ask.size': '📐 Its dimensions, length × width × height? E.g. 120x80x60 (in cm) or 1.2x0.8x0.6 m',
  'waybill.field.size': 'Dimensions',
  'waybill.invalid.size':
    'The dimensions as length × width × height, e.g. 120x80x60 (in cm), 120 × 80 × 60 cm or 1.2x0.8x0.6 m.',
  'waybill.shown.size': '{length} × {width} × {height} cm',
  'waybill.ask.pickup': '📍 The exact pickup address: city, street, building?',
  'waybill.field.pickup': 'Pickup address',
  'waybill.ask.delivery': '🏁 The exact delivery address: city, street, building?',
  'waybill.field.delivery': 'Delivery address',
  'waybill.invalid.address':
    'Please give the exact address with the building number, e.g. “Moscow, 5 Lenina St, office 12”.',
  'waybill.ask.payment': '💳 How will it be paid?',
  'waybill.field.payment': 'Payment',
  'waybill.created': '✅ Waybill {number} created. Its PDF follows.',
  'waybill.unavailable': 'Waybills cannot be made right now. Please try again later.',
  'waybill.refused.invalid':
    'The waybill service did not accept these details. Please check them, then confirm again.',
  'waybill.list.title': '🗂 Your waybills ({total}), newest first. Tap one to see it and get its PDF.',
  'waybill.list.empty': 'You have no waybills yet. Tap “📦 New waybill” to make one.',
  'waybill.list.item': '{number} · {date} · {cargo}',
  'waybill.card.title': '📦 Waybill {number} of {date}',
  'waybill.card.status': 'Status: {status}',
  'waybill.status.created': 'created',
  'waybill.status.cancelled': 'cancelled',
  'waybill.pdf.caption': 'Waybill {number}',
} as const;

/** The same keys and placeholders in Russian. */
export const ru = {
  'waybill.ask.cargo': '📦 Что отправляете? Опишите груз, например «2 коробки с книгами».',
  'waybill.field.cargo': 'Груз',
  'waybill.invalid.cargo': 'Опишите груз словами (до 500 символов), например «2 коробки с книгами».',
  'waybill.ask.weight': '⚖️ Вес груза в кг? Например, 12,5',
  'waybill.field.weight': 'Вес',
  'waybill.invalid.weight': 'Вес в кг: число больше 0, не больше 100 000, например 12,5 или 12.5.',
  'waybill.shown.weight': '{weight} кг',
  'waybill.ask.size': '📐 Габариты: длина × ширина × высота? Например, 120x80x60 (в см) или 1.2x0.8x0.6 м',
  'waybill.field.size': 'Габариты',
  'waybill.invalid.size':
    'Габариты как длина × ширина × высота, например 120x80x60 (в см), 120 × 80 × 60 см или 1.2x0.8x0.6 м.',
  'waybill.shown.size': '{length} × {width} × {height} см',
  'waybill.ask.pickup': '📍 Точный адрес отправки: город, улица, дом?',
  'waybill.field.pickup': 'Адрес отправки',
  'waybill.ask.delivery': '🏁 Точный адрес получения: город, улица, дом?',
  'waybill.field.delivery': 'Адрес получения',
  'waybill.invalid.address':
    'Укажите точный адрес с номером дома, например «Москва, ул. Ленина, д. 5, офис 12».',
  'waybill.ask.payment': '💳 Как будет оплата?',
  'waybill.field.payment': 'Оплата',
  'waybill.created': '✅ Накладная {number} создана. PDF — следующим сообщением.',
  'waybill.unavailable': 'Сейчас накладную создать нельзя. Пожалуйста, попробуйте позже.',
  'waybill.refused.invalid': 'Сервис накладных не принял эти данные. Проверьте их и подтвердите снова.',
  'waybill.list.title':
    '🗂 Ваши накладные ({total}), сначала новые. Нажмите на накладную, чтобы открыть её и получить PDF.',
  'waybill.list.empty': 'У вас пока нет накладных. Нажмите «📦 Новая накладная», чтобы создать.',
  'waybill.list.item': '{number} · {date} · {cargo}',
  'waybill.card.title': '📦 Накладная {number} от {date}',
  'waybill.card.status': 'Статус: {status}',
  'waybill.status.created': 'создана',
  'waybill.status.cancelled': 'отменена',
  'waybill.pdf.caption': 'Накладная {number}',
} as const satisfies Record<keyof typeof en, string>;
