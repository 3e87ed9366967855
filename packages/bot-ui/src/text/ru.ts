import type { en } from './en.js';

/** The Russian texts: the same keys and placeholders as `en` (a missing or extra key is a type error). */
export const ru = {
  'role.admin': 'администратор',
  'role.manager': 'менеджер',
  'role.technician': 'техник',
  'role.workshop': 'инженер мастерской',
  'role.client': 'клиент',

  'welcome.admin':
    'Добро пожаловать, {name}! Вы зарегистрированы как администратор. Сюда будут приходить новые пользователи и важные события.',
  'welcome.manager':
    'Добро пожаловать, {name}! Вы зарегистрированы как менеджер. Сюда будут приходить вызовы в чат и претензии ваших клиентов.',
  'welcome.technician':
    'Добро пожаловать, {name}! Вы зарегистрированы как техник. Новые задачи будут приходить сюда.',
  'welcome.workshop':
    'Добро пожаловать, {name}! Вы зарегистрированы как инженер мастерской. Заказы, ожидающие в мастерской, будут приходить сюда.',
  'welcome.client':
    'Добро пожаловать, {name}! В меню ниже можно оформить накладную, подать претензию или позвать менеджера.',
  'welcome.back': 'С возвращением, {name}! Меню — ниже.',
  'welcome.linked': 'Ваш Telegram подключён к учётной записи «{name}». Уведомления будут приходить сюда.',
  'start.inviteInvalid':
    'К сожалению, срок действия этой ссылки-приглашения истёк или она уже использована. Пока вы зарегистрированы как клиент; попросите у отправителя новую ссылку.',
  'start.linkInvalid':
    'К сожалению, срок действия ссылки для подключения истёк или она уже использована. Пожалуйста, попросите новую ссылку и откройте её ещё раз.',

  'access.blocked':
    'Доступ к боту для вашей учётной записи заблокирован. Если это ошибка, пожалуйста, обратитесь к администратору.',

  'menu.title': 'Главное меню — ниже.',
  'menu.comingSoon': '«{item}» скоро появится. Мы сообщим здесь, когда всё будет готово.',
  'menu.users': '👥 Пользователи',
  'menu.inviteTechnician': '➕ Пригласить техника',
  'menu.settings': '⚙️ Настройки',
  'menu.help': '❓ Помощь',
  'menu.myTasks': '📋 Мои задачи',
  'menu.workshopQueue': '🛠 Очередь мастерской',
  'menu.myClients': '👥 Мои клиенты',
  'menu.chats': '💬 Чаты',
  'menu.claims': '📑 Претензии',
  'menu.newWaybill': '📦 Новая накладная',
  'menu.fileClaim': '📝 Подать претензию',
  'menu.callManager': '📞 Позвать менеджера',
  'menu.myOrders': '🗂 Мои заказы',

  'help.admin':
    'Вы администратор. Бот присылает вам уведомления системы: новые техники, ответы по задачам, счета. Люди, задачи и счета ведутся в REST API администратора (/api/v1; описание OpenAPI — /api/openapi.json); веб-панель появится позже.\nСкоро здесь: Пользователи, Пригласить техника, Настройки.\n/menu — показать меню.',
  'help.manager':
    'Вы менеджер. Бот присылает вам уведомления о ваших клиентах.\nСкоро здесь: Мои клиенты, Чаты, Претензии.\n/menu — показать меню.',
  'help.technician':
    'Вы техник. Новые задачи приходят сюда с кнопками «Принять» и «Отклонить»; данные клиента придут, когда их откроет администратор.\n• Мои задачи — ваши текущие задачи\n/menu — показать меню.',
  'help.workshop':
    'Вы инженер мастерской. Бот будет присылать вам заказы мастерской.\nСкоро здесь: Очередь мастерской, Мои задачи.\n/menu — показать меню.',
  'help.client':
    'Здравствуйте! Через этого бота с вами на связи наша команда: мы пишем вам здесь.\nСкоро здесь: Новая накладная (с PDF), Подать претензию, Позвать менеджера (переписка прямо здесь), Мои заказы.\n/menu — показать меню.',

  'fallback.text': 'Извините, я не понял. Пожалуйста, выберите пункт в меню ниже.',
  'fallback.command': 'Неизвестная команда /{command}. Выберите пункт в меню ниже или отправьте /help.',
  'fallback.media': 'Файлы здесь пока не принимаются. Пожалуйста, выберите пункт в меню ниже.',
  'callback.stale': 'Эта кнопка больше не действует.',
  'contact.thanks': 'Спасибо! Номер телефона получен.',
  'cancel.done': 'Отменено. Меню — ниже.',
  'cancel.nothing': 'Отменять нечего. Меню — ниже.',

  'pager.prev': '‹ Назад',
  'pager.next': 'Далее ›',
  'pager.position': '{page}/{pages}',
  'pager.empty': 'Здесь пока пусто.',
  'wizard.back': '⬅️ Назад',
  'wizard.cancel': '✖️ Отмена',
  'wizard.step': 'Шаг {step} из {total}',
  'task.offer.title': '🆕 Задача №{number}: {title}',
  'task.offer.area': '📍 Район: {area}',
  'task.offer.when': '🕒 Когда: {when}',
  'task.offer.whenOpen': '🕒 Когда: по договорённости',
  'task.offer.question': 'Возьмёте?',
  'task.offer.status.accepted': '✅ Принято',
  'task.offer.status.rejected': '❌ Отклонено',
  'task.offer.status.cancelled': '🚫 Задача отменена',
  'task.offer.status.reassigned': '↪️ Задача больше не ваша',
  'task.button.accept': '✅ Принять',
  'task.button.reject': '❌ Отклонить',
  'task.button.skip': '⏭ Пропустить',
  'task.button.complete': '✔️ Отметить выполненной',
  'task.accepted': 'Принято. Данные клиента придут, когда их откроет администратор.',
  'task.reject.ask': 'Почему вы отклоняете задачу №{number}? Напишите причину или нажмите «Пропустить».',
  'task.reject.empty': 'Пожалуйста, напишите причину словами или нажмите «Пропустить».',
  'task.rejected': 'Задача №{number} отклонена. Спасибо, что сообщили.',
  'task.refused.conflict': 'Эта задача больше не ждёт такого ответа.',
  'task.refused.forbidden': 'Эта задача назначена не вам.',
  'task.refused.notFound': 'Этой задачи больше нет.',
  'task.refused.invalid': 'Этот ответ не принят. Пожалуйста, попробуйте ещё раз.',
  'task.clientInfo.title': '👤 Данные клиента по задаче №{number}: {title}',
  'task.clientInfo.name': 'Имя: {name}',
  'task.clientInfo.phone': 'Телефон: {phone}',
  'task.clientInfo.address': 'Адрес: {address}',
  'task.clientInfo.notes': 'Примечания: {notes}',
  'task.clientInfo.done': '✅ Выполнено',
  'task.completed': 'Задача №{number} отмечена выполненной. Спасибо!',
  'task.reminder': '⏰ Задача №{number} ждёт вашего ответа: {title}',
  'task.list.title': 'Ваши задачи ({total}):',
  'task.list.empty': 'У вас пока нет задач.',
  'task.list.item': '№{number} {title} — {status}',
  'task.status.new': 'новая',
  'task.status.sent': 'ждёт вашего ответа',
  'task.status.accepted': 'принята',
  'task.status.rejected': 'отклонена',
  'task.status.client_info_sent': 'в работе',
  'task.status.completed': 'выполнена',
  'task.status.cancelled': 'отменена',
} as const satisfies Record<keyof typeof en, string>;
