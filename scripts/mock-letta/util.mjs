/**
 * Small utilities: ids, otids, dates, sleeping, hashing, text fragments.
 */
import { randomUUID, randomBytes } from 'node:crypto';
import process from 'node:process';

export const newId = (prefix) => `${prefix}-${randomUUID()}`;
export const toolCallId = () => `call_${randomBytes(12).toString('hex')}`;

/** `2026-11-22T23:35:30+00:00`: ISO-8601 to whole seconds with an explicit offset. */
export function isoSeconds(date = new Date()) {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

function formatUuid(hex) {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Message.generate_otid_from_id: the id's uuid with its low 7 bits replaced by the part index. */
export function otidFromId(messageId, index) {
  const hex = messageId.replace(/^message-/, '').replace(/-/g, '');
  const last = (parseInt(hex.slice(30), 16) & 0x80) | (index & 0x7f);
  return formatUuid(hex.slice(0, 30) + last.toString(16).padStart(2, '0'));
}

/** decrement_message_uuid: the id of approval requests while tokens stream. */
export function decrementMessageId(messageId) {
  const hex = messageId.replace(/^message-/, '').replace(/-/g, '');
  const value = (BigInt(`0x${hex}`) - 1n) & ((1n << 128n) - 1n);
  return `message-${formatUuid(value.toString(16).padStart(32, '0'))}`;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (the timer is cleared). */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** FNV-1a over UTF-16 code units: a stable hash for deterministic "model" choices. */
export function hashText(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const codePoints = (text) => Array.from(text);
export const countWords = (text) => (text.match(/\S+/gu) ?? []).length;

/** Splits text into fragments of `size` code points (never inside a surrogate pair). */
export function fragments(text, size) {
  const cps = codePoints(text);
  const out = [];
  for (let i = 0; i < cps.length; i += size) out.push(cps.slice(i, i + size).join(''));
  return out;
}

export const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Internal failures go to stderr only with MOCK_LETTA_DEBUG=1 (never request headers or secrets). */
export function debug(err) {
  if (process.env.MOCK_LETTA_DEBUG) console.error('mock-letta:', err);
}
