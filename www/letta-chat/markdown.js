// Markdown for <letta-chat>, safe by construction: markdown-it parses the model's text into tokens
// and this module builds DOM nodes from them with createElement and textContent — never innerHTML.
// Raw HTML in the text stays text (markdown-it's html: false), links keep only http:, https: and
// mailto: (any other destination, however it is spelled, leaves the link as text), and images are
// not loaded: each becomes a link to its source (a tracking pixel would leak that the message was
// read). While a reply streams, the blocks it has finished are rendered once and only the last one
// is rendered again (MarkdownView).
import MarkdownIt from 'markdown-it';

/** The link destinations kept, after markdown-it's normalisation (which decodes and lower-cases nothing). */
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
// Links and images whose destination fails this are not links at all: their source shows as text.
md.validateLink = (url) => SAFE_LINK.test(url.trim());

/** Elements that tokens open and close, by their tag. */
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's']);

/** A DocumentFragment of `text` rendered as Markdown. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  build(md.parse(text, {}), fragment);
  return fragment;
}

/** Appends the DOM of a token list to `parent`. */
function build(tokens, parent) {
  const stack = [parent];
  const top = () => stack[stack.length - 1];
  for (const token of tokens) {
    if (token.hidden) continue; // the paragraphs of tight list items
    switch (token.type) {
      case 'inline':
        build(token.children ?? [], top());
        break;
      case 'text':
        top().append(token.content);
        break;
      case 'softbreak':
        top().append('\n');
        break;
      case 'hardbreak':
        top().append(document.createElement('br'));
        break;
      case 'code_inline':
        top().append(element('code', token.content));
        break;
      case 'fence':
      case 'code_block':
        top().append(codeBlock(token.content, token.info));
        break;
      case 'hr':
        top().append(document.createElement('hr'));
        break;
      case 'html_block':
      case 'html_inline':
        // Not produced with html: false; should it ever be, it is text.
        top().append(token.content);
        break;
      case 'image':
        top().append(imageLink(token));
        break;
      case 'link_open': {
        const link = safeLink(token.attrGet('href'), token.attrGet('title'));
        top().append(link);
        stack.push(link);
        break;
      }
      case 'link_close':
        stack.pop();
        break;
      default:
        if (token.nesting === 1 && BLOCK_TAGS.has(token.tag)) {
          const opened = document.createElement(token.tag);
          const align = /^text-align:(left|right|center)$/.exec(token.attrGet('style') ?? '')?.[1];
          if (align) opened.style.textAlign = align;
          if (token.tag === 'ol') {
            const start = Number(token.attrGet('start'));
            if (Number.isInteger(start) && start !== 1) opened.start = start;
          }
          top().append(opened);
          stack.push(opened);
        } else if (token.nesting === -1 && BLOCK_TAGS.has(token.tag)) {
          if (stack.length > 1) stack.pop();
        } else if (token.content) {
          top().append(token.content); // a token this module does not know: its text
        }
    }
  }
}

function element(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/** An `<a>` that opens in a new tab and tells the target nothing; only safe destinations reach here. */
function safeLink(href, title) {
  const link = document.createElement('a');
  if (href !== null && SAFE_LINK.test(href)) {
    link.href = href;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
  }
  if (title) link.title = title;
  return link;
}

/** An image is shown as a link to it, never loaded. */
function imageLink(token) {
  const alt = (token.children ?? []).map((child) => child.content).join('') || token.content || 'image';
  const link = safeLink(token.attrGet('src'), token.attrGet('title'));
  link.className = 'image-link';
  link.textContent = `Image: ${alt}`;
  return link;
}

/** A fenced code block with its language and a copy button. */
function codeBlock(text, info) {
  const code = element('code', text.endsWith('\n') ? text.slice(0, -1) : text);
  const language = (info ?? '').trim().split(/\s+/)[0];
  if (language) code.dataset.language = language;
  const copy = element('button', 'Copy');
  copy.type = 'button';
  copy.className = 'copy';
  copy.setAttribute('aria-label', language ? `Copy the ${language} code` : 'Copy the code');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Copy failed';
    }
    setTimeout(() => (copy.textContent = 'Copy'), 1500);
  });
  const block = document.createElement('div');
  block.className = 'code-block';
  const pre = document.createElement('pre');
  pre.tabIndex = 0; // it scrolls: keyboard users must be able to reach it
  pre.append(code);
  block.append(copy, pre);
  return block;
}

/**
 * The end of the blocks that are finished in a text that is still growing: the offset after the
 * last blank line that is not inside a code fence (0 when there is none). Blocks before it cannot
 * change as more text arrives, except that a list split there renders as two lists until `finish`.
 */
export function stableEnd(text) {
  let fence = null;
  let end = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const next = offset + line.length + 1;
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && marker) fence = marker;
    else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    else if (fence === null && line.trim() === '' && next <= text.length) end = next;
    offset = next;
  }
  return end;
}

/**
 * A Markdown rendering that follows a growing text (a streamed reply): `update(text)` renders only
 * what changed since the last call — the finished blocks once, the last block again — and `finish()`
 * renders the whole text once more, so that the result is exactly `renderMarkdown(text)`.
 */
export class MarkdownView {
  constructor(element) {
    this.element = element;
    this.done = document.createElement('div');
    this.tail = document.createElement('div');
    this.done.className = 'md-done';
    this.tail.className = 'md-tail';
    element.replaceChildren(this.done, this.tail);
    this.text = '';
    this.stable = 0;
  }

  update(text) {
    if (text === this.text) return;
    if (!text.startsWith(this.text.slice(0, this.stable))) {
      // Not a continuation: start again.
      this.done.replaceChildren();
      this.stable = 0;
    }
    const end = stableEnd(text);
    if (end > this.stable) {
      this.done.append(renderMarkdown(text.slice(this.stable, end)));
      this.stable = end;
    }
    this.tail.replaceChildren(renderMarkdown(text.slice(this.stable)));
    this.text = text;
  }

  /** Shows `text` whole, at once (a message that is not streaming). */
  show(text) {
    this.text = text;
    this.finish();
  }

  finish() {
    this.done.replaceChildren(renderMarkdown(this.text));
    this.tail.replaceChildren();
    this.stable = this.text.length;
  }
}
