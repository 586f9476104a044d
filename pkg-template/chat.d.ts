// letta-wasm/chat: the <letta-chat> custom element. Importing the module defines the element.
import type { ChatSession, ClientOptions, StopReasonType, StreamItem } from '../index.js';

/** What `letta-turn-end` carries: how the reply ended. */
export interface LettaTurnEndDetail {
  /** The stop reason the server sent, or `null` when the stream failed or was stopped first. */
  stopReason: StopReasonType | string | null;
  /** Why the reply failed (a `LettaError`), or `null`. */
  error: unknown;
}

/**
 * A chat with one Letta agent, on a `ChatSession`: shows the last page of history on connect ("Load
 * earlier" for more), streams replies, renders every message type (token deltas, reasoning, tool
 * calls and returns, approval requests with Approve / Deny), renders replies as Markdown (safely),
 * validates before sending. A reply cut by the network resumes ("Reconnecting…"), a reload
 * mid-reply continues it, a pending approval shows again after a reload, Stop cancels the run on
 * the server, and failures offer Retry.
 *
 * Attributes: `base-url`, `agent-id`, `conversation-id`, `api-key`, `storage` (`session`, the
 * default; `local`; `none`: where the running reply's run id is kept for a reload), `history-page-size`
 * (default 50), `stream-tokens`, `include-pings`, `allow-json`, `placeholder`. The element reflects
 * the session's `status` (`idle`, `loading`, `streaming`, `reconnecting`, `awaiting_approval`,
 * `error`) in its `status` attribute, and `busy` while it loads or a reply streams. Theme with the
 * `--letta-chat-*` CSS custom properties and the `bubble`, `card`, `note`, `reasoning`, `log`,
 * `composer` and `input` parts.
 */
export declare class LettaChatElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Extra `LettaClient` options (headers, timeoutMs, maxRetries, fetch), merged over the attributes. */
  clientOptions: Omit<ClientOptions, 'baseUrl' | 'apiKey'> & Partial<Pick<ClientOptions, 'baseUrl' | 'apiKey'>>;
  /** Whether the history is loading or a reply is streaming. */
  readonly busy: boolean;
  /** The session behind the element: `null` without an `agent-id` or while not in a document. */
  readonly session: ChatSession | null;
  /** Resolves once the history is shown (a reply left running goes on resuming after it). */
  readonly loaded: Promise<void>;
  /**
   * Sends `text` (default: the composer's text) and streams the reply; validation problems show
   * inline. Sent while the history loads, it goes once the history is shown.
   */
  send(text?: string): Promise<void>;
  /**
   * Stops the reply that is streaming by cancelling its run on the server; what arrived stays. Should
   * the server not end the reply within 5 seconds, the element stops reading it.
   */
  stop(): Promise<void>;
  /** Empties the conversation shown and stops a reply (the agent keeps its memory and history). */
  clear(): void;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, before: string | null, after: string | null): void;
  addEventListener<K extends keyof LettaChatEventMap>(
    type: K,
    listener: (this: LettaChatElement, event: LettaChatEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The events of `<letta-chat>`. */
export interface LettaChatEventMap extends HTMLElementEventMap {
  /** Every stream item, as received. */
  'letta-item': CustomEvent<StreamItem>;
  /** A reply ended (finished, failed or stopped), or the history failed to load. */
  'letta-turn-end': CustomEvent<LettaTurnEndDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'letta-chat': LettaChatElement;
  }
}
