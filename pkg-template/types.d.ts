// letta-wasm payload types: the JSON of Letta's Send Message API (POST /v1/agents/{agent_id}/messages),
// as the server and letta-wasm write it. Keys are snake_case as on the wire; `?` marks a key that may be
// absent, `| null` a value that may be null.
//
// GENERATED from the Rust types (src/types, src/validate/issue.rs) by tests/typescript.rs. Do not edit:
// change the Rust types, then run `UPDATE_TYPES=1 cargo test --features typescript --test typescript`.

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

// -----------------------------------------------------------------------------------------------------------
// src/types/request.rs
// The Send Message request body, `MessageSendParams`, and the message inputs it carries
// (`MessageInput`: a message, an approval answer, or client tool returns).

/** The body of `POST /v1/agents/{agent_id}/messages`. Give exactly one of `messages` or `input`. */
export interface MessageSendParams {
  /** The messages to send. */
  messages?: MessageInput[] | null;
  /** Shorthand for one user message: `messages: [{role: "user", content: input}]`. */
  input?: MessageContent | null;
  /** The most agent steps to take (server default 50). */
  max_steps?: number;
  /** Deprecated: parse the message tool's arguments into assistant messages (legacy agents). */
  use_assistant_message?: boolean;
  /** Deprecated: the name of the message tool (legacy agents). */
  assistant_message_tool_name?: string;
  /** Deprecated: the message argument of the message tool (legacy agents). */
  assistant_message_tool_kwarg?: string;
  /** Return only these message types (pings, stop reasons and usage are always sent). */
  include_return_message_types?: MessageType[] | null;
  /** Deprecated: enable reasoning. A **string** on the wire (`"true"`); a JSON boolean is rejected. */
  enable_thinking?: string;
  /** Tools the client runs itself; a call to one ends the turn with `requires_approval`. */
  client_tools?: ClientTool[] | null;
  /** Skills the client's environment provides, listed in the system prompt. */
  client_skills?: ClientSkill[] | null;
  /** A model handle to use for this request instead of the agent's. */
  override_model?: string | null;
  /** Emit `summary_message` and `event_message` when the context is compacted. */
  include_compaction_messages?: boolean;
  /** Return log probabilities of the output tokens. */
  return_logprobs?: boolean;
  /** How many alternatives per position to return with `return_logprobs` (0–20). */
  top_logprobs?: number | null;
  /** Return token ids and log probabilities of every model call (`turns`). */
  return_token_ids?: boolean;
  /** A system prompt for this request only. The server also accepts the key `system`. */
  override_system?: string | null;
  /** Answer with a Server-Sent Events stream instead of one JSON body. */
  streaming?: boolean;
  /** Stream token deltas instead of whole steps (needs `streaming`). */
  stream_tokens?: boolean;
  /** Send keepalive pings (server default `true`; `false` needs `streaming`). */
  include_pings?: boolean;
  /** Run in the background so the stream can be resumed (needs `streaming`). */
  background?: boolean;
}

/** A tool the client runs itself. */
export interface ClientTool {
  /** The function name. */
  name: string;
  /** What the tool does. */
  description?: string | null;
  /** The JSON Schema of its parameters. */
  parameters?: JsonObject | null;
}

/** A skill the client's environment provides. */
export interface ClientSkill {
  /** The skill's name. */
  name: string;
  /** What it does. */
  description: string;
  /** Where it lives, e.g. `skills/my-skill/SKILL.md`. */
  location: string;
}

/** A message type name, as used by `include_return_message_types`. */
export type MessageType =
  /** `system_message` */
  | "system_message"
  /** `user_message` */
  | "user_message"
  /** `assistant_message` */
  | "assistant_message"
  /** `reasoning_message` */
  | "reasoning_message"
  /** `hidden_reasoning_message` */
  | "hidden_reasoning_message"
  /** `tool_call_message` */
  | "tool_call_message"
  /** `tool_return_message` */
  | "tool_return_message"
  /** `approval_request_message` */
  | "approval_request_message"
  /** `approval_response_message` */
  | "approval_response_message"
  /** `summary_message` */
  | "summary_message"
  /** `event_message` */
  | "event_message";

/**
 * One entry of `messages`. The wire has no required discriminator: `type` is optional and the server
 * infers it, as this type's `Deserialize` does: `"approval"` when the entry has `approve` or
 * `approval_request_id`, otherwise `"message"`. An entry with only `approvals` needs
 * `"type": "approval"`, and a `ToolReturnCreate` needs `"type": "tool_return"`.
 */
