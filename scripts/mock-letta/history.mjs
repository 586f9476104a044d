/**
 * An agent's message history, as `GET /v1/agents/{id}/messages` and `GET /v1/conversations/{id}/messages`
 * list it. The server stores rows (one per LLM call, user input or tool return) and expands each into
 * LettaMessages that share the row's id; `limit`, `before` and `after` count and name rows.
 */

export class History {
  constructor() {
    /** { seq, conversationId (null = the default thread), message } in creation order. */
    this.entries = [];
    this.nextSeq = 1;
  }

  /** Stores a whole message; consecutive messages with the same id are one row. */
  add(conversationId, message) {
    const last = this.entries.at(-1);
    const seq = last && last.message.id === message.id && last.conversationId === conversationId ? last.seq : this.nextSeq++;
    this.entries.push({ seq, conversationId, message });
  }

  /**
   * The page for `order` (desc: the newest `limit` rows; asc: the oldest), always oldest first — the
   * server reverses a desc page twice. `conversationId`: undefined = every thread, null = the default
   * one. Returns { messages } or { missing: <cursor id> } when a cursor names no message.
   */
  page({ conversationId, limit = 100, before = null, after = null, order = 'desc' }) {
    const seqOf = (id) => this.entries.find((e) => e.message.id === id)?.seq;
    const bounds = {};
    for (const [name, id] of [['before', before], ['after', after]]) {
      if (id === null) continue;
      bounds[name] = seqOf(id);
      if (bounds[name] === undefined) return { missing: id };
    }
    const shown = this.entries.filter(
      (e) =>
        (conversationId === undefined || e.conversationId === conversationId) &&
        (bounds.before === undefined || e.seq < bounds.before) &&
        (bounds.after === undefined || e.seq > bounds.after),
    );
    const rows = [...new Set(shown.map((e) => e.seq))];
    const count = Math.max(0, limit ?? rows.length);
    const picked = new Set(order === 'asc' ? rows.slice(0, count) : rows.slice(Math.max(0, rows.length - count)));
    return { messages: shown.filter((e) => picked.has(e.seq)).map((e) => e.message) };
  }
}
