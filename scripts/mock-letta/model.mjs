/**
 * The scripted model: reads the triggers in the user's text and decides what each "LLM call" says
 * (reasoning, text, a tool call), and runs the server-side tools.
 */
import { LLM_FAILURES } from './constants.mjs';
import { llmFailure } from './errors.mjs';
import { pyJsonDumps } from './python.mjs';
import { newId, toolCallId, hashText, codePoints, countWords, escapeRegExp } from './util.mjs';

const WEATHER = [
  ['sunny', '☀️'],
  ['partly cloudy', '⛅'],
  ['cloudy', '☁️'],
  ['rainy', '🌧️'],
  ['snowy', '❄️'],
  ['windy', '🌬️'],
  ['foggy', '🌫️'],
];
const LONG_WORDS = ['lorem', 'ipsum', 'café', 'naïve', 'über', 'façade', 'smörgåsbord', '東京', 'данные', '🚀', 'señor', 'crème', 'brûlée'];
const LARGE_UNIT = 'Grüße aus Köln — 日本 🦀 ';

/** The text the model reacts to: the last user message of the request. */
export function lastUserText(messages) {
  const user = messages.filter((m) => m.type === 'message' && m.role === 'user').pop();
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  return user.content
    .map((part) => (part.type === 'text' ? part.text : part.type === 'image' ? '[image]' : ''))
    .filter(Boolean)
    .join('\n');
}

/** Reads the triggers out of the user's text; `clean` is the text without the markers. */
export function parseScript(text, request) {
  const script = { slowMs: 0, dripMs: 0, failure: null, kind: 'plain' };
  let rest = text.replace(/\/slow\s+(\d+)/g, (_, ms) => {
    script.slowMs = Math.min(Number(ms), 600_000);
    return ' ';
  });
  rest = rest.replace(/\/drip\s+(\d+)/g, (_, ms) => {
    script.dripMs = Math.min(Number(ms), 60_000);
    return ' ';
  });
  rest = rest.replace(/\/long\s+(\d+)/g, (_, n) => {
    script.kind = 'long';
    script.words = Math.min(Number(n), 1_000_000);
    return ' ';
  });
  rest = rest.replace(/(^|\s)(\/error|\/rate-limit|\/timeout|\/auth-error)(?=\s|$)/g, (_, lead, marker) => {
    script.failure = LLM_FAILURES[marker];
    return lead;
  });
  rest = rest.replace(/(^|\s)\/approve(?=\s|$)/g, (_, lead) => {
    script.kind = 'approval';
    return lead;
  });
  rest = rest.replace(/(^|\s)\/verbatim(?=\s|$)/g, (_, lead) => {
    script.verbatim = true;
    return lead;
  });
  script.clean = rest.replace(/\s+/g, ' ').trim();
  // `/verbatim`: the answer is the text as written, line breaks and all (Markdown replies).
  if (script.verbatim) script.text = rest.trim();
  classifyScript(script, request);
  return script;
}

function classifyScript(script, request) {
  const clean = script.clean;
  const clientTool = (request.client_tools ?? []).find((tool) => new RegExp(`\\b${escapeRegExp(tool.name)}\\b`, 'i').test(clean));
  const weather = /[Ww]eather\s+(?:in|for|at)\s+(\p{L}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,2})/u.exec(clean);
  if (clientTool) Object.assign(script, { kind: 'client_tool', tool: clientTool });
  else if (script.kind === 'approval' || /\bdelete\b/i.test(clean)) {
    Object.assign(script, { kind: 'approval', path: deletionTarget(clean) });
  }
  else if (weather) Object.assign(script, { kind: 'weather', city: weather[1][0].toUpperCase() + weather[1].slice(1) });
}

function deletionTarget(text) {
  const m = /\bdelete\s+(?:the\s+)?(?:file\s+)?[`"'“]?([^\s`"'”]+)/i.exec(text);
  const target = m?.[1].replace(/[.,;:!?)]+$/, '');
  return target || 'scratch.txt';
}

function weatherReport(city) {
  const h = hashText(city.toLowerCase());
  const [conditions, emoji] = WEATHER[(h >>> 8) % WEATHER.length];
  return { city, temperature_c: (h % 40) - 5, conditions, emoji };
}

function echoReply(clean) {
  if (!clean) return 'You sent an empty message — nothing to echo back. 🤔';
  const words = countWords(clean);
  return `You said: «${clean}» — that's ${words} word${words === 1 ? '' : 's'}. Merci ! ✨`;
}

function longText(words) {
  return Array.from({ length: words }, (_, i) => LONG_WORDS[i % LONG_WORDS.length]).join(' ');
}