export type MessageInput =
  /** `type: "message"` (or absent / null): a message from a user, system or assistant. */
  | MessageCreate
  /** `type: "approval"`: answers to approval requests. */
  | ApprovalCreate
  /** `type: "tool_return"`: results of client-side tools. */
  | ToolReturnCreate;

/** Who a `MessageCreate` is from. */
export type MessageRole =
  /** `user` */
  | "user"
  /** `system` */
  | "system"
  /** `assistant` */
  | "assistant";

/** A message to add to the conversation. */
export interface MessageCreate {
  /** `"message"`, `null` or absent. */
  type?: "message" | null;
  /** Who the message is from. */
  role: MessageRole;
  /** A string, or content parts. */
  content: MessageContent;
  /** The participant's name. */
  name?: string | null;
  /** An offline threading id; reuse it when retrying so the server can deduplicate. */
  otid?: string | null;
  /** The id of the sender (an identity or agent id). */
  sender_id?: string | null;
  /** The batch item this message belongs to. */
  batch_item_id?: string | null;
  /** The multi-agent group the message was sent in. */
  group_id?: string | null;
}

/** Answers to pending approval requests (and client tool returns, as `type: "tool"` entries). */
export interface ApprovalCreate {
  /** `"approval"`; required unless `approve` or `approval_request_id` is present. */
  type?: "approval";
  /** The answers. */
  approvals?: ApprovalItem[] | null;
  /** Deprecated: approve the call named by `approval_request_id`. Use `approvals`. */
  approve?: boolean | null;
  /** Deprecated: the call being answered. Use `approvals`. */
  approval_request_id?: string | null;
  /** Deprecated: why. Use `approvals`. */
  reason?: string | null;
  /** An offline threading id. */
  otid?: string | null;
  /** The multi-agent group. */
  group_id?: string | null;
}

/** Results of tools the client ran itself. */
export interface ToolReturnCreate {
  /** `"tool_return"`; required on the wire (without it the entry is read as a message). */
  type?: "tool_return";
  /** The results. */
  tool_returns: ToolReturn[];
  /** An offline threading id. */
  otid?: string | null;
  /** The multi-agent group. */
  group_id?: string | null;
}

// -----------------------------------------------------------------------------------------------------------
// src/types/approval.rs
// Approval answers and tool returns: `ApprovalReturn` and `ToolReturn`, and their union
// `ApprovalItem` (tagged by `type`), used in approval requests and `approval_response_message`.

/** Whether a tool call succeeded. */
export type ToolReturnStatus =
  /** `success` */
  | "success"
  /** `error` */
  | "error";

/** An answer to one approval request: approve or deny a pending tool call. */
export interface ApprovalReturn {
  /** `"approval"`. Needed on the wire inside `approvals`, which is discriminated by it. */
  type?: "approval";
  /** The id of the tool call being answered. */
  tool_call_id: string;
  /** Whether the call may run. */
  approve: boolean;
  /** Why, typically given when denying. */
  reason?: string | null;
}

/** The result of a tool call, from Letta or from a client-side tool. */
export interface ToolReturn {
  /** `"tool"`. Needed on the wire inside `approvals`, which is discriminated by it. */
  type?: "tool";
  /** What the tool returned: a string, or `text` and `image` parts. */
  tool_return: MessageContent;
  /** Whether the call succeeded. */
  status: ToolReturnStatus;
  /** The id of the tool call this answers. */
  tool_call_id: string;
  /** Captured standard output lines. */
  stdout?: string[] | null;
  /** Captured standard error lines. */
  stderr?: string[] | null;
}

/**
 * One entry of `approvals`: an approval answer or a tool return, tagged by `type`.
 *
 * Not a member of this union, but possible at runtime: an entry of a type this crate does not know, kept
 * whole. It arrives intact, as the server sent it, so code that narrows on `type` needs a `default` branch
 * for it.
 */
export type ApprovalItem =
  | (ApprovalReturn & { type: "approval" })
  | (ToolReturn & { type: "tool" });

// -----------------------------------------------------------------------------------------------------------
// src/types/content.rs
// Content parts (`LettaMessageContentUnion`, tagged by `type`) and image sources: the building blocks of
// message content in requests (`MessageCreate.content`, `input`) and responses (`user_message.content`).

