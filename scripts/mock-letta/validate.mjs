/**
 * pydantic-style validation: schema constructors, validators with pydantic-core's error texts, FastAPI's body
 * and query handling, and the repr() 422 body.
 */
import { AGENT_ID_EXAMPLE, TEXT } from './constants.mjs';
import { PyTuple, PyBytes, pyRepr, pyStr, parsePythonJson, pyToJs } from './python.mjs';

function joinOr(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
export const enumReprs = (enumName, values) => values.map((v) => `<${enumName}.${v}: '${v}'>`);

/** Schema constructors mirroring the pydantic-core validators the request models compile to. */
export const S = {
  str: { kind: 'str' },
  int: { kind: 'int' },
  float: { kind: 'float' },
  bool: { kind: 'bool' },
  dict: { kind: 'dict' },
  list: (item) => ({ kind: 'list', item }),
  opt: (inner) => ({ kind: 'nullable', inner }),
  literal: (values, reprs = values.map(pyRepr)) => ({ kind: 'literal', values, expected: joinOr(reprs) }),
  enumOf: (values) => ({ kind: 'enum', values, expected: joinOr(values.map(pyRepr)) }),
  model: (fields, finalize = (v) => v) => ({ kind: 'model', fields, finalize }),
  union: (members) => ({ kind: 'union', members }),
  tagged: (members, enumName) => ({
    kind: 'tagged',
    members,
    expectedTags: enumReprs(enumName, Object.keys(members)).join(', '),
  }),
};
export const field = (name, schema, { required = false, default: dflt = null, aliases = [name] } = {}) => ({
  name,
  schema,
  required,
  default: dflt,
  aliases,
});

export function pyError(type, loc, msg, input, ctx) {
  const err = new Map([
    ['type', type],
    ['loc', new PyTuple(loc)],
    ['msg', msg],
    ['input', input],
  ]);
  if (ctx) err.set('ctx', new Map(Object.entries(ctx)));
  return err;
}

const MSG = {
  string: 'Input should be a valid string',
  int: 'Input should be a valid integer',
  intParsing: 'Input should be a valid integer, unable to parse string as an integer',
  intFromFloat: 'Input should be a valid integer, got a number with a fractional part',
  intSize: 'Unable to parse input string as an integer, exceeded maximum size',
  finite: 'Input should be a finite number',
  float: 'Input should be a valid number',
  floatParsing: 'Input should be a valid number, unable to parse string as a number',
  bool: 'Input should be a valid boolean',
  boolParsing: 'Input should be a valid boolean, unable to interpret input',
  list: 'Input should be a valid list',
  dict: 'Input should be a valid dictionary',
  model: 'Input should be a valid dictionary or object to extract fields from',
  missing: 'Field required',
};
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

const validators = {
  str(schema, v, loc, errors) {
    if (typeof v === 'string') return v;
    errors.push(pyError('string_type', loc, MSG.string, v));
  },
  int(schema, v, loc, errors) {
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return void errors.push(pyError('finite_number', loc, MSG.finite, v));
      if (!Number.isInteger(v)) return void errors.push(pyError('int_from_float', loc, MSG.intFromFloat, v));
      if (Math.abs(v) >= 2 ** 63) return void errors.push(pyError('int_parsing_size', loc, MSG.intSize, v));
      return v;
    }
    if (typeof v === 'string') {
      const m = /^([+-]?\d+(?:_\d+)*)(?:\.0*)?$/.exec(v.trim());
      if (m) return Number(BigInt(m[1].replace(/_/g, '')));
      return void errors.push(pyError('int_parsing', loc, MSG.intParsing, v));
    }
    errors.push(pyError('int_type', loc, MSG.int, v));
  },
  float(schema, v, loc, errors) {
    if (typeof v === 'number' || typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string') {
      const n = Number(v.trim());
      if (v.trim() !== '' && !Number.isNaN(n)) return n;
      return void errors.push(pyError('float_parsing', loc, MSG.floatParsing, v));
    }
    errors.push(pyError('float_type', loc, MSG.float, v));
  },
  bool(schema, v, loc, errors) {
    if (typeof v === 'boolean') return v;
    if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) {
      if (Number(v) === 0 || Number(v) === 1) return Number(v) === 1;
      return void errors.push(pyError('bool_parsing', loc, MSG.boolParsing, v));
    }
    if (typeof v === 'string') {
      const word = v.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return void errors.push(pyError('bool_parsing', loc, MSG.boolParsing, v));
    }
    errors.push(pyError('bool_type', loc, MSG.bool, v));
  },
  dict(schema, v, loc, errors) {
    if (v instanceof Map) return pyToJs(v);
    errors.push(pyError('dict_type', loc, MSG.dict, v));
  },
  list(schema, v, loc, errors) {
    if (!Array.isArray(v)) return void errors.push(pyError('list_type', loc, MSG.list, v));
    return v.map((item, i) => validate(schema.item, item, [...loc, BigInt(i)], errors));
  },
  nullable(schema, v, loc, errors) {
    return v === null ? null : validate(schema.inner, v, loc, errors);
  },
  literal(schema, v, loc, errors) {
    if (typeof v === 'string' && schema.values.includes(v)) return v;
    errors.push(pyError('literal_error', loc, `Input should be ${schema.expected}`, v, { expected: schema.expected }));
  },
  enum(schema, v, loc, errors) {
    if (typeof v === 'string' && schema.values.includes(v)) return v;
    errors.push(pyError('enum', loc, `Input should be ${schema.expected}`, v, { expected: schema.expected }));
  },
  model(schema, v, loc, errors) {
    if (!(v instanceof Map)) return void errors.push(pyError('model_attributes_type', loc, MSG.model, v));
    const before = errors.length;
    const out = {};
    for (const f of schema.fields) {
      const key = f.aliases.find((k) => v.has(k));
      if (key === undefined) {
        if (f.required) errors.push(pyError('missing', [...loc, f.name], MSG.missing, v));
        else out[f.name] = f.default;
        continue;
      }
      out[f.name] = validate(f.schema, v.get(key), [...loc, key], errors);
    }
    return errors.length === before ? schema.finalize(out) : undefined;
  },
  union(schema, v, loc, errors) {
    const collected = [];
    for (const [label, member] of schema.members) {
      const memberErrors = [];
      const out = validate(member, v, [...loc, label], memberErrors);
      if (memberErrors.length === 0) return out;
      collected.push(...memberErrors);
    }
    errors.push(...collected);
  },
  tagged(schema, v, loc, errors) {
    if (!(v instanceof Map)) return void errors.push(pyError('model_attributes_type', loc, MSG.model, v));
    if (!v.has('type')) {
      const msg = "Unable to extract tag using discriminator 'type'";
      return void errors.push(pyError('union_tag_not_found', loc, msg, v, { discriminator: "'type'" }));
    }
    const tag = pyStr(v.get('type'));
    if (!Object.hasOwn(schema.members, tag)) {
      const msg = `Input tag '${tag}' found using 'type' does not match any of the expected tags: ${schema.expectedTags}`;
      const ctx = { discriminator: "'type'", tag, expected_tags: schema.expectedTags };
      return void errors.push(pyError('union_tag_invalid', loc, msg, v, ctx));
    }
    return validate(schema.members[tag], v, [...loc, tag], errors);
  },
};

