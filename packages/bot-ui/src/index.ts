export {
  LANGS,
  ORG_DEFAULT_LANG,
  isLang,
  langFromTelegram,
  personLang,
  type Lang,
  type LanguageHolder,
} from './text/lang.js';
export {
  documentLanguage,
  formatDocumentDate,
  type DocumentLanguageSettings,
} from './documents/document-language.js';
export { CATALOG, allTexts, t, type Placeholders, type TextKey, type TextParams } from './text/catalog.js';
export {
  CURRENCY_SIGNS,
  NBSP,
  formatMoney,
  formatQuantity,
  toScaled,
  type Currency,
} from './money/money-format.js';
export {
  REMOVE_KEYBOARD,
  type InlineKeyboardButton,
  type InlineKeyboardMarkup,
  type KeyboardButton,
  type ReplyKeyboardMarkup,
  type ReplyKeyboardRemove,
  type ReplyMarkup,
} from './keyboards/markup.js';
export {
  MAIN_MENUS,
  MENU_ACTIONS,
  ROLES,
  mainMenuKeyboard,
  menuActionOf,
  menuActions,
  menuLabel,
  normalizeLabel,
  type MenuAction,
  type Role,
} from './keyboards/main-menu.js';
export { callbackButton, chunk, inlineKeyboard, urlButton } from './keyboards/inline.js';
export {
  CALLBACK_DATA_MAX_BYTES,
  CallbackDataError,
  callbackNamespace,
  encodeCallback,
  parseCallback,
  type CallbackData,
  type CallbackNamespace,
} from './callback/callback-codec.js';
export {
  PAGER_NOOP,
  PAGER_NS,
  PAGE_SIZE,
  pageWindow,
  paginate,
  pagerRow,
  type Page,
  type PageWindow,
} from './pager/pager.js';
export {
  MY_TASKS_LIST,
  TASK_BUTTONS,
  taskClientInfoMessageKey,
  taskCompleteKeyboard,
  taskOfferKeyboard,
  taskOfferMessageKey,
  taskSkipReasonKeyboard,
  type TaskButtonAction,
} from './tasks/task-buttons.js';
export {
  formatWhen,
  offerBody,
  offerText,
  settledOfferText,
  type OfferDetails,
  type OfferOutcome,
} from './tasks/task-offer.js';
export {
  WIZARD_BUTTONS,
  readWizardPress,
  wizardFilesKeyboard,
  wizardStepKeyboard,
  wizardSummaryKeyboard,
  type WizardButtonAction,
  type WizardPress,
} from './wizard/wizard-buttons.js';
export { MY_WAYBILLS_LIST, WAYBILL_BUTTONS, waybillListKeyboard } from './waybills/waybill-buttons.js';
export {
  CLAIMS_LIST,
  CLAIM_BUTTONS,
  CLAIM_FILTERS,
  CLAIM_MOVES,
  claimCardKeyboard,
  claimCommentKeyboard,
  claimListKeyboard,
  isClaimFilter,
  type ClaimButtonAction,
  type ClaimFilter,
  type ClaimMove,
} from './claims/claim-buttons.js';