/**
 * One part of a message's content, tagged by `type`.
 *
 * Which parts a message may carry depends on where it goes: user and system messages and tool returns
 * take `text` and `image`; assistant content takes `text`. The validator enforces this for requests.
 *
 * Not a member of this union, but possible at runtime: a part of a type this crate does not know, kept whole
 * and written back unchanged. It arrives intact, as the server sent it, so code that narrows on `type` needs
 * a `default` branch for it.
 */
export type ContentPart =
  | TextContent
  | ImageContent
  | ToolCallContent
  | ToolReturnContent
  | ReasoningContent
  | RedactedReasoningContent
  | OmittedReasoningContent
  | SummarizedReasoningContent;

/** Message content: a plain string or a list of parts. The wire accepts both everywhere content appears. */
export type MessageContent =
  /** A plain string. */
  | string
  /** A list of content parts. */
  | ContentPart[];

/** `type: "text"`: plain text. */
export interface TextContent {
  /** `text`: plain text. */
  type: "text";
  /** The text. */
  text: string;
  /** An identifier of reasoning associated with this text, if any. */
  signature?: string | null;
}

/** `type: "image"`: an image. */
export interface ImageContent {
  /** `image`: an image given by URL, base64 data or a stored Letta file. */
  type: "image";
  /** Where the image comes from. */
  source: ImageSource;
}

/**
 * The source of an image, tagged by `type`.
 *
 * Not a member of this union, but possible at runtime: a source of a type this crate does not know, kept
 * whole. It arrives intact, as the server sent it, so code that narrows on `type` needs a `default` branch
 * for it.
 */
export type ImageSource =
  | UrlImage
  | Base64Image
  | LettaImage;

/** `type: "url"`: an image URL. */
export interface UrlImage {
  /** `url`: an image on the web. */
  type: "url";
  /** The image URL. */
  url: string;
}

/** `type: "base64"`: inline image data. */
export interface Base64Image {
  /** `base64`: inline base64 data. */
  type: "base64";
  /** The media type, e.g. `image/png`. */
  media_type: string;
  /** The base64-encoded bytes. */
  data: string;
  /** Detail level for the model: `low`, `high` or `auto`. */
  detail?: string | null;
}

/** `type: "letta"`: an image file persisted by the server. */
export interface LettaImage {
  /** `letta`: an image file stored by the server. */
  type: "letta";
  /** The stored file's id. */
  file_id: string;
  /** The media type, if known. */
  media_type?: string | null;
  /** The base64-encoded bytes, if included. */
  data?: string | null;
  /** Detail level for the model: `low`, `high` or `auto`. */
  detail?: string | null;
}

/** `type: "tool_call"`: a tool call as content. */
export interface ToolCallContent {
  /** `tool_call`: a tool call made by the model. */
  type: "tool_call";
  /** The id of this tool call. */
  id: string;
  /** The tool's name. */
  name: string;
  /** The arguments, as a JSON object. */
  input: JsonObject;
  /** An identifier of reasoning associated with this call, if any. */
  signature?: string | null;
}

/** `type: "tool_return"`: a tool's result as content. */
export interface ToolReturnContent {
  /** `tool_return`: the result of a tool call. */
  type: "tool_return";
  /** The id of the tool call this answers. */
  tool_call_id: string;
  /** What the tool returned. */
  content: string;
  /** Whether the tool failed. */
  is_error: boolean;
}

/** `type: "reasoning"`: reasoning text. */
export interface ReasoningContent {
  /** `reasoning`: reasoning text (Anthropic Messages API style). */
  type: "reasoning";
  /** Whether a reasoning model produced it natively. */
  is_native: boolean;
  /** The reasoning text. */
  reasoning: string;
  /** The provider's signature of this reasoning, if any. */
  signature?: string | null;
}

/** `type: "redacted_reasoning"`: reasoning the provider redacted. */
export interface RedactedReasoningContent {
  /** `redacted_reasoning`: reasoning the provider redacted. */
  type: "redacted_reasoning";
  /** The opaque redacted data. */
  data: string;
}

/** `type: "omitted_reasoning"`: reasoning the provider did not return. */
export interface OmittedReasoningContent {
  /** `omitted_reasoning`: reasoning known to exist but not returned by the provider. */
  type: "omitted_reasoning";
  /** The provider's signature of this reasoning, if any. */
  signature?: string | null;
}