export function validate(schema, v, loc, errors) {
  return validators[schema.kind](schema, v, loc, errors);
}

/** FastAPI's body handling: which bytes count as JSON, and how a malformed body is reported. */
export function readRequestBody(headers, raw) {
  if (raw.length === 0) return { kind: 'none' };
  const type = headers['content-type'];
  if (type && !isJsonContentType(type)) return { kind: 'value', value: new PyBytes(raw) };
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return { kind: 'undecodable' };
  }
  const parsed = parsePythonJson(text);
  if (parsed.tooDeep) return { kind: 'undecodable' };
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message, pos: parsed.pos };
  return parsed.value === null ? { kind: 'none' } : { kind: 'value', value: parsed.value };
}

function isJsonContentType(contentType) {
  const [main, sub = ''] = contentType.split(';')[0].trim().toLowerCase().split('/');
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

/**
 * Validates a request like FastAPI + pydantic do: path errors first, then the body. Returns
 * { status, body } for an HTTP error, or { value } (plain JS, with defaults applied).
 */
export function validateRequest({ pathErrors = [], body, schema, required, prepare, after }) {
  if (body.kind === 'undecodable') return { status: 400, body: { detail: TEXT.bodyParseError } };
  if (body.kind === 'invalid') {
    const error = pyError('json_invalid', ['body', BigInt(body.pos)], 'JSON decode error', new Map(), { error: body.message });
    return { status: 422, body: validationBody([error]) };
  }
  const errors = pathErrors.filter(Boolean);
  let value = null;
  if (body.kind === 'none') {
    if (required) errors.push(pyError('missing', ['body'], MSG.missing, null));
  } else {
    if (body.value instanceof Map) prepare?.(body.value);
    const bodyErrors = [];
    value = validate(schema, body.value, ['body'], bodyErrors);
    if (bodyErrors.length === 0 && after) {
      const error = after(value, body.value);
      if (error) bodyErrors.push(error);
    }
    errors.push(...bodyErrors);
  }
  if (errors.length) return { status: 422, body: validationBody(errors) };
  return { value };
}

/** custom_request_validation_handler: repr() of the error list, plus examples for bad path ids. */
export function validationBody(errors) {
  const body = { trace_id: '', detail: pyRepr(errors) };
  if (errors.some((e) => e.get('loc').items[0] === 'path')) body.examples = [AGENT_ID_EXAMPLE];
  return body;
}

/**
 * Query parameters as FastAPI reads them: `spec` maps a name to { schema, default, list }; errors
 * have loc ('query', name). Returns { value } or { errors } (to join with path errors).
 */
export function validateQuery(searchParams, spec) {
  const errors = [];
  const value = {};
  for (const [name, { schema, default: dflt = null, list = false, required = false }] of Object.entries(spec)) {
    const raw = list ? searchParams.getAll(name) : searchParams.get(name);
    if (raw === null || (list && raw.length === 0)) {
      if (required) errors.push(pyError('missing', ['query', name], MSG.missing, null));
      value[name] = dflt;
      continue;
    }
    value[name] = list ? raw.map((item, i) => validate(schema, item, ['query', name, BigInt(i)], errors)) : validate(schema, raw, ['query', name], errors);
  }
  return errors.length ? { errors } : { value };
}
