/**
 * Fault injection: the X-Mock-Fault header / query options, and the faults that replace a whole response.
 */
import http from 'node:http';
import { TEXT, LLM_FAILURES } from './constants.mjs';
import { sendJson } from './sse.mjs';

const FAULT_OPTIONS = {
  'disconnect-after': 'count',
  'malformed-after': 'count',
  'error-after': 'count',
  'stall-after': 'count',
  'drip-ms': 'count',
  'large-event-bytes': 'count',
  'retry-after-ms': 'count',
  times: 'count',
  status: 'status',
  'retry-after': 'text',
  key: 'text',
  method: 'text',
  'content-type': 'text',
  'html-500': 'flag',
  'empty-body': 'flag',
  'stall-after-headers': 'flag',
};
export const NO_FAULT = Object.freeze({});
const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

export class FaultSyntaxError extends Error {}

function setFault(fault, name, value) {
  const kind = FAULT_OPTIONS[name];
  if (!kind) throw new FaultSyntaxError(`X-Mock-Fault: unknown option '${name}' (known: ${Object.keys(FAULT_OPTIONS).join(', ')})`);
  if (kind === 'flag') fault[camel(name)] = true;
  else if (kind === 'text') fault[camel(name)] = value;
  else {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || (kind === 'status' && (n < 100 || n > 599))) {
      throw new FaultSyntaxError(`X-Mock-Fault: invalid value for ${name}: '${value}'`);
    }
    fault[camel(name)] = n;
  }
}

/** Faults from the X-Mock-Fault header and the query string for a `method` request; NO_FAULT when none apply. */
export function resolveFaults(state, headers, searchParams, method = 'GET') {
  const fault = {};
  const spec = headers['x-mock-fault'] ?? '';
  for (const part of spec.split(/[;,]/)) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    setFault(fault, (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase(), eq < 0 ? '' : item.slice(eq + 1).trim());
  }
  for (const [name, value] of searchParams) if (FAULT_OPTIONS[name]) setFault(fault, name, value);
  if ((fault.retryAfter != null || fault.retryAfterMs != null) && fault.status == null) fault.status = 429;
  if (Object.keys(fault).length === 0) return NO_FAULT;
  if (fault.method != null && fault.method.toUpperCase() !== method) return NO_FAULT;
  if (fault.times == null) return fault;
  const key = fault.key ?? `${spec}?${searchParams}`;
  const hits = (state.faultHits.get(key) ?? 0) + 1;
  state.faultHits.set(key, hits);
  return hits <= fault.times ? fault : NO_FAULT;
}

function statusFaultBody(status) {
  const envelope = ({ type, message, detail }) => ({ error: { type, message, detail } });
  if (status === 429) return envelope(LLM_FAILURES['/rate-limit']);
  if (status === 504) return envelope(LLM_FAILURES['/timeout']);
  if (status === 500) return { detail: TEXT.unknownError };
  if (status === 401) return { detail: 'Unauthorized' };
  return { detail: http.STATUS_CODES[status] ?? 'Error' };
}

const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Faults that replace the response altogether. Returns true when the request is answered. */
export function applyResponseFaults(res, fault, expectedType) {
  if (fault.status != null) {
    const headers = {};
    if (fault.retryAfter != null) headers['retry-after'] = fault.retryAfter;
    if (fault.retryAfterMs != null) headers['retry-after-ms'] = String(fault.retryAfterMs);
    sendJson(res, fault.status, statusFaultBody(fault.status), NO_FAULT, headers);
    return true;
  }
  if (fault.html500) {
    const body = Buffer.from(HTML_500);
    res.writeHead(500, { 'content-type': 'text/html', 'content-length': String(body.length) });
    res.end(body);
    return true;
  }
  const type = fault.contentType ?? expectedType;
  if (fault.emptyBody) {
    res.writeHead(200, { 'content-type': type, 'content-length': '0' });
    res.end();
    return true;
  }
  if (fault.stallAfterHeaders) {
    res.writeHead(200, { 'content-type': type });
    res.flushHeaders();
    return true; // nothing more until the client goes away
  }
  return false;
}