/** `type: "summarized_reasoning"`: summaries of reasoning. */
export interface SummarizedReasoningContent {
  /** `summarized_reasoning`: reasoning summaries (OpenAI Responses API style). */
  type: "summarized_reasoning";
  /** The id of this reasoning step. */
  id: string;
  /** The summary parts. */
  summary: ReasoningSummary[];
  /** The encrypted reasoning, if the provider returned it. */
  encrypted_content?: string | null;
}

/** One part of a `SummarizedReasoningContent`. */
export interface ReasoningSummary {
  /** The index of this summary part. */
  index: number;
  /** The summary text. */
  text: string;
}

// -----------------------------------------------------------------------------------------------------------
// src/types/response.rs
// The JSON answer to Send Message without streaming: `LettaResponse`, with the optional log
// probabilities and per-turn token data (`return_logprobs`, `return_token_ids`).

/** `{messages, stop_reason, usage, logprobs, turns}`: a whole turn at once. */
export interface LettaResponse {
  /** The messages the agent produced (the user's input is not echoed). */
  messages: LettaMessage[];
  /** Why the turn ended. */
  stop_reason: StopReason;
  /** Token and step counts. */
  usage: UsageStatistics;
  /** Log probabilities of the last model call's output (with `return_logprobs`). */
  logprobs: ChoiceLogprobs | null;
  /** Token ids and log probabilities of every turn (with `return_token_ids`). */
  turns: TurnTokenData[] | null;
}

/** Log probabilities of a model's output, OpenAI style. */
export interface ChoiceLogprobs {
  /** One entry per output token. */
  content: TokenLogprob[] | null;
  /** One entry per refusal token. */
  refusal: TokenLogprob[] | null;
}

/** The log probability of one output token and its top alternatives. */
export interface TokenLogprob {
  /** The token text. */
  token: string;
  /** Its UTF-8 bytes. */
  bytes: number[] | null;
  /** Its log probability. */
  logprob: number;
  /** The most likely alternatives at this position. */
  top_logprobs: TopLogprob[];
}

/** One alternative token at a position. */
export interface TopLogprob {
  /** The token text. */
  token: string;
  /** Its UTF-8 bytes. */
  bytes: number[] | null;
  /** Its log probability. */
  logprob: number;
}

/** Token data for one turn, for training: model output ids and log probabilities, or a tool's text. */
export interface TurnTokenData {
  /** `assistant` for model output, `tool` for tool results. */
  role: TurnRole;
  /** Output token ids (assistant turns). */
  output_ids: number[] | null;
  /** `[logprob, token_id, top_logprob_or_null]` triples (assistant turns). */
  output_token_logprobs: JsonValue[][] | null;
  /** The text (tool turns). */
  content: string | null;
  /** The tool's name (tool turns). */
  tool_name: string | null;
}

/** Who produced a turn. */
export type TurnRole =
  /** `assistant`: model output (trainable). */
  | "assistant"
  /** `tool`: a tool result (not trainable). */
  | "tool"
  /** A value a newer server sends, passed on as it came (`string & {}` keeps the above in completions). */
  | (string & {});

// -----------------------------------------------------------------------------------------------------------
// src/types/message.rs
// The messages an agent returns (`LettaMessageUnion`, tagged by `message_type`), in JSON responses and
// in streams. Every message carries the same base fields (id, date, name, otid, sender, step, error
// flag, sequence number, run) followed by its own.

/** The fields every message has, before its own (`letta_message!`). */
export interface LettaMessageBase {
  /** The message id (`message-<uuid4>`). */
  id: string;
  /** When the message was created: ISO 8601, whole seconds, with an offset. */
  date: string;
  /** The name of the sender. */
  name: string | null;
  /** The offline threading id: groups the deltas of one message part; set by clients to deduplicate. */
  otid: string | null;
  /** The id of the sender (an identity or agent id). */
  sender_id: string | null;
  /** The id of the agent step that produced the message. */
  step_id: string | null;
  /** `true` for an errored message, otherwise `null`. */
  is_err: boolean | null;
  /** The position in a background run's stream, used to resume it; `null` in the foreground. */
  seq_id: number | null;
  /** The id of the run that produced the message. */
  run_id: string | null;
}

