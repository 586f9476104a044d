// Where the chat talks to: `?baseUrl=…&agentId=…` in the page's URL (a real app would configure it).
import { createRoot } from 'react-dom/client';
import { ChatSession, LettaClient } from 'letta-wasm';

import { Chat } from './Chat.jsx';

const query = new URLSearchParams(location.search);
const client = new LettaClient({ baseURL: query.get('baseUrl') ?? 'http://localhost:8283' });
const session = new ChatSession({ client, agentId: query.get('agentId') ?? '', streamTokens: true });

createRoot(document.getElementById('root')).render(<Chat session={session} />);
