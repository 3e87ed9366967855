import { LOGISTICS_EN, LOGISTICS_RU, type LogisticsNarration } from './logistics-narration.js';

/** What `npm run demo` says around the chat, in the language it is played in (`--lang`). */
export interface Narration extends LogisticsNarration {
  title: string;
  bot: string;
  logsIn: string;
  opensLink: (who: string, handle: string, payload: string) => string;
  tapsMenuButton: (who: string) => string;
  pressesStart: (who: string, handle: string) => string;
  listsUsers: string;
  deactivates: (who: string, path: string) => string;
  writes: (who: string, text: string) => string;
  feed: (sound: boolean) => string;
  menu: string;
  buttons: string;
  dispatchHeading: string;
  createsTask: (number: number, title: string, client: string, address: string) => string;
  assigns: (who: string) => string;
  noClientData: string;
  taps: (who: string, button: string) => string;
  offerEdited: string;
  offerNotEdited: string;
  releasesClientInfo: string;
  finishesAndTaps: (who: string, button: string) => string;
  history: (path: string, status: string) => string;
  report: (rows: number) => string;
  invoiceHeading: string;
  createsInvoice: (number: string) => string;
  sendsInvoice: (who: string) => string;
  document: (who: string, fileName: string, caption: string) => string;
  noPdfText: string;
  done: string;
  roles: Record<string, string>;
  statuses: Record<string, string>;
  actions: Record<string, string>;
}

const en: Narration = {
  ...LOGISTICS_EN,
  bot: 'bot',
  title:
    'fieldgram demo: a technician and a client join through the bot, then a task is dispatched and billed; a client makes a waybill and files a claim that her manager resolves; the admin watches live.\n',
  logsIn: "👤 admin: logs in to the REST API and shares the technicians' join link",
  opensLink: (who, handle, payload) => `  📱 ${who} (@${handle}) opens the link → /start ${payload}`,
  tapsMenuButton: (who) => `\n  📱 ${who} taps a menu button`,
  pressesStart: (who, handle) => `\n  📱 ${who} (@${handle}) finds the bot and presses Start → /start`,
  listsUsers: '\n👤 admin: GET /api/v1/users',
  deactivates: (who, path) => `\n👤 admin: deactivates ${who} (PATCH ${path} {"active": false})`,
  writes: (who, text) => `  📱 ${who} writes "${text}"`,
  feed: (sound) => `🔔 admin feed${sound ? ' (with sound)' : ''}:`,
  menu: 'menu',
  buttons: 'buttons',
  dispatchHeading: '\n— Dispatch —\n',
  createsTask: (number, title, client, address) =>
    `👤 admin: POST /api/v1/tasks → task #${number} "${title}" (client ${client}, ${address})`,
  assigns: (who) => `👤 admin: assigns it to ${who} and presses "Send Task Info"`,
  noClientData: '— no client name, phone or address',
  taps: (who, button) => `\n  📱 ${who} taps "${button}"`,
  offerEdited: '  ✏️  the offer message is edited to:',
  offerNotEdited: '  (the offer message was not edited)',
  releasesClientInfo: '\n👤 admin: presses "Send Client Info" (POST /api/v1/tasks/…/client-info)',
  finishesAndTaps: (who, button) => `\n  📱 ${who} finishes the job and taps "${button}"`,
  history: (path, status) => `\n👤 admin: GET ${path} → status "${status}"; history:`,
  report: (rows) =>
    `\n👤 admin: GET /api/v1/reports/tasks?format=csv → a spreadsheet file, ${rows} rows: one per step above`,
  invoiceHeading: '\n— Invoice —\n',
  createsInvoice: (number) =>
    `👤 admin: bills the completed task (POST /api/v1/invoices) → invoice ${number}, a draft`,
  sendsInvoice: (who) => `👤 admin: sends it to ${who} through the bot (POST /api/v1/invoices/…/send)`,
  document: (who, fileName, caption) =>
    `  🤖 bot → ${who}: 📄 ${fileName}, caption "${caption}"; the PDF reads:`,
  noPdfText: '      (install poppler-utils to see the text of the PDF here)',
  done: '\nDone. Everything above went through RabbitMQ, PostgreSQL and Redis; Telegram was the sandbox.',
  roles: {
    admin: 'admin',
    manager: 'manager',
    technician: 'technician',
    workshop: 'workshop',
    client: 'client',
  },
  statuses: {
    new: 'new',
    sent: 'sent',
    accepted: 'accepted',
    rejected: 'rejected',
    client_info_sent: 'client details sent',
    completed: 'completed',
    cancelled: 'cancelled',
  },
  actions: {
    create: 'created',
    assign: 'assigned',
    send: 'sent',
    accept: 'accepted',
    reject: 'rejected',
    'release-client-info': 'client details sent',
    complete: 'completed',
    'change-status': 'status changed',
    delete: 'deleted',
  },
};