/**
 * A message returned by an agent, tagged by `message_type`.
 *
 * Not a member of this union, but possible at runtime: a message of a type this crate does not know, kept
 * whole and written back unchanged. It arrives intact, as the server sent it, so code that narrows on
 * `message_type` needs a `default` branch for it.
 */
export type LettaMessage =
  | SystemMessage
  | UserMessage
  | AssistantMessage
  | ReasoningMessage
  | HiddenReasoningMessage
  | ToolCallMessage
  | ToolReturnMessage
  | ApprovalRequestMessage
  | ApprovalResponseMessage
  | SummaryMessage
  | EventMessage;

/** A system message (seen when listing messages, never streamed). */
export interface SystemMessage extends LettaMessageBase {
  /** `system_message` */
  message_type: "system_message";
  /** The system text. */
  content: string;
}

/** A user message (seen when listing messages; the server does not echo the user's input). */
export interface UserMessage extends LettaMessageBase {
  /** `user_message` */
  message_type: "user_message";
  /** The text, or `text` and `image` parts. */
  content: MessageContent;
}

/** Whether reasoning came natively from a reasoning model or was prompted. */
export type ReasoningSource =
  /** `reasoner_model` */
  | "reasoner_model"
  /** `non_reasoner_model` (the default) */
  | "non_reasoner_model"
  /** A value a newer server sends, passed on as it came (`string & {}` keeps the above in completions). */
  | (string & {});

/** The agent's reasoning; while tokens stream, each delta holds the next fragment. */
export interface ReasoningMessage extends LettaMessageBase {
  /** `reasoning_message` */
  message_type: "reasoning_message";
  /** Where the reasoning came from (`non_reasoner_model` when absent). */
  source?: ReasoningSource;
  /** The reasoning text, or its next fragment. */
  reasoning: string;
  /** The provider's signature of the reasoning. */
  signature: string | null;
}

/** Why reasoning is hidden. */
export type HiddenReasoningState =
  /** `redacted`: the provider redacted it. */
  | "redacted"
  /** `omitted`: the API does not return it. */
  | "omitted"
  /** A value a newer server sends, passed on as it came (`string & {}` keeps the above in completions). */
  | (string & {});

/** Reasoning that exists but is hidden from the response. */
export interface HiddenReasoningMessage extends LettaMessageBase {
  /** `hidden_reasoning_message` */
  message_type: "hidden_reasoning_message";
  /** Whether it was redacted or omitted. */
  state: HiddenReasoningState;
  /** The opaque redacted data, when there is some. */
  hidden_reasoning: string | null;
}

/** A tool call the model made; while tokens stream, each delta holds a fragment. */
export interface ToolCallMessage extends LettaMessageBase {
  /** `tool_call_message` */
  message_type: "tool_call_message";
  /** Deprecated: the (first) call, or a delta. Use `tool_calls`. */
  tool_call?: ToolCallOrDelta;
  /** The calls: a list in whole messages, one delta while tokens stream. */
  tool_calls: ToolCalls | null;
}

/** The result of a tool call Letta ran. */
export interface ToolReturnMessage extends LettaMessageBase {
  /** `tool_return_message` */
  message_type: "tool_return_message";
  /** Deprecated: the first return's value. Use `tool_returns`. */
  tool_return?: string;
  /** Deprecated: the first return's status. Use `tool_returns`. */
  status?: ToolReturnStatus;
  /** Deprecated: the first return's call id. Use `tool_returns`. */
  tool_call_id?: string;
  /** Deprecated: the first return's stdout. Use `tool_returns`. */
  stdout: string[] | null;
  /** Deprecated: the first return's stderr. Use `tool_returns`. */
  stderr: string[] | null;
  /** Every tool return of this step. */
  tool_returns: ToolReturn[] | null;
}

/** What the agent says; while tokens stream, each delta holds the next fragment of `content`. */
export interface AssistantMessage extends LettaMessageBase {
  /** `assistant_message` */
  message_type: "assistant_message";
  /** The text (the server sends a string), or `text` parts. */
  content: MessageContent;
}

/** A request to approve tool calls before they run; the turn stops with `requires_approval`. */
export interface ApprovalRequestMessage extends LettaMessageBase {
  /** `approval_request_message` */
  message_type: "approval_request_message";
  /** Deprecated: the (first) call, or a delta. Use `tool_calls`. */
  tool_call?: ToolCallOrDelta;
  /** The calls awaiting approval: a list, or one delta while tokens stream. */
  tool_calls: ToolCalls | null;
}

