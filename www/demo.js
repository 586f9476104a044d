// The demo page: a settings bar that configures the <letta-chat> element below it.
// The API key lives only in this page's memory (the input and the element); it is never stored.
const chat = document.getElementById('chat');
const fields = {
  baseUrl: document.getElementById('base-url'),
  agentId: document.getElementById('agent-id'),
  apiKey: document.getElementById('api-key'),
  streamTokens: document.getElementById('stream-tokens'),
  includePings: document.getElementById('include-pings'),
};

function apply() {
  chat.setAttribute('base-url', fields.baseUrl.value.trim() || location.origin);
  chat.setAttribute('agent-id', fields.agentId.value.trim());
  if (fields.apiKey.value) chat.setAttribute('api-key', fields.apiKey.value);
  else chat.removeAttribute('api-key');
  chat.toggleAttribute('stream-tokens', fields.streamTokens.checked);
  chat.toggleAttribute('include-pings', fields.includePings.checked);
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

for (const input of Object.values(fields)) input.addEventListener('change', apply);
fields.apiKey.addEventListener('input', apply);
document.getElementById('settings').addEventListener('submit', (event) => event.preventDefault());
document.getElementById('clear').addEventListener('click', () => chat.clear());
for (const button of document.querySelectorAll('[data-say]')) {
  button.addEventListener('click', () => chat.send(button.dataset.say));
}
// On a small screen the settings start folded, to leave the room to the conversation.
if (matchMedia('(max-width: 820px)').matches) document.getElementById('settings-box').open = false;
apply();
await customElements.whenDefined('letta-chat');
document.body.dataset.ready = 'true';
