/** The main menu, help, fallbacks and the shared controls (pager, wizard buttons). */
export const en = {
  'menu.title': 'The main menu is below.',
  'menu.comingSoon': '“{item}” is coming soon. We will let you know here when it is ready.',
  'menu.users': '👥 Users',
  'menu.inviteTechnician': '➕ Invite technician',
  'menu.settings': '⚙️ Settings',
  'menu.help': '❓ Help',
  'menu.myTasks': '📋 My tasks',
  'menu.workshopQueue': '🛠 Workshop queue',
  'menu.myClients': '👥 My clients',
  'menu.chats': '💬 Chats',
  'menu.claims': '📑 Claims',
  'menu.newWaybill': '📦 New waybill',
  'menu.fileClaim': '📝 File a claim',
  'menu.callManager': '📞 Call my manager',
  'menu.myOrders': '🗂 My orders',
  'help.admin':
    'You are an administrator. The bot brings you the system’s notifications: new technicians, answers to tasks, invoices. People, tasks and invoices are managed in the admin REST API (/api/v1; its OpenAPI document is at /api/openapi.json); a web console is coming.\nComing soon here: Users, Invite technician, Settings.\n/menu shows the menu again.',
  'help.manager':
    'You are a manager. The bot brings you notifications about your clients.\nComing soon here: My clients, Chats, Claims.\n/menu shows the menu again.',
  'help.technician':
    'You are a technician. New tasks come here with Accept and Reject buttons; the client details follow once the administrator releases them.\n• My tasks — your current tasks\n/menu shows the menu again.',
  'help.workshop':
    'You are a workshop engineer. The bot will bring you the workshop’s orders.\nComing soon here: Workshop queue, My tasks.\n/menu shows the menu again.',
  'help.client':
    'Hello! This bot connects you with our team: we write to you here.\nComing soon here: New waybill (with its PDF), File a claim, Call my manager (a chat right here), My orders.\n/menu shows the menu again.',
  'fallback.text': "Sorry, I didn't get that. Please choose an item from the menu below.",
  'fallback.command': 'Unknown command /{command}. Choose an item from the menu below or send /help.',
  'fallback.media': 'I cannot take files here yet. Please choose an item from the menu below.',
  'callback.stale': 'This button is no longer active.',
  'contact.thanks': 'Thank you! We have received the phone number.',
  'cancel.done': 'Cancelled. The menu is below.',
  'cancel.nothing': 'There is nothing to cancel. The menu is below.',
  'pager.prev': '‹ Back',
  'pager.next': 'Next ›',
  'pager.position': '{page}/{pages}',
  'pager.empty': 'Nothing here yet.',
  'wizard.back': '⬅️ Back',
  'wizard.cancel': '✖️ Cancel',
  'wizard.step': 'Step {step}/{total}',
} as const;

/** The same keys and placeholders in Russian. */
export const ru = {
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
} as const satisfies Record<keyof typeof en, string>;