/** The user's answer to an approval request (seen when listing messages). */
export interface ApprovalResponseMessage extends LettaMessageBase {
  /** `approval_response_message` */
  message_type: "approval_response_message";
  /** The answers: approvals and client tool returns. */
  approvals: ApprovalItem[] | null;
  /** Deprecated: whether the call was approved. */
  approve: boolean | null;
  /** Deprecated: the id of the approval request. */
  approval_request_id: string | null;
  /** Deprecated: why. */
  reason: string | null;
}

/** A summary of the conversation made by compaction (with `include_compaction_messages`). */
export interface SummaryMessage extends LettaMessageBase {
  /** `summary_message` */
  message_type: "summary_message";
  /** The summary text. */
  summary: string;
  /** Figures about the compaction. */
  compaction_stats: CompactionStats | null;
}

/** Figures about a memory compaction. */
export interface CompactionStats {
  /** What triggered it, e.g. `context_window_exceeded`. */
  trigger: string;
  /** Context tokens before, as the model reported them. */
  context_tokens_before: number | null;
  /** Message tokens after. */
  context_tokens_after: number | null;
  /** The model's context window. */
  context_window: number;
  /** Messages in context before. */
  messages_count_before: number;
  /** Messages in context after. */
  messages_count_after: number;
}

/** The kind of an `EventMessage`. */
export type EventType =
  /** `compaction` */
  | "compaction"
  /** A value a newer server sends, passed on as it came (`string & {}` keeps the above in completions). */
  | (string & {});

/** A notice about something that happened (not part of the context window), e.g. a compaction. */
export interface EventMessage extends LettaMessageBase {
  /** `event_message` */
  message_type: "event_message";
  /** What happened. */
  event_type: EventType;
  /** Details, as a JSON object. */
  event_data: JsonObject;
}

// -----------------------------------------------------------------------------------------------------------
// src/types/tool_call.rs
// Tool calls as the server sends them: a whole `ToolCall`, a streamed `ToolCallDelta`, and the two
// shapes of `tool_calls` (a list in whole messages, a single delta object while tokens stream).

/** A complete tool call: name, JSON-encoded arguments, and id. */
export interface ToolCall {
  /** The tool's name. */
  name: string;
  /** The arguments as a JSON string (parse it to get the object). */
  arguments: string;
  /** The id of this call, which the tool return and an approval refer to. */
  tool_call_id: string;
}

/**
 * A fragment of a tool call while tokens stream. Concatenate `arguments` per `tool_call_id`.
 *
 * The server writes absent parts in two ways: tool-call deltas leave the key out, approval-request
 * deltas write `null`. Both are kept apart (`Nullable`) so a delta re-serializes exactly.
 */
export interface ToolCallDelta {
  /** The tool's name, usually only in the first delta. */
  name?: string | null;
  /** The next fragment of the JSON arguments. */
  arguments?: string | null;
  /** The id of the call this fragment belongs to. */
  tool_call_id?: string | null;
}

/**
 * The deprecated single `tool_call` field: a whole call, or a delta while tokens stream.
 *
 * Decoded as the API's `Union[ToolCall, ToolCallDelta]` is: a `ToolCall` when `name`, `arguments` and
 * `tool_call_id` are all strings, otherwise a `ToolCallDelta`.
 */
export type ToolCallOrDelta =
  /** A whole tool call. */
  | ToolCall
  /** A streamed fragment. */
  | ToolCallDelta;

/** The `tool_calls` field: a list of whole calls, or one delta object while tokens stream. */
export type ToolCalls =
  /** Whole calls (step streaming and JSON responses). */
  | ToolCall[]
  /** One streamed fragment (token streaming). */
  | ToolCallDelta;

// -----------------------------------------------------------------------------------------------------------
// src/types/stop_reason.rs
// Why the agent loop stopped: the `stop_reason` object that ends every turn.

/** `{"message_type":"stop_reason","stop_reason":…}`: sent after the last message of a turn. */
export interface StopReason {
  /** Always `"stop_reason"`. */
  message_type: "stop_reason";
  /** Why execution stopped. */
  stop_reason: StopReasonType;
}

