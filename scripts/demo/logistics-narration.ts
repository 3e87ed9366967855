/** What the waybill and claim stories (S1) say around the chat, in the demo's language. */
export interface LogisticsNarration {
  peopleHeading: string;
  createsManager: (name: string, login: string) => string;
  makesTelegramLink: (name: string, link: string) => string;
  managerOf: (client: string, manager: string) => string;
  waybillHeading: string;
  claimHeading: string;
  decisionHeading: string;
  sendsAlbum: (who: string, count: number) => string;
  notice: (text: string) => string;
  photos: (count: number) => string;
  kilobytes: (bytes: number) => string;
  actionsHeading: string;
  actionCount: (story: string, actions: number, limit?: number) => string;
  stories: {
    linksTelegram: (who: string) => string;
    joins: (who: string) => string;
    waybill: (who: string) => string;
    claim: (who: string) => string;
    review: (who: string) => string;
    resolve: (who: string) => string;
  };
}

const kilobytes = (bytes: number, locale: string, unit: string) =>
  `${(bytes / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} ${unit}`;

export const LOGISTICS_EN: LogisticsNarration = {
  peopleHeading: '\n— A manager and a client —\n',
  createsManager: (name, login) =>
    `👤 admin: creates a manager (POST /api/v1/users {"role": "manager", "login": "${login}"}) → ${name}`,
  makesTelegramLink: (name, link) =>
    `👤 admin: makes ${name} a one-time link to connect Telegram (POST /api/v1/users/…/telegram-link)\n      ${link}\n`,
  managerOf: (client, manager) =>
    `\n👤 admin: GET /api/v1/users?managerId=… → ${client} is ${manager}'s client (new clients go to the manager with the fewest)`,
  waybillHeading: '\n— Waybill —',
  claimHeading: '\n— Claim —',
  decisionHeading: '\n— The manager handles the claim —',
  sendsAlbum: (who, count) => `\n  📱 ${who} sends ${count} photos as one album`,
  notice: (text) => `      (a notice pops up: "${text}")`,
  photos: (count) => (count === 1 ? '🖼 a photo' : `🖼 an album of ${count} photos`),
  kilobytes: (bytes) => kilobytes(bytes, 'en', 'KB'),
  actionsHeading: '\n— User actions per story (S1-08) —\n',
  actionCount: (story, actions, limit) =>
    `      ${story.padEnd(46)} ${actions}${limit === undefined ? '' : ` (at most ${limit})`}`,
  stories: {
    linksTelegram: (who) => `${who} connects Telegram`,
    joins: (who) => `${who} joins`,
    waybill: (who) => `${who}: a waybill, menu tap to PDF`,
    claim: (who) => `${who}: a claim with an album`,
    review: (who) => `${who}: takes the claim into review`,
    resolve: (who) => `${who}: resolves the claim`,
  },
};

export const LOGISTICS_RU: LogisticsNarration = {
  peopleHeading: '\n— Менеджер и клиент —\n',
  createsManager: (name, login) =>
    `👤 администратор: создаёт менеджера (POST /api/v1/users {"role": "manager", "login": "${login}"}) → ${name}`,
  makesTelegramLink: (name, link) =>
    `👤 администратор: делает для пользователя «${name}» одноразовую ссылку, чтобы подключить Telegram (POST /api/v1/users/…/telegram-link)\n      ${link}\n`,
  managerOf: (client, manager) =>
    `\n👤 администратор: GET /api/v1/users?managerId=… → клиент «${client}» закреплён за менеджером «${manager}» (новые клиенты достаются менеджеру, у которого их меньше всех)`,
  waybillHeading: '\n— Накладная —',
  claimHeading: '\n— Претензия —',
  decisionHeading: '\n— Менеджер разбирает претензию —',
  sendsAlbum: (who, count) => `\n  📱 ${who} отправляет ${count} фото одним альбомом`,
  notice: (text) => `      (всплывает уведомление: «${text}»)`,
  photos: (count) => (count === 1 ? '🖼 фото' : `🖼 альбом из ${count} фото`),
  kilobytes: (bytes) => kilobytes(bytes, 'ru', 'КБ'),
  actionsHeading: '\n— Действия пользователей по историям (S1-08) —\n',
  actionCount: (story, actions, limit) =>
    `      ${story.padEnd(46)} ${actions}${limit === undefined ? '' : ` (не больше ${limit})`}`,
  stories: {
    linksTelegram: (who) => `${who} подключает Telegram`,
    joins: (who) => `${who} приходит в бота`,
    waybill: (who) => `${who}: накладная, от меню до PDF`,
    claim: (who) => `${who}: претензия с альбомом`,
    review: (who) => `${who}: берёт претензию в работу`,
    resolve: (who) => `${who}: решает претензию`,
  },
};
