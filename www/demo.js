// The demo page: a settings bar that configures the <letta-chat> element below it, and a switcher of
// the agent's conversations when the server has them. The API key lives only in this page's memory
// (the input and the element); it is never stored. The agent and conversation are in the address,
// so that a reload comes back to the same chat (and the element resumes a reply it left running).
import { LettaClient } from '/pkg/index.js';

const chat = document.getElementById('chat');
const fields = {
  baseUrl: document.getElementById('base-url'),
  agentId: document.getElementById('agent-id'),
  apiKey: document.getElementById('api-key'),
  conversation: document.getElementById('conversation'),
  streamTokens: document.getElementById('stream-tokens'),
  includePings: document.getElementById('include-pings'),
};
const conversationField = document.getElementById('conversation-field');

function apply() {
  chat.setAttribute('base-url', fields.baseUrl.value.trim() || location.origin);
  chat.setAttribute('agent-id', fields.agentId.value.trim());
  if (fields.apiKey.value) chat.setAttribute('api-key', fields.apiKey.value);
  else chat.removeAttribute('api-key');
  if (fields.conversation.value) chat.setAttribute('conversation-id', fields.conversation.value);
  else chat.removeAttribute('conversation-id');
  chat.toggleAttribute('stream-tokens', fields.streamTokens.checked);
  chat.toggleAttribute('include-pings', fields.includePings.checked);
  const query = new URLSearchParams(location.search);
  for (const [name, value] of [['agentId', fields.agentId.value.trim()], ['conversation', fields.conversation.value]]) {
    if (value) query.set(name, value);
    else query.delete(name);
  }
  history.replaceState(null, '', `${location.pathname}?${query}`.replace(/\?$/, ''));
}

function client() {
  return new LettaClient({ baseUrl: fields.baseUrl.value.trim() || location.origin, apiKey: fields.apiKey.value || undefined, maxRetries: 0 });
}

/** The switcher's label for a conversation: its summary, or when it began. */
function conversationLabel(conversation) {
  if (conversation.summary) return conversation.summary;
  const when = conversation.created_at ? new Date(conversation.created_at) : null;
  return when && !Number.isNaN(when.getTime()) ? `Conversation of ${when.toLocaleString()}` : conversation.id;
}

/** Fills the switcher with the agent's conversations; hides it when the server has none to offer. */
async function loadConversations(selected = fields.conversation.value) {
  const agentId = fields.agentId.value.trim();
  let conversations = [];
  try {
    conversations = agentId ? await client().listConversations(agentId) : [];
  } catch {
    // A server without conversations (or not reachable yet): the agent's own thread only.
    conversationField.hidden = true;
    return false;
  }
  const options = [new Option("The agent's own thread", '')];
  for (const conversation of conversations) options.push(new Option(conversationLabel(conversation), conversation.id));
  if (selected && !conversations.some((conversation) => conversation.id === selected)) options.push(new Option(selected, selected));
  fields.conversation.replaceChildren(...options);
  fields.conversation.value = selected;
  conversationField.hidden = false;
  return true;
}

/** A new conversation with the agent, selected; on a server without them, an empty chat. */
async function newConversation() {
  const agentId = fields.agentId.value.trim();
  try {
    const conversation = await client().createConversation(agentId);
    await loadConversations(conversation.id);
    apply();
  } catch {
    chat.clear();
  }
}

async function loadConfig() {
  try {
    const response = await fetch('/config.json');
    if (response.ok) return await response.json();
  } catch {
    // A static host without the dev server: the user fills in the settings.
  }
  return { mode: 'static', agentId: '', target: '' };
}

const config = await loadConfig();
const params = new URLSearchParams(location.search);
fields.baseUrl.value = params.get('baseUrl') ?? location.origin;
fields.agentId.value = params.get('agentId') ?? config.agentId ?? '';
fields.streamTokens.checked = params.get('streamTokens') === '1';
fields.includePings.checked = params.get('includePings') === '1';
document.getElementById('target').textContent =
  config.mode === 'mock'
    ? `The bundled mock Letta agent, proxied from ${config.target}`
    : config.mode === 'proxy'
      ? `Letta server ${config.target}, proxied through this page's origin`
      : 'Enter your Letta server and agent';
document.getElementById('hints').hidden = config.mode !== 'mock';

for (const input of [fields.streamTokens, fields.includePings, fields.conversation]) input.addEventListener('change', apply);
for (const input of [fields.baseUrl, fields.agentId]) {
  input.addEventListener('change', async () => {
    fields.conversation.value = '';
    apply();
    await loadConversations('');
  });
}
fields.apiKey.addEventListener('input', apply);
document.getElementById('settings').addEventListener('submit', (event) => event.preventDefault());
document.getElementById('new-conversation').addEventListener('click', newConversation);
for (const button of document.querySelectorAll('[data-say]')) {
  button.addEventListener('click', () => chat.send(button.dataset.say));
}
// On a small screen the settings start folded, to leave the room to the conversation.
if (matchMedia('(max-width: 820px)').matches) document.getElementById('settings-box').open = false;
await loadConversations(params.get('conversation') ?? '');
apply();
await customElements.whenDefined('letta-chat');
await chat.loaded;
document.body.dataset.ready = 'true';
