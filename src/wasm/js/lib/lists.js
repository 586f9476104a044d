// History: `listMessages`'s pages, as one object that is both a promise (the first page) and an
// async iterable (every message of every page, following the cursors), as openai-node's lists are.
import * as wasm from '../letta_wasm.js';
import { StreamError } from './errors.js';
import { count, oneOf, option, string, typeError } from './options.js';

/** The server's default page size for message history. */
const DEFAULT_LIMIT = 100;

/** The history query: `{ limit?, before?, after?, order?, conversationId?, includeErr?, groupId? }`. */
export function messageQuery(query) {
  if (query !== undefined && query !== null && typeof query !== 'object') throw typeError('query', 'an object');
  const includeErr = option(query, 'includeErr');
  if (includeErr !== undefined && typeof includeErr !== 'boolean') throw typeError('includeErr', 'a boolean');
  return {
    limit: count(query, 'limit'),
    before: string(query, 'before'),
    after: string(query, 'after'),
    order: oneOf(query, 'order', ['asc', 'desc']) ?? 'desc',
    conversationId: string(query, 'conversationId'),
    includeErr,
    groupId: string(query, 'groupId'),
  };
}

/** The query string of one history request. */
export function messageSearch(query, agentId, cursor) {
  return {
    limit: query.limit,
    before: cursor.before,
    after: cursor.after,
    order: query.order,
    include_err: query.includeErr,
    group_id: query.groupId,
    // The conversation route takes the agent as `agent_id` only for its "default" conversation.
    agent_id: query.conversationId === 'default' ? agentId : undefined,
  };
}

/**
 * A page of history from the text of a reply: checked against the message union (an unknown
 * message type passes), newest first for `desc`. Letta 0.16.8 answers `order=desc` on the agent's
 * own thread (`agentRecall`) with the newest `limit` messages oldest first, and on a conversation's
 * route newest first (both measured); the former is turned around so that `order` means what it
 * says either way.
 */
export function messagePage(text, order, agentRecall) {
  const problem = wasm.checkMessages(text);
  if (problem !== undefined) throw new StreamError(problem, 'invalid_response');
  const page = JSON.parse(text);
  return order === 'desc' && agentRecall ? page.reverse() : page;
}

/**
 * The object `listMessages` returns: `await` it for one page, or `for await` it for every message,
 * page after page in the requested order, until a page comes back shorter than `limit`. The first
 * page is fetched once, on first use, and shared by both.
 */
export class MessageList extends Promise {
  #fetchPage;
  #query;
  #start;

  // Promise's own methods (then/catch/finally) return plain promises.
  static get [Symbol.species]() {
    return Promise;
  }

  /** @param fetchPage `(cursor: { before?, after? }) => Promise<LettaMessage[]>` */
  constructor(fetchPage, query) {
    let settle;
    super((resolve, reject) => (settle = { resolve, reject }));
    this.#fetchPage = fetchPage;
    this.#query = query;
    this.#start = () => {
      this.#start = () => {};
      fetchPage({ before: query.before, after: query.after }).then(settle.resolve, settle.reject);
    };
  }

  then(onFulfilled, onRejected) {
    this.#start();
    return super.then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator]() {
    const query = this.#query;
    const limit = query.limit ?? DEFAULT_LIMIT;
    let page = await this;
    let cursor = { before: query.before, after: query.after };
    for (;;) {
      yield* page;
      if (page.length === 0 || page.length < limit) return;
      // The last message of a page is the oldest for `desc`, the newest for `asc`.
      const last = page[page.length - 1].id;
      const next = query.order === 'asc' ? { ...cursor, after: last } : { ...cursor, before: last };
      if (typeof last !== 'string' || (next.after === cursor.after && next.before === cursor.before)) return;
      cursor = next;
      page = await this.#fetchPage(cursor);
    }
  }
}
