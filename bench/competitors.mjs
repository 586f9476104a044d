// The stream decoders compared, each reading the same bytes from the same kind of `fetch` Response
// (a ReadableStream that hands out one chunk per pull, like the network) and counting the events it
// delivers as JavaScript objects. Modules are passed in, so that Node and the browser bundle share it.

const AGENT = 'agent-123e4567-e89b-42d3-a456-426614174000';
const BASE = 'http://127.0.0.1:1';

/** A `fetch` whose every call answers 200 text/event-stream with `bytes` in chunks of `size`. */
export function chunkedFetch(bytes, size) {
  return async () =>
    new Response(
      new ReadableStream({
        start() {
          this.offset = 0;
        },
        pull(controller) {
          if (this.offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(this.offset, this.offset + size));
          this.offset += size;
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
}

/** The competitors: name → `async (fetch, onFirst?) => events delivered`; `onFirst` is called at the first. */
export function competitors({ letta, Letta, createParser }) {
  return {
    /** letta-wasm: every item validated into typed Rust values, then handed to JS. */
    'letta-wasm': async (fetch, onFirst) => {
      let count = 0;
      const stream = letta.streamMessage(AGENT, { input: 'hi', include_pings: true }, { baseUrl: BASE, fetch, maxRetries: 0 });
      for await (const item of stream) if (item.message_type && count++ === 0) onFirst?.();
      return count;
    },
    /** The official SDK, @letta-ai/letta-client. */
    'official SDK': async (fetch, onFirst) => {
      let count = 0;
      const client = new Letta({ baseURL: BASE, apiKey: 'bench', fetch, maxRetries: 0 });
      const stream = await client.agents.messages.create(AGENT, { messages: [{ role: 'user', content: 'hi' }], streaming: true, include_pings: true });
      for await (const item of stream) if (item.message_type && count++ === 0) onFirst?.();
      return count;
    },
    /** eventsource-parser (what most hand-rolled SSE clients use) + JSON.parse. */
    'eventsource-parser': async (fetch, onFirst) => {
      let count = 0;
      const parser = createParser({
        onEvent(event) {
          if (event.data === '[DONE]') return;
          if (JSON.parse(event.data).message_type && count++ === 0) onFirst?.();
        },
      });
      const response = await fetch();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
      return count;
    },
    /** The floor: TextDecoder, cut at blank lines (scanning only new text), JSON.parse. No other SSE rules. */
    'bare JSON.parse': async (fetch, onFirst) => {
      let count = 0;
      const pieces = [];
      let pendingNewline = false;
      const emit = (frame) => {
        const data = frame.slice(6);
        if (data !== '[DONE]' && JSON.parse(data).message_type && count++ === 0) onFirst?.();
      };
      const response = await fetch();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        let from = 0;
        if (pendingNewline && text[0] === '\n') {
          emit(pieces.join('').slice(0, -1));
          pieces.length = 0;
          from = 1;
        }
        for (let at; (at = text.indexOf('\n\n', from)) !== -1; from = at + 2) {
          pieces.push(text.slice(from, at));
          emit(pieces.join(''));
          pieces.length = 0;
        }
        const rest = text.slice(from);
        if (rest) pieces.push(rest);
        pendingNewline = rest.endsWith('\n');
      }
      return count;
    },
  };
}
