// The shadow-DOM styles of <letta-chat>. Theme it from outside with these custom properties:
//   --letta-chat-font, --letta-chat-mono, --letta-chat-bg, --letta-chat-surface, --letta-chat-text,
//   --letta-chat-muted, --letta-chat-border, --letta-chat-accent, --letta-chat-accent-text,
//   --letta-chat-user-bg, --letta-chat-user-text, --letta-chat-danger, --letta-chat-success,
//   --letta-chat-warning, --letta-chat-radius
export const styles = `
:host {
  --_font: var(--letta-chat-font, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_mono: var(--letta-chat-mono, ui-monospace, "SF Mono", Menlo, Consolas, monospace);
  --_bg: var(--letta-chat-bg, #f7f7fb);
  --_surface: var(--letta-chat-surface, #ffffff);
  --_text: var(--letta-chat-text, #1c1d22);
  --_muted: var(--letta-chat-muted, #5b5f6a);
  --_border: var(--letta-chat-border, #e3e4ea);
  --_accent: var(--letta-chat-accent, #5b4cf0);
  --_accent-text: var(--letta-chat-accent-text, #ffffff);
  --_user-bg: var(--letta-chat-user-bg, var(--_accent));
  --_user-text: var(--letta-chat-user-text, var(--_accent-text));
  --_danger: var(--letta-chat-danger, #b42323);
  --_success: var(--letta-chat-success, #146b43);
  --_warning: var(--letta-chat-warning, #85570d);
  --_radius: var(--letta-chat-radius, 14px);
  display: block;
  height: 100%;
  min-height: 320px;
  font: 15px/1.5 var(--_font);
  color: var(--_text);
  contain: content;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: var(--letta-chat-bg, #14151a);
    --_surface: var(--letta-chat-surface, #1d1f26);
    --_text: var(--letta-chat-text, #e9eaf0);
    --_muted: var(--letta-chat-muted, #9a9eab);
    --_border: var(--letta-chat-border, #2d303a);
    --_accent: var(--letta-chat-accent, #8b7fff);
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.chat {
  display: flex; flex-direction: column; height: 100%;
  background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); overflow: hidden;
}
.log { flex: 1; overflow-y: auto; padding: 20px 18px 8px; }
.log:empty::before {
  content: "Say hello to start the conversation."; display: block; text-align: center; color: var(--_muted); margin-top: 18%;
}
.turn { display: flex; flex-direction: column; gap: 8px; margin-bottom: 18px; }
.turn-label { align-self: center; font-size: 12px; color: var(--_muted); text-transform: uppercase; letter-spacing: .06em; }
.turn-body { display: flex; flex-direction: column; gap: 8px; }
.bubble { max-width: min(80%, 640px); padding: 9px 14px; border-radius: var(--_radius); white-space: pre-wrap; overflow-wrap: anywhere; }
.bubble.user { align-self: flex-end; background: var(--_user-bg); color: var(--_user-text); border-bottom-right-radius: 4px; }
.bubble.assistant { align-self: flex-start; background: var(--_surface); border: 1px solid var(--_border); border-bottom-left-radius: 4px; }
.reasoning { align-self: flex-start; width: min(88%, 640px); color: var(--_muted); font-size: 13.5px; }
.reasoning summary { cursor: pointer; user-select: none; list-style: none; display: flex; align-items: center; gap: 6px; min-width: 0; }
.reasoning summary::-webkit-details-marker { display: none; }
.reasoning summary::before { content: "▸"; transition: transform .15s; }
.reasoning[open] summary::before { transform: rotate(90deg); }
.reasoning .preview { flex: 1 1 0; min-width: 0; font-style: italic; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 52ch; }
.reasoning .preview::before { content: "· "; font-style: normal; }
.reasoning .preview:empty, .reasoning[open] .preview { display: none; }
.reasoning .text { white-space: pre-wrap; border-left: 2px solid var(--_border); padding: 2px 0 2px 10px; margin-top: 4px; font-style: italic; }
.note { align-self: flex-start; font-size: 13px; color: var(--_muted); display: flex; gap: 8px; align-items: baseline; max-width: 88%; }
.note .label { font-weight: 600; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; }
.note .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.card {
  align-self: stretch; max-width: 720px; background: var(--_surface); border: 1px solid var(--_border);
  border-radius: 10px; padding: 10px 12px; font-size: 13.5px;
}
.card.error { border-color: color-mix(in srgb, var(--_danger) 45%, var(--_border)); }
.card-title { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.badge {
  font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; color: var(--_muted);
  background: color-mix(in srgb, var(--_muted) 12%, transparent); padding: 1px 7px; border-radius: 999px;
}
.badge.attention { color: var(--_warning); background: color-mix(in srgb, var(--_warning) 14%, transparent); }
.tool-name { font-family: var(--_mono); font-weight: 600; }
.status { margin-left: auto; font-size: 12px; font-weight: 600; }
.status.success { color: var(--_success); }
.status.error { color: var(--_danger); }
pre {
  font-family: var(--_mono); font-size: 12.5px; margin: 8px 0 0; padding: 8px 10px; border-radius: 8px;
  background: color-mix(in srgb, var(--_muted) 8%, transparent); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 320px; overflow: auto;
}
pre:empty { display: none; }
.stream { margin-top: 6px; }
.stream .label { font-size: 11px; font-weight: 600; color: var(--_muted); text-transform: uppercase; }
.stream.stderr pre { color: var(--_danger); }
.call + .call { margin-top: 12px; padding-top: 10px; border-top: 1px dashed var(--_border); }
.card.approval { border-color: color-mix(in srgb, var(--_warning) 50%, var(--_border)); }
.actions { display: flex; align-items: center; gap: 10px; margin-top: 10px; flex-wrap: wrap; }
.buttons, .deny-form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.outcome { font-weight: 600; font-size: 13px; }
.outcome.approved { color: var(--_success); }
.outcome.denied { color: var(--_danger); }
button {
  font: inherit; font-size: 14px; font-weight: 600; border-radius: 9px; padding: 7px 14px; cursor: pointer;
  border: 1px solid var(--_border); background: var(--_surface); color: var(--_text);
}
button:hover:not(:disabled) { filter: brightness(.96); }
button:disabled { opacity: .5; cursor: default; }
button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-text); }
button.danger { color: var(--_danger); border-color: color-mix(in srgb, var(--_danger) 40%, var(--_border)); }
button.ghost { border-color: transparent; background: transparent; color: var(--_muted); }
input.reason {
  font: inherit; font-size: 14px; padding: 6px 10px; border-radius: 8px; border: 1px solid var(--_border);
  background: var(--_bg); color: var(--_text); min-width: 200px;
}
.turn-footer { display: flex; gap: 10px; align-items: center; font-size: 12px; color: var(--_muted); flex-wrap: wrap; }
.turn-footer:empty { display: none; }
.stop-reason { font-weight: 600; }
.stop-reason.requires_approval, .refused { color: var(--_warning); }
.stop-reason.error, .stop-reason.llm_api_error, .stop-reason.invalid_llm_response, .stop-reason.invalid_tool_call { color: var(--_danger); }
.error {
  align-self: stretch; max-width: 720px; border-radius: 10px; padding: 10px 12px; font-size: 13.5px;
  background: color-mix(in srgb, var(--_danger) 9%, var(--_surface)); border: 1px solid color-mix(in srgb, var(--_danger) 35%, var(--_border));
}
.error.stopped { background: var(--_surface); border-color: var(--_border); }
.error-title { font-weight: 600; color: var(--_danger); }
.error.stopped .error-title { color: var(--_muted); }
.error-detail { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 2px; }
.error .retry { margin-top: 8px; font-size: 13px; padding: 4px 12px; }
.typing { display: flex; gap: 4px; padding: 10px 4px; }
.typing span { width: 7px; height: 7px; border-radius: 50%; background: var(--_muted); opacity: .35; animation: blink 1.2s infinite; }
.typing span:nth-child(2) { animation-delay: .2s; }
.typing span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 50% { opacity: .9; } }
.reply { display: flex; flex-direction: column; gap: 8px; }
.reconnecting { align-self: flex-start; font-size: 13px; color: var(--_warning); padding: 6px 2px; }
.reconnecting::before { content: "⟳ "; }
.earlier { display: block; margin: 0 auto 16px; font-size: 13px; }
.loading { text-align: center; color: var(--_muted); font-size: 13px; margin: 12px 0; }
@media (prefers-reduced-motion: reduce) { .typing span { animation: none; } }
.composer { border-top: 1px solid var(--_border); background: var(--_surface); padding: 10px 12px 8px; }
.row { display: flex; gap: 8px; align-items: flex-end; }
textarea.input {
  flex: 1; resize: none; font: inherit; color: var(--_text); background: var(--_bg); border: 1px solid var(--_border);
  border-radius: 10px; padding: 8px 12px; min-height: 40px; max-height: 240px; line-height: 1.45;
}
textarea.input.json { font-family: var(--_mono); font-size: 13px; }
.mode { display: inline-flex; gap: 6px; align-items: center; font-size: 12px; color: var(--_muted); margin-top: 6px; cursor: pointer; }
.issues {
  margin-bottom: 8px; padding: 8px 12px; border-radius: 8px; font-size: 13px;
  background: color-mix(in srgb, var(--_danger) 8%, var(--_surface)); border: 1px solid color-mix(in srgb, var(--_danger) 30%, var(--_border));
}
.issues-title { font-weight: 600; }
.issues ul { margin: 4px 0 0; padding-left: 18px; }
.issues li.issue-warning { color: var(--_warning); }
.issues code.path { font-family: var(--_mono); font-size: 12px; padding: 0 4px; border-radius: 4px; background: color-mix(in srgb, var(--_muted) 14%, transparent); }

/* Markdown (assistant replies and reasoning): built from tokens, never from HTML. */
.markdown { white-space: normal; }
.reasoning .text.markdown { white-space: normal; }
.markdown > div > :first-child { margin-top: 0; }
.markdown > div > :last-child { margin-bottom: 0; }
.markdown p, .markdown ul, .markdown ol, .markdown blockquote, .markdown table, .markdown .code-block { margin: 0 0 8px; }
.markdown h1, .markdown h2, .markdown h3, .markdown h4, .markdown h5, .markdown h6 { margin: 10px 0 6px; line-height: 1.3; }
.markdown h1 { font-size: 1.3em; } .markdown h2 { font-size: 1.2em; } .markdown h3 { font-size: 1.1em; }
.markdown h4, .markdown h5, .markdown h6 { font-size: 1em; }
.markdown ul, .markdown ol { padding-left: 22px; }
.markdown li > p { margin: 0; }
.markdown blockquote { border-left: 3px solid var(--_border); padding-left: 10px; color: var(--_muted); }
.markdown code { font-family: var(--_mono); font-size: .92em; padding: 0 4px; border-radius: 4px; background: color-mix(in srgb, var(--_muted) 14%, transparent); }
.markdown pre code { padding: 0; background: none; font-size: 12.5px; }
.markdown .code-block { position: relative; }
.markdown .code-block pre { margin: 0; padding-right: 64px; }
.markdown .code-block .copy { position: absolute; top: 6px; right: 6px; font-size: 12px; padding: 2px 8px; }
.markdown table { border-collapse: collapse; display: block; overflow-x: auto; max-width: 100%; }
.markdown th, .markdown td { border: 1px solid var(--_border); padding: 4px 8px; }
.markdown th { background: color-mix(in srgb, var(--_muted) 8%, transparent); }
.markdown a { color: var(--_accent); overflow-wrap: anywhere; }
.markdown hr { border: 0; border-top: 1px solid var(--_border); }
`;
