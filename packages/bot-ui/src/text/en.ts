/**
 * The English texts: the reference catalog. Its keys are every text key; `{param}` marks a value
 * filled in by `t()`. The Russian catalog must have exactly the same keys and placeholders.
 */
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
  'task.offer.title': '🆕 Task #{number}: {title}',
  'task.offer.area': '📍 Area: {area}',
  'task.offer.when': '🕒 When: {when}',
  'task.offer.whenOpen': '🕒 When: to be agreed',
  'task.offer.question': 'Will you take it?',
  'task.offer.status.accepted': '✅ Accepted',
  'task.offer.status.rejected': '❌ Rejected',
  'task.offer.status.cancelled': '🚫 This task was cancelled',
  'task.offer.status.reassigned': '↪️ This task is no longer yours',
  'task.button.accept': '✅ Accept',
  'task.button.reject': '❌ Reject',
  'task.button.skip': '⏭ Skip',
  'task.button.complete': '✔️ Mark as Completed',
  'task.accepted': 'Accepted. The client details will follow once the administrator releases them.',
  'task.reject.ask': 'Why are you rejecting task #{number}? Write the reason, or tap “Skip”.',
  'task.reject.empty': 'Please write the reason in words, or tap “Skip”.',
  'task.rejected': 'Task #{number} rejected. Thank you for letting us know.',
  'task.refused.conflict': 'This task is no longer waiting for this answer.',
  'task.refused.forbidden': 'This task is not assigned to you.',
  'task.refused.notFound': 'This task no longer exists.',
  'task.refused.invalid': 'This answer cannot be taken. Please try again.',
  'task.clientInfo.title': '👤 Client details for task #{number}: {title}',
  'task.clientInfo.name': 'Name: {name}',
  'task.clientInfo.phone': 'Phone: {phone}',
  'task.clientInfo.address': 'Address: {address}',
  'task.clientInfo.notes': 'Notes: {notes}',
  'task.clientInfo.done': '✅ Completed',
  'task.completed': 'Task #{number} marked as completed. Thank you!',
  'task.reminder': '⏰ Task #{number} is waiting for your answer: {title}',
  'task.list.title': 'Your tasks ({total}):',
  'task.list.empty': 'You have no tasks yet.',
  'task.list.item': '#{number} {title} — {status}',
  'task.status.new': 'new',
  'task.status.sent': 'waiting for your answer',
  'task.status.accepted': 'accepted',
  'task.status.rejected': 'rejected',
  'task.status.client_info_sent': 'in progress',
  'task.status.completed': 'completed',
  'task.status.cancelled': 'cancelled',
} as const;
