/* global document, fetch, FormData, URLSearchParams, window, setTimeout */
// The sandbox's chat page: plays one user talking to one bot through the /sandbox HTTP API.

const $ = (id) => document.getElementById(id);
const state = {
  botToken: '',
  userId: 0,
  lastSeq: 0,
  blocked: false,
  pollGeneration: 0,
  /** False while the user has scrolled up to read older messages. */
  followNewest: true,
};

async function api(path, options = {}) {
  const response = await fetch(`/sandbox${path}`, options);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body;
}

const postJson = (path, body) =>
  api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function userAction(action, body) {
  return postJson(`/users/${state.userId}/${action}`, { botToken: state.botToken, ...body }).catch(showError);
}

function showStatus(text) {
  $('status').textContent = text;
  if (text) setTimeout(() => $('status').textContent === text && ($('status').textContent = ''), 5000);
}

function showError(error) {
  showStatus(`⚠ ${error.message}`);
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of [children].flat()) node.append(child);
  return node;
}

const ENTITY_TAGS = {
  bold: 'b',
  italic: 'i',
  underline: 'u',
  strikethrough: 's',
  code: 'code',
  pre: 'pre',
  spoiler: 'span',
  text_link: 'a',
};

/** Text with its entities as nested elements (offsets are UTF-16 units, like JS strings). */
function formatted(text, entities = []) {
  const root = element('span');
  const stack = [{ node: root, end: text.length }];
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  let position = 0;
  const appendText = (until) => {
    while (position < until) {
      const top = stack.at(-1);
      const stop = Math.min(until, top.end);
      top.node.append(text.slice(position, stop));
      position = stop;
      if (position === top.end && stack.length > 1) stack.pop();
    }
  };
  for (const entity of sorted) {
    appendText(entity.offset);
    while (stack.length > 1 && stack.at(-1).end <= entity.offset) stack.pop();
    const tag = ENTITY_TAGS[entity.type] ?? 'span';
    const attributes =
      entity.type === 'text_link'
        ? { href: /^(https?|tg):/i.test(entity.url) ? entity.url : '#', target: '_blank' }
        : entity.type === 'spoiler'
          ? { class: 'spoiler' }
          : {};
    const node = element(tag, attributes);
    stack.at(-1).node.append(node);
    stack.push({ node, end: Math.min(entity.offset + entity.length, stack.at(-1).end) });
  }
  appendText(text.length);
  return root;
}

function inlineKeyboard(message) {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  return element(
    'div',
    { class: 'inline-keyboard' },
    rows.map((row) =>
      element(
        'div',
        { class: 'row' },
        row.map((button) =>
          element(
            'button',
            { onclick: () => pressInlineButton(message, button) },
            button.url ? `${button.text} ↗` : button.text,
          ),
        ),
      ),
    ),
  );
}

function pressInlineButton(message, button) {
  if (button.url) window.open(button.url, '_blank');
  else if (button.callback_data !== undefined) {
    void userAction('pressButton', {
      messageId: message.message_id,
      data: button.callback_data,
      chatId: state.userId,
    });
  }
}

function messageBody(message) {
  const parts = [];
  if (message.photo) {
    const largest = message.photo.at(-1);
    // width/height reserve the photo's space before it loads, so the scroll position holds.
    parts.push(
      element('img', {
        src: `/sandbox/files/${encodeURIComponent(largest.file_id)}`,
        alt: 'photo',
        width: largest.width,
        height: largest.height,
        onload: scrollToNewest,
      }),
    );
  }
  for (const kind of ['document', 'voice', 'video']) {
    const file = message[kind];
    if (file) {
      const label = `${{ document: '📄', voice: '🎤', video: '🎬' }[kind]} ${file.file_name ?? kind}`;
      parts.push(
        element(
          'a',
          { href: `/sandbox/files/${encodeURIComponent(file.file_id)}`, download: file.file_name ?? kind },
          label,
        ),
      );
    }
  }
  if (message.contact) parts.push(`📇 ${message.contact.first_name} ${message.contact.phone_number}`);
  if (message.text !== undefined) parts.push(formatted(message.text, message.entities));
  if (message.caption !== undefined)
    parts.push(element('div', {}, formatted(message.caption, message.caption_entities)));
  return parts;
}

