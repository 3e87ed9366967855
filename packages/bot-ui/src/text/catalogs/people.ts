/** Who someone is and how they come in: roles, welcomes, start links, the blocked notice. */
export const en = {
  'role.admin': 'administrator',
  'role.manager': 'manager',
  'role.technician': 'technician',
  'role.workshop': 'workshop engineer',
  'role.client': 'client',
  'welcome.admin':
    'Welcome, {name}! You are registered as an administrator. New users and important events will be reported here.',
  'welcome.manager':
    "Welcome, {name}! You are registered as a manager. Your clients' chat requests and claims will come here.",
  'welcome.technician': 'Welcome, {name}! You are registered as a technician. New tasks will come here.',
  'welcome.workshop':
    'Welcome, {name}! You are registered as a workshop engineer. Orders waiting in the workshop will come here.',
  'welcome.client':
    'Welcome, {name}! Use the menu below to create a waybill, file a claim or call your manager.',
  'welcome.back': 'Welcome back, {name}! The menu is below.',
  'welcome.linked': "Your Telegram is now connected to {name}'s account. Notifications will come here.",
  'start.inviteInvalid':
    'Sorry, this invite link has expired or has already been used up. You are registered as a client for now; ask whoever sent you the link for a new one.',
  'start.linkInvalid':
    'Sorry, this connection link has expired or was already used. Please ask for a new link and open it again.',
  'access.blocked':
    'Access to this bot is blocked for your account. If you think this is a mistake, please contact the administrator.',
} as const;

/** The same keys and placeholders in Russian. */
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
} as const satisfies Record<keyof typeof en, string>;
