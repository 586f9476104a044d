// Reading the options users pass: the client's (`baseURL`, `apiKey`, …), each call's (`signal`,
// `timeoutMs`, …) and the parameters of the list and cancel calls. A wrong type is a TypeError that
// names the option.
import * as wasm from '../letta_wasm.js';

// Read on first use: this module is evaluated before the entry point instantiates the wasm.
let defaults;
export const DEFAULTS = () => (defaults ??= JSON.parse(wasm.clientDefaults()));

export function option(object, key) {
  if (object === null || typeof object !== 'object') return undefined;
  const value = object[key];
  return value === null ? undefined : value;
}

export const typeError = (key, expected) => new TypeError(`option \`${key}\` must be ${expected}`);

function typed(object, key, type, expected) {
  const value = option(object, key);
  if (value !== undefined && typeof value !== type) throw typeError(key, expected);
  return value;
}

export const string = (object, key) => typed(object, key, 'string', 'a string');
export const number = (object, key) => typed(object, key, 'number', 'a number');
export const boolean = (object, key) => typed(object, key, 'boolean', 'a boolean');

export function count(object, key) {
  const value = number(object, key);
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) {
    throw typeError(key, 'a whole number ≥ 0');
  }
  return value;
}

/** One of `values`, or undefined. */
export function oneOf(object, key, values) {
  const value = option(object, key);
  if (value !== undefined && !values.includes(value)) throw typeError(key, values.map((v) => `"${v}"`).join(' or '));
  return value;
}

/** An array of strings, or undefined. */
export function strings(object, key) {
  const value = option(object, key);
  if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
    throw typeError(key, 'an array of strings');
  }
  return value;
}

/** Header options as `[name, value]` pairs: a `Headers` object or a plain object of strings. */
function headerPairs(object, key) {
  const value = option(object, key);
  if (value === undefined) return [];
  if (typeof Headers !== 'undefined' && value instanceof Headers) return [...value];
  if (typeof value !== 'object') throw typeError(key, 'an object of strings');
  return Object.entries(value).map(([name, text]) => {
    if (typeof text !== 'string') throw typeError(key, 'an object of strings');
    return [name, text];
  });
}

/** Send Message params as JSON text (through `JSON.stringify`, so they go exactly as JSON sees them). */
export function paramsJson(params) {
  if (params === undefined) return '{}';
  const text = JSON.stringify(params);
  if (typeof text !== 'string') throw new TypeError('params are not JSON');
  return text;
}

/** The options of a `LettaClient`; `baseURL` (the SDKs' spelling) and `baseUrl` both work. */
export function clientConfig(options) {
  const fetchOption = option(options, 'fetch');
  if (fetchOption !== undefined && typeof fetchOption !== 'function') throw typeError('fetch', 'a function');
  return {
    baseUrl: string(options, 'baseURL') ?? string(options, 'baseUrl') ?? DEFAULTS().baseUrl,
    apiKey: string(options, 'apiKey'),
    timeoutMs: number(options, 'timeoutMs') ?? DEFAULTS().timeoutMs,
    maxRetries: count(options, 'maxRetries') ?? DEFAULTS().maxRetries,
    headers: headerPairs(options, 'headers'),
    fetch: fetchOption,
  };
}

/** The options of one call. */
export function requestOptions(options) {
  const signal = option(options, 'signal');
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw typeError('signal', 'an AbortSignal');
  return {
    signal,
    timeoutMs: number(options, 'timeoutMs'),
    maxRetries: count(options, 'maxRetries'),
    headers: headerPairs(options, 'headers'),
    validate: boolean(options, 'validate'),
    conversationId: string(options, 'conversationId'),
    resume: boolean(options, 'resume'),
  };
}
