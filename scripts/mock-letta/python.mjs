/**
 * Python-compatible formatting (repr, str, json.dumps) and CPython's json.loads with its error messages and
 * offsets.
 */
import { codePoints } from './util.mjs';

/** Values that only exist to be printed the way Python prints them. */
export class PyTuple {
  constructor(items) {
    this.items = items;
  }
}
export class PyBytes {
  constructor(buffer) {
    this.buffer = buffer;
  }
}
export class PyValueError {
  constructor(message) {
    this.message = message;
  }
}

// Characters for which str.isprintable() is false (the space aside): repr() escapes them.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function pyEscapeCodePoint(cp) {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** repr(str) */
function pyStrRepr(text) {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) out += pyEscapeCodePoint(ch.codePointAt(0));
    else out += ch;
  }
  return out + quote;
}

/** repr(bytes) */
function pyBytesRepr(buffer) {
  const quote = buffer.includes(0x27) && !buffer.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of buffer) {
    const ch = String.fromCharCode(byte);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (byte === 0x09) out += '\\t';
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** repr(float): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
function pyFloatRepr(x) {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp >= 0) return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * repr() of a value of the "Python tree" produced by parsePythonJson: Map = dict, BigInt = int,
 * number = float, plus PyTuple / PyBytes / PyValueError.
 */
export function pyRepr(v) {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return pyFloatRepr(v);
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof PyTuple) {
    return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
  }
  if (v instanceof PyBytes) return pyBytesRepr(v.buffer);
  if (v instanceof PyValueError) return `ValueError(${pyStrRepr(v.message)})`;
  const entries = v instanceof Map ? [...v] : Object.entries(v);
  return `{${entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
}

/** str(): what f-strings print. */
export function pyStr(v) {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** json.dumps(v) with its defaults: ", " / ": " separators and ensure_ascii. */
export function pyJsonDumps(v) {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x)}`)
    .join(', ')}}`;
}

class JsonDecodeError extends Error {
  constructor(message, pos) {
    super(message);
    this.pos = pos;
  }
}
class StopIteration {
  constructor(pos) {
    this.pos = pos;
  }
}

const JSON_ESCAPES = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses like CPython's json module (C scanner), so that a malformed body gets the same
 * `json_invalid` message and character offset as FastAPI reports. Objects become Maps (key order
 * and duplicate keys as in a dict), integers BigInts, other numbers floats; NaN/Infinity allowed.
 */
export function parsePythonJson(s) {
  const WS = /[ \t\n\r]*/y;
  const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
  const skip = (i) => {
    WS.lastIndex = i;
    WS.exec(s);
    return WS.lastIndex;
  };

  function readHex(start, uPos) {
    if (start + 4 >= s.length) throw new JsonDecodeError('Invalid \\uXXXX escape', uPos);
    const hex = s.slice(start, start + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonDecodeError('Invalid \\uXXXX escape', uPos);
    return parseInt(hex, 16);
  }

  function scanString(i) {
    const begin = i - 1;
    let out = '';
    for (;;) {
      let j = i;
      while (j < s.length) {
        const code = s.charCodeAt(j);
        if (code === 0x22 || code === 0x5c || code < 0x20) break;
        j++;
      }
      if (j >= s.length) throw new JsonDecodeError('Unterminated string starting at', begin);
      out += s.slice(i, j);
      const code = s.charCodeAt(j);
      if (code === 0x22) return [out, j + 1];
      if (code !== 0x5c) throw new JsonDecodeError('Invalid control character at', j);
      const k = j + 1;
      if (k >= s.length) throw new JsonDecodeError('Unterminated string starting at', begin);
      if (s[k] !== 'u') {
        if (!Object.hasOwn(JSON_ESCAPES, s[k])) throw new JsonDecodeError('Invalid \\escape', j);
        out += JSON_ESCAPES[s[k]];
        i = k + 1;
        continue;
      }
      let cp = readHex(k + 1, k);
      let next = k + 5;
      if (cp >= 0xd800 && cp <= 0xdbff && next + 6 < s.length && s[next] === '\\' && s[next + 1] === 'u') {
        const low = readHex(next + 2, next + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          next += 6;
        }
      }
      out += cp > 0xffff ? String.fromCodePoint(cp) : String.fromCharCode(cp);
      i = next;
    }
  }

  function parseObject(i) {
    const obj = new Map();
    i = skip(i);
    if (i >= s.length || s[i] !== '}') {
      for (;;) {
        if (i >= s.length || s[i] !== '"') {
          throw new JsonDecodeError('Expecting property name enclosed in double quotes', i);
        }
        let key;
        [key, i] = scanString(i + 1);
        i = skip(i);
        if (i >= s.length || s[i] !== ':') throw new JsonDecodeError("Expecting ':' delimiter", i);
        let value;
        [value, i] = scanOnce(skip(i + 1));
        obj.set(key, value);
        i = skip(i);
        if (i < s.length && s[i] === '}') break;
        if (i >= s.length || s[i] !== ',') throw new JsonDecodeError("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [obj, i + 1];
  }

  function parseArray(i) {
    const arr = [];
    i = skip(i);
    if (i >= s.length || s[i] !== ']') {
      for (;;) {
        let value;
        [value, i] = scanOnce(i);
        arr.push(value);
        i = skip(i);
        if (i < s.length && s[i] === ']') break;
        if (i >= s.length || s[i] !== ',') throw new JsonDecodeError("Expecting ',' delimiter", i);
        i = skip(i + 1);
      }
    }
    return [arr, i + 1];
  }

  function scanOnce(i) {
    if (i >= s.length) throw new StopIteration(i);
    const c = s[i];
    if (c === '"') return scanString(i + 1);
    if (c === '{') return parseObject(i + 1);
    if (c === '[') return parseArray(i + 1);
    const literals = [['null', null], ['true', true], ['false', false], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]];
    for (const [word, value] of literals) if (s.startsWith(word, i)) return [value, i + word.length];
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(s);
    if (!m) throw new StopIteration(i);
    const value = m[2] || m[3] ? Number(m[0]) : BigInt(m[1]);
    return [value, i + m[0].length];
  }

  const codePointOffset = (pos) => codePoints(s.slice(0, pos)).length;
  try {
    const [value, end] = scanOnce(skip(0));
    const rest = skip(end);
    if (rest !== s.length) throw new JsonDecodeError('Extra data', rest);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof StopIteration) return { ok: false, message: 'Expecting value', pos: codePointOffset(err.pos) };
    if (err instanceof JsonDecodeError) return { ok: false, message: err.message, pos: codePointOffset(err.pos) };
    if (err instanceof RangeError) return { ok: false, tooDeep: true };
    throw err;
  }
}

/** The Python tree as plain JS values. */
export function pyToJs(v) {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(pyToJs);
  if (v instanceof Map) {
    const out = {};
    for (const [k, x] of v) Object.defineProperty(out, k, { value: pyToJs(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