/** The reason the agent loop stopped (all 13 values of Letta 0.16.8, plus `Unknown`). */
export type StopReasonType =
  /** `end_turn`: the agent finished its turn. */
  | "end_turn"
  /** `error`: the run failed. */
  | "error"
  /** `llm_api_error`: the model provider failed. */
  | "llm_api_error"
  /** `invalid_llm_response`: the model's output could not be used. */
  | "invalid_llm_response"
  /** `invalid_tool_call`: the model called a tool wrongly. */
  | "invalid_tool_call"
  /** `max_steps`: the step limit was reached. */
  | "max_steps"
  /** `max_tokens_exceeded`: the token limit was reached. */
  | "max_tokens_exceeded"
  /** `no_tool_call`: the model made no tool call where one was required. */
  | "no_tool_call"
  /** `tool_rule`: a tool rule ended the turn. */
  | "tool_rule"
  /** `cancelled`: the run was cancelled. */
  | "cancelled"
  /** `insufficient_credits`: the account is out of credits. */
  | "insufficient_credits"
  /** `requires_approval`: a tool call awaits approval. */
  | "requires_approval"
  /** `context_window_overflow_in_system_prompt`: the system prompt alone overflows the context. */
  | "context_window_overflow_in_system_prompt"
  /** A value a newer server sends, passed on as it came (`string & {}` keeps the above in completions). */
  | (string & {});

// -----------------------------------------------------------------------------------------------------------
// src/types/usage.rs
// Token and step counts for a turn: the `usage_statistics` object.

/**
 * Usage of a turn. `None` (`null`) means the provider did not report the figure; the server sends
 * token counts as `0` in JSON and step-streamed replies and `null` while tokens stream.
 */
export interface UsageStatistics {
  /** Always `"usage_statistics"`. */
  message_type: "usage_statistics";
  /** Tokens the model generated. */
  completion_tokens: number | null;
  /** Tokens in the prompts. */
  prompt_tokens: number | null;
  /** All tokens processed. */
  total_tokens: number | null;
  /** Agent steps taken. */
  step_count: number | null;
  /** Background run ids of the interaction. */
  run_ids: string[] | null;
  /** Input tokens served from the provider's cache. */
  cached_input_tokens: number | null;
  /** Input tokens written to the provider's cache. */
  cache_write_tokens: number | null;
  /** Reasoning tokens generated. */
  reasoning_tokens: number | null;
  /** The context size: the last step's total tokens. */
  context_tokens: number | null;
}

// -----------------------------------------------------------------------------------------------------------
// src/types/stream_item.rs
// What a Send Message stream carries: `StreamItem`, tagged by `message_type`. Besides every message
// type it has keepalive pings, in-band error messages, the stop reason and usage statistics.

/**
 * One item of a stream.
 *
 * Not a member of this union, but possible at runtime: an item of a type this crate does not know, kept whole
 * and written back unchanged. It arrives intact, as the server sent it, so code that narrows on
 * `message_type` needs a `default` branch for it.
 */
export type StreamItem =
  /** A message (any `LettaMessage` type). */
  | LettaMessage
  /** `ping`: a keepalive. The first item of every stream is one, carrying the run id. */
  | LettaPing
  /** `error_message`: an error inside the stream. Normally it arrives in an `event: error` frame. */
  | LettaErrorMessage
  /** `stop_reason`: why the turn ended. */
  | StopReason
  /** `usage_statistics`: token and step counts, after the stop reason. */
  | UsageStatistics;

/** A keepalive ping (`id` is `ping-<uuid4>`). The first one's `run_id` names the new run. */
export interface LettaPing extends LettaMessageBase {
  /** Always `"ping"`. */
  message_type: "ping";
}

/** An error that happened during the run, after the stream started. */
export interface LettaErrorMessage {
  /** Always `"error_message"`. */
  message_type: "error_message";
  /** The run that failed. */
  run_id: string;
  /**
   * The kind of error: `internal_error`, `llm_error`, `llm_timeout`, `llm_rate_limit`,
   * `llm_authentication`, `llm_empty_response`, `context_window_overflow_in_system_prompt`,
   * `stream_incomplete`, `cleanup_error`, `stream_task_cancelled`, or another the server adds.
   */
  error_type: string;
  /** A human-readable message. */
  message: string;
  /** More detail, if any. */
  detail: string | null;
  /** The position in a background stream. */
  seq_id: number | null;
}