const ru: Narration = {
  ...LOGISTICS_RU,
  bot: 'бот',
  title:
    'Демо fieldgram: техник и клиент приходят через бота, затем задача отправляется технику и выставляется счёт; клиентка оформляет накладную и подаёт претензию, которую решает её менеджер; администратор следит в реальном времени.\n',
  logsIn: '👤 администратор: входит в REST API и делится ссылкой для техников',
  opensLink: (who, handle, payload) => `  📱 ${who} (@${handle}) открывает ссылку → /start ${payload}`,
  tapsMenuButton: (who) => `\n  📱 ${who} нажимает кнопку меню`,
  pressesStart: (who, handle) => `\n  📱 ${who} (@${handle}) находит бота и нажимает «Старт» → /start`,
  listsUsers: '\n👤 администратор: GET /api/v1/users',
  deactivates: (who, path) =>
    `\n👤 администратор: блокирует пользователя «${who}» (PATCH ${path} {"active": false})`,
  writes: (who, text) => `  📱 ${who} пишет «${text}»`,
  feed: (sound) => `🔔 лента администратора${sound ? ' (со звуком)' : ''}:`,
  menu: 'меню',
  buttons: 'кнопки',
  dispatchHeading: '\n— Задача —\n',
  createsTask: (number, title, client, address) =>
    `👤 администратор: POST /api/v1/tasks → задача №${number} «${title}» (клиент ${client}, ${address})`,
  assigns: (who) => `👤 администратор: назначает исполнителя «${who}» и нажимает «Отправить задачу»`,
  noClientData: '— без имени, телефона и адреса клиента',
  taps: (who, button) => `\n  📱 ${who} нажимает «${button}»`,
  offerEdited: '  ✏️  сообщение с предложением изменено:',
  offerNotEdited: '  (сообщение с предложением не изменилось)',
  releasesClientInfo:
    '\n👤 администратор: нажимает «Отправить данные клиента» (POST /api/v1/tasks/…/client-info)',
  finishesAndTaps: (who, button) => `\n  📱 ${who} заканчивает работу и нажимает «${button}»`,
  history: (path, status) => `\n👤 администратор: GET ${path} → статус «${status}»; история:`,
  report: (rows) =>
    `\n👤 администратор: GET /api/v1/reports/tasks?format=csv → файл для таблицы, строк: ${rows}, по одной на каждый шаг выше`,
  invoiceHeading: '\n— Счёт —\n',
  createsInvoice: (number) =>
    `👤 администратор: выставляет счёт за выполненную задачу (POST /api/v1/invoices) → счёт ${number}, черновик`,
  sendsInvoice: (who) =>
    `👤 администратор: отправляет его через бота, получатель «${who}» (POST /api/v1/invoices/…/send)`,
  document: (who, fileName, caption) => `  🤖 бот → ${who}: 📄 ${fileName}, подпись «${caption}»; в PDF:`,
  noPdfText: '      (установите poppler-utils, чтобы увидеть здесь текст PDF)',
  done: '\nГотово. Всё выше прошло через RabbitMQ, PostgreSQL и Redis; Telegram был песочницей.',
  roles: {
    admin: 'администратор',
    manager: 'менеджер',
    technician: 'техник',
    workshop: 'мастерская',
    client: 'клиент',
  },
  statuses: {
    new: 'новая',
    sent: 'отправлена',
    accepted: 'принята',
    rejected: 'отклонена',
    client_info_sent: 'данные клиента отправлены',
    completed: 'выполнена',
    cancelled: 'отменена',
  },
  actions: {
    create: 'создана',
    assign: 'назначена',
    send: 'отправлена',
    accept: 'принята',
    reject: 'отклонена',
    'release-client-info': 'данные клиента отправлены',
    complete: 'выполнена',
    'change-status': 'статус изменён',
    delete: 'удалена',
  },
};

export const NARRATION = { en, ru } as const;
