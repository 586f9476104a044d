// letta-wasm/chat: the <letta-chat> custom element. Importing the module defines the element.
import type { ClientOptions, StopReasonType, StreamItem } from '../index.js';

/** What `letta-turn-end` carries: how the reply ended. */
export interface LettaTurnEndDetail {
  /** The stop reason the server sent, or `null` when the stream failed or was stopped first. */
  stopReason: StopReasonType | string | null;
  /** Why the reply failed (a `LettaError`), or `null`. */
  error: unknown;
}

/**
 * A chat with one Letta agent: streams replies, renders every message type (token deltas, reasoning,
 * tool calls and returns, approval requests with Approve / Deny), renders replies as Markdown (safely),
 * validates before sending, and stops a reply by cancelling its run on the server.
 *
 * Attributes: `base-url`, `agent-id`, `conversation-id`, `api-key`, `stream-tokens`, `include-pings`, `allow-json`,
 * `placeholder`. Theme with the `--letta-chat-*` CSS custom properties and the `bubble`, `card`,
 * `note`, `reasoning`, `log`, `composer` and `input` parts.
 */
export declare class LettaChatElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Extra `LettaClient` options (headers, timeoutMs, maxRetries, fetch), merged over the attributes. */
  clientOptions: Omit<ClientOptions, 'baseUrl' | 'apiKey'> & Partial<Pick<ClientOptions, 'baseUrl' | 'apiKey'>>;
  /** Whether a reply is streaming. */
  readonly busy: boolean;
  /** Sends `text` (default: the composer's text) and streams the reply; validation problems show inline. */
  send(text?: string): Promise<void>;
  /** Stops the reply that is streaming by cancelling its run on the server; what arrived stays. */
  stop(): void;
  /** Empties the conversation shown (the agent keeps its memory). */
  clear(): void;
  attributeChangedCallback(name: string): void;
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
  /** A reply ended: finished, failed or stopped. */
  'letta-turn-end': CustomEvent<LettaTurnEndDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'letta-chat': LettaChatElement;
  }
}