function renderMessage(message) {
  if (message.pinned_message) {
    const pinned = message.pinned_message.text ?? message.pinned_message.caption ?? 'a message';
    return element('div', { class: 'message service' }, `📌 pinned “${pinned.slice(0, 40)}”`);
  }
  const fromUser = message.from?.is_bot === false;
  const time = new Date(message.date * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return element('div', { class: `message ${fromUser ? 'user' : 'bot'}`, 'data-id': message.message_id }, [
    ...(message.forward_origin ? [element('div', { class: 'meta' }, 'forwarded')] : []),
    ...messageBody(message),
    element('div', { class: 'meta' }, `${message.edit_date ? 'edited ' : ''}${time}`),
    ...(message.reply_markup ? [inlineKeyboard(message)] : []),
  ]);
}

function renderReplyKeyboard(keyboard) {
  const container = $('reply-keyboard');
  container.replaceChildren(
    ...(keyboard?.keyboard ?? []).map((row) =>
      element(
        'div',
        { class: 'row' },
        row.map((button) =>
          element(
            'button',
            {
              onclick: () =>
                button.request_contact ? void userAction('sendContact', {}) : void sendText(button.text),
            },
            button.text,
          ),
        ),
      ),
    ),
  );
  $('text').placeholder = keyboard?.input_field_placeholder ?? 'Write a message or /command';
}

function scrollToNewest() {
  if (state.followNewest) $('chat').scrollTop = $('chat').scrollHeight;
}

$('chat').addEventListener('scroll', () => {
  const chat = $('chat');
  state.followNewest = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 40;
});

async function refreshChat() {
  if (!state.botToken || !state.userId) return;
  const view = await api(`/bots/${encodeURIComponent(state.botToken)}/chats/${state.userId}`);
  const chat = $('chat');
  const readingAt = chat.scrollTop;
  chat.replaceChildren(...view.messages.map(renderMessage));
  renderReplyKeyboard(view.replyKeyboard);
  if (state.followNewest) scrollToNewest();
  else chat.scrollTop = readingAt;
  return view.lastSeq;
}

/** Long-polls the chat's events and redraws on each change; a new chat starts a new loop. */
async function pollChat() {
  const generation = ++state.pollGeneration;
  state.lastSeq = (await refreshChat().catch(showError)) ?? 0;
  while (generation === state.pollGeneration) {
    try {
      const path = `/bots/${encodeURIComponent(state.botToken)}/chats/${state.userId}/events?after=${state.lastSeq}&timeoutMs=25000`;
      const events = await api(path);
      if (generation !== state.pollGeneration || events.length === 0) continue;
      state.lastSeq = events.at(-1).seq;
      for (const event of events) announce(event);
      await refreshChat();
    } catch (error) {
      showError(error);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function announce(event) {
  if (event.kind === 'chat_action')
    showStatus(`${botName()} is ${String(event.params.action).replace(/_/g, ' ')}…`);
  if (event.kind === 'callback_answer' && event.params.text) {
    if (event.params.show_alert) window.alert(event.params.text);
    else showStatus(event.params.text);
  }
}

function botName() {
  return $('bot').selectedOptions[0]?.textContent ?? 'The bot';
}

function userName() {
  return $('user').selectedOptions[0]?.textContent ?? 'a new user';
}

function sendText(text) {
  const command = /^\/([A-Za-z0-9_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text);
  return command
    ? userAction('sendCommand', { command: command[1], payload: command[2] })
    : userAction('sendText', { text });
}

async function loadBotsAndUsers(selectUserId, selectBotToken) {
  const [bots, users] = await Promise.all([api('/bots'), api('/users')]);
  $('bot').replaceChildren(...bots.map((bot) => element('option', { value: bot.token }, `@${bot.username}`)));
  $('user').replaceChildren(
    ...users.map((user) =>
      element(
        'option',
        { value: user.id },
        `${user.firstName}${user.username ? ` (@${user.username})` : ''}`,
      ),
    ),
  );
  if (selectUserId) $('user').value = String(selectUserId);
  if (selectBotToken) $('bot').value = selectBotToken;
  selectChat();
}

function selectChat() {
  state.botToken = $('bot').value;
  state.userId = Number($('user').value) || 0;
  state.blocked = false;
  $('block').textContent = 'Block bot';
  $('chat').replaceChildren();
  state.followNewest = true;
  if (state.botToken && state.userId) {
    showStatus('');
    void pollChat();
  } else showStatus(state.botToken ? 'Create a user to start chatting.' : 'No bot in this sandbox.');
}

/** Opens a bot's deep link as the user (a new one when none is selected), then shows that chat. */
async function openLink(link, userId) {
  const opened = await postJson('/open', {
    link,
    ...(userId ? { userId } : { languageCode: $('new-user-language').value }),
  });
  await loadBotsAndUsers(opened.userId, opened.botToken);
  const command = opened.payload === null ? '/start' : `/start ${opened.payload}`;
  showStatus(`Opened @${opened.botUsername} as ${userName()}: sent ${command}`);
}

$('bot').addEventListener('change', selectChat);
$('user').addEventListener('change', selectChat);

$('new-user').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const user = await postJson('/users', {
      firstName: $('new-user-name').value,
      ...($('new-user-username').value && { username: $('new-user-username').value }),
      languageCode: $('new-user-language').value,
    });
    $('new-user').reset();
    await loadBotsAndUsers(user.id);
  } catch (error) {
    showError(error);
  }
});

$('open-link').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await openLink($('link').value.trim(), state.userId);
    $('link').value = '';
  } catch (error) {
    showError(error);
  }
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value.trim();
  if (!text || !state.userId) return;
  $('text').value = '';
  void sendText(text);
});

$('photo').addEventListener('change', async () => {
  const file = $('photo').files[0];
  if (!file || !state.userId) return;
  const form = new FormData();
  form.append('botToken', state.botToken);
  form.append('caption', $('text').value.trim());
  form.append('file', file, file.name);
  $('text').value = '';
  $('photo').value = '';
  await api(`/users/${state.userId}/sendPhoto`, { method: 'POST', body: form }).catch(showError);
});

$('share-contact').addEventListener('click', () => void userAction('sendContact', {}));

$('block').addEventListener('click', async () => {
  await userAction(state.blocked ? 'unblockBot' : 'blockBot', {});
  state.blocked = !state.blocked;
  $('block').textContent = state.blocked ? 'Unblock bot' : 'Block bot';
  showStatus(state.blocked ? `You blocked ${botName()}.` : `You unblocked ${botName()}.`);
});

/** `/?link=<url-encoded deep link>[&userId=<id>]` opens that link as soon as the page loads. */
async function startPage() {
  await loadBotsAndUsers();
  const params = new URLSearchParams(window.location.search);
  const link = params.get('link');
  if (!link) return;
  // Forget the link, so reloading the page does not tap Start again.
  window.history.replaceState(null, '', window.location.pathname);
  $('link').value = link;
  await openLink(link, Number(params.get('userId')) || state.userId);
  $('link').value = '';
}

void startPage().catch(showError);