// -----------------------------------------------------------------------------------------------------------
// src/types/error_response.rs
// The JSON bodies of HTTP errors. The server uses two envelopes: `{"detail": …}` (a string, or an
// object for conflicts) and `{"error": {type, message, detail}}` for model-provider failures.

/** The body of a 4xx/5xx response. */
export interface ErrorResponse {
  /**
   * What went wrong: a sentence, or an object for a conflict. In a 422 from request validation it
   * is a Python `repr()` of pydantic's error list, kept as text.
   */
  detail?: ErrorDetail;
  /** A model-provider failure (`llm_error`, `llm_rate_limit`, …). */
  error?: ProviderError;
  /** A trace id (empty on a local server), sent with validation errors. */
  trace_id?: string;
  /** Examples of a valid value, sent when a path parameter is malformed. */
  examples?: JsonValue[];
  /** The run that holds a busy conversation (409). */
  run_id?: string;
  /** Fields this crate does not know, kept. */
  [key: string]: unknown;
}

/** The `detail` field of an error body. */
export type ErrorDetail =
  /** A sentence (most errors). */
  | string
  /** A conflict: a pending approval, or a busy conversation. */
  | ConflictDetail
  /** Any other shape, kept as sent. */
  | JsonValue;

/** A 409 detail: `{code, message, pending_request_id?, run_id?}`, e.g. `code: "PENDING_APPROVAL"`. */
export interface ConflictDetail {
  /** A machine-readable code such as `PENDING_APPROVAL`. */
  code: string;
  /** A sentence. */
  message: string;
  /** The approval request that blocks new messages. */
  pending_request_id?: string;
  /** The run that holds a busy conversation. */
  run_id?: string;
  /** Fields this crate does not know, kept. */
  [key: string]: unknown;
}

/** A model-provider failure. */
export interface ProviderError {
  /**
   * `llm_error`, `llm_timeout`, `llm_rate_limit`, `llm_authentication`, `llm_insufficient_credits`,
   * `bedrock_permission_denied`, …
   */
  type: string;
  /** A sentence. */
  message: string;
  /** More detail, often the provider's own message. */
  detail?: string;
}

// -----------------------------------------------------------------------------------------------------------
// src/validate/issue.rs
// What validation reports: `ValidationIssue`s with a JSON Pointer path, a stable `IssueCode` and a
// message, and the `ValidationError` that carries them.

/** How serious an issue is. */
export type Severity =
  /** The server would refuse the request. */
  | "error"
  /** The server accepts the request, but probably not as the caller meant it. */
  | "warning";

/** Where an issue is: in the URL path parameters or in the JSON body. */
export type Location =
  /** A path parameter (`/agent_id`). */
  | "path"
  /** The request body. */
  | "body";

/** A stable, machine-readable issue kind. The string forms (`missing_field`, …) never change. */
export type IssueCode =
  /** Error: a required field is absent. */
  | "missing_field"
  /** Error: a value has the wrong JSON type (including `null` where it is not allowed). */
  | "wrong_type"
  /** Error: a value has the right type but is not allowed (an enum value, an id format). */
  | "invalid_value"
  /** Error: a union's tag (`type`) names no known variant. */
  | "unknown_variant"
  /** Error: a list that must not be empty is. */
  | "empty"
  /** Error: fields that exclude each other are both set. */
  | "conflict"
  /** Error: a streaming-only option is set without `streaming: true`. */
  | "requires_streaming"
  /** Warning: a key the server does not know; it ignores it. */
  | "unknown_field"
  /** Warning: a deprecated field. */
  | "deprecated"
  /** Warning: the server converts this value (e.g. `"5"` to `5`); send the converted value instead. */
  | "coerced"
  /** Warning: a value outside its documented range that the server does not enforce. */
  | "out_of_range"
  /** Warning: a value the server ignores in this combination. */
  | "ignored";

/** One problem found in a request. */
export interface ValidationIssue {
  /** Error or warning. */
  severity: Severity;
  /** Path parameters or body. */
  location: Location;
  /**
   * A JSON Pointer (RFC 6901) to the value, e.g. `/messages/0/content/1/source/media_type`; `""` is
   * the whole body.
   */
  path: string;
  /** What kind of problem it is. */
  code: IssueCode;
  /** A sentence saying what is wrong and what is expected. It never repeats a long value in full. */
  message: string;
}
