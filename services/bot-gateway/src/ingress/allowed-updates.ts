/** The update kinds the gateway asks Telegram for (and normalizes). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'];
