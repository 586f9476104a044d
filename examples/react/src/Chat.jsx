// A chat on letta-wasm's ChatSession: the session holds the state (history, the streaming reply,
// reconnects, approvals) and React renders its snapshot through useSyncExternalStore.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ChatSession } from 'letta-wasm';

/** The session's snapshot, re-rendered on every change. */
function useChat(session) {
  return useSyncExternalStore(session.subscribe, session.getSnapshot);
}

const STATUS = {
  idle: '',
  loading: 'Loading…',
  streaming: 'The agent is replying…',
  reconnecting: 'Reconnecting…',
  awaiting_approval: 'The agent asks for approval',
  error: 'Something went wrong',
};

export function Chat({ session }) {
  const chat = useChat(session);
  const [text, setText] = useState('');
  useEffect(() => {
    session.load();
  }, [session]);
  const busy = chat.status === 'streaming' || chat.status === 'reconnecting' || chat.status === 'loading';

  const submit = (event) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    session.send(text);
    setText('');
  };

  return (
    <main>
      <h1>Chat</h1>
      {chat.hasEarlier && <button onClick={() => session.loadEarlier()}>Load earlier</button>}
      <ol aria-live="polite" className="log">
        {chat.messages.map((message) => (
          <Message key={ChatSession.messageKey(message)} message={message} />
        ))}
      </ol>
      <p className="status" data-status={chat.status}>
        {STATUS[chat.status]}
        {chat.error && `: ${chat.error.message}`}
      </p>
      {chat.pendingApproval && <Approval session={session} request={chat.pendingApproval} />}
      {chat.status === 'error' && <button onClick={() => session.retry()}>Retry</button>}
      <form onSubmit={submit}>
        <input aria-label="Message" value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" disabled={busy}>
          Send
        </button>
        {busy && (
          <button type="button" onClick={() => session.stop()}>
            Stop
          </button>
        )}
      </form>
    </main>
  );
}

function Message({ message }) {
  switch (message.message_type) {
    case 'user_message':
      return <li className="user">{contentText(message.content)}</li>;
    case 'assistant_message':
      return <li className="assistant">{contentText(message.content)}</li>;
    case 'reasoning_message':
      return <li className="reasoning">{message.reasoning}</li>;
    case 'tool_call_message':
      return <li className="tool">Calls {callsOf(message).map((call) => call.name).join(', ')}</li>;
    case 'tool_return_message':
      return <li className="tool">Tool answered: {message.tool_return}</li>;
    default:
      return null; // system messages, approvals (shown below), and types newer than this example
  }
}

function Approval({ session, request }) {
  const [call] = callsOf(request);
  if (!call) return null;
  return (
    <div className="approval">
      <p>
        Run <code>{call.name}</code> with <code>{call.arguments}</code>?
      </p>
      <button onClick={() => session.approve(call.tool_call_id)}>Approve</button>
      <button onClick={() => session.deny(call.tool_call_id, 'The user said no')}>Deny</button>
    </div>
  );
}

const contentText = (content) => (typeof content === 'string' ? content : content.map((part) => part.text ?? '').join(''));
const callsOf = (message) => (Array.isArray(message.tool_calls) ? message.tool_calls : message.tool_call ? [message.tool_call] : []);
