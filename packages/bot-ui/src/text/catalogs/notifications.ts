/**
 * What notification says in the admin feed and in Telegram pushes (S0-13, S2-04; waybills and
 * claims: S1-02, S1-03, S1-06). Notification fills these from the event's data with its own
 * templates, so a placeholder may reach into a nested field (`{client.name}`), which `t()` does
 * not fill, or name a value it formats in the reader's language (`{amountText}`).
 */
export const en = {
  'notify.user.technicianRegistered': 'New technician added ({name})',
  'notify.user.clientRegistered': 'New client ({name})',
  'notify.task.created': 'Task #{number} created: {title}',
  'notify.task.sent': 'Task #{number} sent to ({assigneeName})',
  'notify.task.accepted': 'Task #{number} accepted by ({assigneeName})',
  'notify.task.rejectedWithReason': 'Task #{number} rejected by ({assigneeName}): {reason}',
  'notify.task.rejected': 'Task #{number} rejected by ({assigneeName})',
  'notify.task.clientInfoReleased': 'Client info sent for task #{number} ({client.name})',
  'notify.task.completed': 'Task #{number} marked completed: {title}',
  'notify.task.statusChangedWithReason': 'Status of task #{number} changed: {from} → {to} ({reason})',
  'notify.task.statusChanged': 'Status of task #{number} changed: {from} → {to}',
  'notify.task.deleted': 'Task #{number} deleted: {title}',
  'notify.task.offerUnanswered': 'No answer from ({assigneeName}) for task #{number}',
  'notify.invoice.created': 'Invoice #{number} created',
  'notify.invoice.sent': 'Invoice #{number} sent',
  'notify.invoice.statusChanged': 'Status of invoice #{number} changed: {from} → {to}',
  'notify.invoice.deleted': 'Invoice #{number} deleted',
  'notify.invoice.overdue': 'Invoice #{number} is overdue (due {dueDate})',
  'notify.waybill.created':
    'New waybill {number} from {clientName}: {cargo}, {weight} kg, {pickupAddress} → {deliveryAddress}',
  'notify.claim.filed':
    'New claim {number} from {clientName}\nWaybill: {waybillNumber}\nAmount: {amountText}\nE-mail: {email}\n{description}',
  'notify.claim.filedWaybillNotFound':
    'New claim {number} from {clientName}\nWaybill: {waybillNumber} ⚠️ not found among the client’s waybills\nAmount: {amountText}\nE-mail: {email}\n{description}',
  'notify.claim.statusChanged': 'Claim {number} ({clientName}): {fromText} → {toText}\nComment: {comment}',
  'notify.claim.inReview':
    'Your claim {number} (waybill {waybillNumber}) has been taken into review.\nManager’s comment: {comment}',
  'notify.claim.resolved':
    'Your claim {number} (waybill {waybillNumber}) has been resolved.\nManager’s comment: {comment}',
  'notify.claim.rejected':
    'Your claim {number} (waybill {waybillNumber}) has been rejected.\nManager’s comment: {comment}',
  'notify.claim.reassigned': 'Claim {number} from {clientName} is yours now (waybill {waybillNumber})',
  'notify.action.reviewUser': 'Review / edit',
  'notify.action.openTask': 'Open task',
  'notify.action.openInvoice': 'Open invoice',
  'notify.action.openWaybill': 'Open waybill',
  'notify.action.openClaim': 'Open claim',
} as const;

/** The same keys and placeholders in Russian. */
export const ru = {
  'notify.user.technicianRegistered': 'Добавлен новый техник ({name})',
  'notify.user.clientRegistered': 'Новый клиент ({name})',
  'notify.task.created': 'Создана задача №{number}: {title}',
  'notify.task.sent': 'Задача №{number} отправлена технику ({assigneeName})',
  'notify.task.accepted': 'Задача №{number} принята ({assigneeName})',
  'notify.task.rejectedWithReason': 'Задача №{number} отклонена ({assigneeName}): {reason}',
  'notify.task.rejected': 'Задача №{number} отклонена ({assigneeName})',
  'notify.task.clientInfoReleased': 'Данные клиента отправлены по задаче №{number} ({client.name})',
  'notify.task.completed': 'Задача №{number} выполнена: {title}',
  'notify.task.statusChangedWithReason': 'Статус задачи №{number} изменён: {from} → {to} ({reason})',
  'notify.task.statusChanged': 'Статус задачи №{number} изменён: {from} → {to}',
  'notify.task.deleted': 'Задача №{number} удалена: {title}',
  'notify.task.offerUnanswered': 'Нет ответа от ({assigneeName}) по задаче №{number}',
  'notify.invoice.created': 'Создан счёт №{number}',
  'notify.invoice.sent': 'Счёт №{number} отправлен',
  'notify.invoice.statusChanged': 'Статус счёта №{number} изменён: {from} → {to}',
  'notify.invoice.deleted': 'Счёт №{number} удалён',
  'notify.invoice.overdue': 'Счёт №{number} просрочен (срок оплаты {dueDate})',
  'notify.waybill.created':
    'Новая накладная {number} от {clientName}: {cargo}, {weight} кг, {pickupAddress} → {deliveryAddress}',
  'notify.claim.filed':
    'Новая претензия {number} от {clientName}\nНакладная: {waybillNumber}\nСумма: {amountText}\nE-mail: {email}\n{description}',
  'notify.claim.filedWaybillNotFound':
    'Новая претензия {number} от {clientName}\nНакладная: {waybillNumber} ⚠️ не найдена среди накладных клиента\nСумма: {amountText}\nE-mail: {email}\n{description}',
  'notify.claim.statusChanged':
    'Претензия {number} ({clientName}): {fromText} → {toText}\nКомментарий: {comment}',
  'notify.claim.inReview':
    'Ваша претензия {number} (накладная {waybillNumber}) принята в работу.\nКомментарий менеджера: {comment}',
  'notify.claim.resolved':
    'Ваша претензия {number} (накладная {waybillNumber}) решена.\nКомментарий менеджера: {comment}',
  'notify.claim.rejected':
    'Ваша претензия {number} (накладная {waybillNumber}) отклонена.\nКомментарий менеджера: {comment}',
  'notify.claim.reassigned': 'Претензия {number} от {clientName} теперь ваша (накладная {waybillNumber})',
  'notify.action.reviewUser': 'Проверить / изменить',
  'notify.action.openTask': 'Открыть задачу',
  'notify.action.openInvoice': 'Открыть счёт',
  'notify.action.openWaybill': 'Открыть накладную',
  'notify.action.openClaim': 'Открыть претензию',
} as const satisfies Record<keyof typeof en, string>;