/** A string of exactly `bytes` bytes of UTF-8, mostly multi-byte text. */
function textOfBytes(bytes) {
  const unitBytes = Buffer.byteLength(LARGE_UNIT);
  const units = Math.floor(bytes / unitBytes);
  return LARGE_UNIT.repeat(units) + 'x'.repeat(bytes - units * unitBytes);
}

function clientToolArguments(tool, clean) {
  const properties = tool.parameters?.properties ?? {};
  const byType = { string: clean, number: 1, integer: 1, boolean: true, array: [], object: {} };
  return Object.fromEntries(Object.entries(properties).map(([name, spec]) => [name, byType[spec?.type] ?? null]));
}

/** What the "LLM" says for one call, given where the turn is. */
export function planLlmCall(ctx) {
  const { script, phase } = ctx;
  const answering = !(phase.kind === 'start' && ['weather', 'approval', 'client_tool'].includes(script.kind));
  if (script.failure && (answering || script.kind !== 'weather')) throw llmFailure(script.failure);
  const out = { id: newId('message'), stepId: newId('step'), reasoning: null, text: null, toolCall: null };
  if (phase.kind === 'after_tool') {
    const w = phase.report;
    out.reasoning = `get_weather says ${w.temperature_c} °C and ${w.conditions} in ${w.city}; answer briefly.`;
    out.text = `It's ${w.temperature_c} °C and ${w.conditions} in ${w.city} right now. ${w.emoji}`;
  } else if (phase.kind === 'after_approval') {
    out.text = approvalAnswer(phase.results, script.clean);
  } else if (phase.kind === 'retry') {
    out.text = 'That approval was already processed — carrying on where we left off. 👍';
  } else {
    planFirstCall(out, script);
  }
  if (ctx.fault.largeEventBytes != null && out.text !== null) out.text = textOfBytes(ctx.fault.largeEventBytes);
  return out;
}

function planFirstCall(out, script) {
  const clean = script.clean;
  switch (script.kind) {
    case 'weather':
      out.reasoning = `The user asked about the weather in ${script.city}; I'll call get_weather.`;
      out.toolCall = { name: 'get_weather', args: { city: script.city, unit: 'celsius' } };
      break;
    case 'approval':
      out.reasoning = `Deleting ${script.path} is destructive; delete_file needs the user's approval.`;
      out.toolCall = { name: 'delete_file', args: { path: script.path }, approval: true };
      break;
    case 'client_tool':
      out.toolCall = { name: script.tool.name, args: clientToolArguments(script.tool, clean), approval: true, client: true };
      break;
    case 'long':
      out.reasoning = `The user wants a long answer: ${script.words} words.`;
      out.text = longText(script.words);
      break;
    default:
      out.reasoning = clean
        ? `The user wrote ${codePoints(clean).length} characters; I'll echo them back warmly.`
        : 'The message is empty; I should say so politely.';
      out.text = script.verbatim ? script.text || echoReply(clean) : echoReply(clean);
  }
  if (out.toolCall) out.toolCall.id = toolCallId();
}

function approvalAnswer(results, followUp) {
  const parts = results.map((r) => {
    if (r.outcome === 'approved') return `Done — ${r.summary} ✅`;
    if (r.outcome === 'denied') return `Understood — I won't run ${r.name}. Your reason: “${r.reason ?? 'none given'}”.`;
    return `${r.name} returned ${r.preview} (${r.status}).`;
  });
  if (followUp) parts.push(`You also said: «${followUp}».`);
  return parts.join(' ');
}

/** Server-side tools. */
export function runTool(call) {
  if (call.name === 'get_weather') {
    const report = weatherReport(call.args.city);
    return {
      report,
      result: {
        tool_return: pyJsonDumps({ city: report.city, temperature_c: report.temperature_c, conditions: report.conditions }),
        status: 'success',
        stdout: [`get_weather: looked up the forecast for ${report.city}`],
        stderr: [],
      },
    };
  }
  if (call.name === 'delete_file') {
    const size = 512 + (hashText(call.args.path) % 4096);
    return {
      summary: `${call.args.path} is deleted (${size} bytes freed). 🗑️`,
      result: {
        tool_return: `Deleted ${call.args.path} (${size} bytes). 🗑️`,
        status: 'success',
        stdout: [`rm -- ${call.args.path}`],
        stderr: [],
      },
    };
  }
  return {
    summary: `${call.name} ran.`,
    result: {
      tool_return: `Error: tool ${call.name} is executed by the client; send its result as a tool return.`,
      status: 'error',
      stdout: null,
      stderr: null,
    },
  };
}

