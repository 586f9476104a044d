/**
 * Failures of a turn (AgentError): each has its HTTP form (non-streaming) and its in-band form (streaming).
 */
import { TEXT } from './constants.mjs';

/** A failure of the turn: its HTTP form (non-streaming) and its in-band form (streaming). */
export class AgentError extends Error {
  constructor({ status, body, stopReason: reason, errorType, message, detail }) {
    super(detail ?? message);
    Object.assign(this, { status, body, stopReason: reason, errorType, inBandMessage: message, detail });
  }
}

export const pendingApprovalError = (pendingId) =>
  new AgentError({
    status: 409,
    body: { detail: { code: 'PENDING_APPROVAL', message: TEXT.pendingApproval, pending_request_id: pendingId } },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.pendingApproval,
    detail: TEXT.pendingApproval,
  });

/** A ValueError: 400 {"detail": text} outside a stream, internal_error inside one. */
export const valueError = (text) =>
  new AgentError({
    status: 400,
    body: { detail: text },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.unknownStreamError,
    detail: text,
  });

/** A LettaInvalidArgumentError: 400 {"detail": text} outside a stream, the same text inside one. */
const invalidArgumentError = (text) =>
  new AgentError({
    status: 400,
    body: { detail: text },
    stopReason: 'error',
    errorType: 'internal_error',
    message: text,
    detail: text,
  });

/**
 * _convert_message_create_to_message (letta/helpers/message_helper.py): content must not be "" or
 * [], and image URLs must be http, https or data — checked when the message is built, after the
 * route accepted the request (so 400, or an in-band error in a stream).
 */
export function checkMessageCreates(messages) {
  for (const message of messages) {
    if (message.type !== 'message') continue;
    const content = message.content;
    if (content === '' || (Array.isArray(content) && content.length === 0) || (typeof content !== 'string' && !Array.isArray(content))) {
      throw valueError(TEXT.emptyContent);
    }
    for (const part of Array.isArray(content) ? content : []) {
      if (part?.type !== 'image' || part.source?.type !== 'url') continue;
      const url = String(part.source.url);
      const match = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
      const scheme = match ? match[1].toLowerCase() : '';
      if (!['http', 'https', 'data'].includes(scheme)) {
        throw invalidArgumentError(
          `INVALID_ARGUMENT: Unsupported image URL scheme '${match ? match[1] : '<missing>'}'. Only 'http', 'https', and 'data' image URLs are supported. Local file paths (file://) are not allowed.`,
        );
      }
    }
  }
}

/** Any other exception (e.g. the IndexError of an empty message list on /messages/stream). */
export const unexpectedError = (text) =>
  new AgentError({
    status: 500,
    body: { detail: TEXT.unknownError },
    stopReason: 'error',
    errorType: 'internal_error',
    message: TEXT.unknownStreamError,
    detail: text,
  });

export const llmFailure = (spec) =>
  new AgentError({
    status: spec.status,
    body: { error: { type: spec.type, message: spec.message, detail: spec.detail } },
    stopReason: 'llm_api_error',
    errorType: spec.type,
    message: spec.message,
    detail: spec.detail,
  });

export class Interrupted extends Error {}

