// What the browser tests of the demo share: the demo server as `npm start` runs it (scripts/serve.mjs,
// as a child process), headless Chromium through playwright-core, and helpers that read the
// <letta-chat> element's shadow DOM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { after, afterEach, before, beforeEach } from 'node:test';

import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'test-results');

/** Starts `node scripts/serve.mjs --port 0` with `env`; resolves to `{ url, target, agentId, stop }`. */
export async function startServe(env = {}) {
  const child = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, LETTA_BASE_URL: '', LETTA_API_KEY: '', LETTA_AGENT_ID: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const info = await new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line && stdout.includes('\n')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    ...info,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** Headless Chromium (Debian's, never a download). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

/**
 * A new page on the demo, ready to chat. Page errors and unexpected console errors are collected in
 * `page.problems` (a test asserts it is empty at the end).
 */
export async function openDemo(browser, url, { query = '', viewport = { width: 1280, height: 860 } } = {}) {
  const page = await browser.newPage({ viewport });
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.stack ?? error}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // The browser logs every failed response; the tests provoke some on purpose.
    if (/Failed to load resource|net::ERR_/.test(message.text())) return;
    page.problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    page.problems.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss();
  });
  await page.goto(url + query);
  await page.waitForSelector('body[data-ready]');
  return page;
}

/**
 * Saves a screenshot of the page under test-results/; with `{ docs: true }` also one of the chat
 * element alone under test-results/docs/ (the README's pictures of each state come from there:
 * copy them to docs/screenshots/).
 */
export async function screenshot(page, name, { docs = false } = {}) {
  await mkdir(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
  if (docs) {
    await mkdir(path.join(RESULTS, 'docs'), { recursive: true });
    await page.locator('letta-chat').screenshot({ path: path.join(RESULTS, 'docs', `${name}.png`) });
  }
}

/** The chat element's locator (Playwright pierces open shadow roots). */
export const chat = (page) => page.locator('letta-chat');

/** Types `text` into the composer and presses Enter. */
export async function say(page, text) {
  await chat(page).locator('textarea').fill(text);
  await chat(page).locator('textarea').press('Enter');
}

/** Waits until no reply is streaming and at least `turns` turns have a footer or an error. */
export async function waitForIdle(page, timeout = 20_000) {
  await page.waitForFunction(() => !document.querySelector('letta-chat').busy, null, { timeout });
}

/**
 * Sets extra client options on the element (headers such as X-Mock-Fault, maxRetries, …), and waits
 * for the chat to load its history again with them.
 */
export async function setClientOptions(page, options) {
  await page.evaluate(async (o) => {
    const element = document.querySelector('letta-chat');
    element.clientOptions = o;
    await element.loaded;
  }, options);
}

/** The mock's request log of messages sent and runs cancelled (the POSTs to …/messages…). */
export async function mockRequests(target) {
  const log = await (await fetch(`${target}/__mock/requests`)).json();
  return (Array.isArray(log) ? log : log.requests).filter((request) => request.method === 'POST' && String(request.path ?? request.url).includes('/messages'));
}

/**
 * Ends a test's page: runs axe-core on it as it is, closes it, then asserts that it had no page
 * error, console error or dialog and no serious or critical accessibility violation.
 */
export async function closeChecked(page) {
  const accessibility = await accessibilityProblems(page);
  const problems = page.problems;
  await page.close();
  assert.deepEqual(problems, [], 'no page errors, console errors or dialogs');
  assert.deepEqual(accessibility, [], 'no serious or critical axe-core violation');
}


/**
 * Registers the hooks of a suite that gives every test a fresh demo page: one server and browser for
 * the suite, the mock reset and the demo opened before each test, and the page closed (after an
 * accessibility check) after it. `set` receives `{ serve, browser, page }` whenever one changes.
 */
export function demoPagePerTest(set) {
  let state = {};
  before(async () => {
    const [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
    set((state = { serve, browser }));
  });
  after(async () => {
    await state.browser?.close();
    await state.serve?.stop();
  });
  beforeEach(async () => {
    await fetch(`${state.serve.target}/__mock/reset`, { method: 'POST' });
    set((state = { ...state, page: await openDemo(state.browser, state.serve.url) }));
  });
  afterEach(async () => {
    // Every test ends in a state of its own: none may have a serious or critical accessibility violation.
    await closeChecked(state.page);
  });
}
/** Reloads the demo as a reader does (the address keeps agent and conversation), until it is ready. */
export async function reloadDemo(page, timeout = 30_000) {
  await page.reload();
  await page.waitForSelector('body[data-ready]', { timeout });
}

/** Records every value the chat element's `status` attribute takes from now on; `statuses(page)` reads them. */
export async function recordStatuses(page) {
  await page.evaluate(() => {
    const element = document.querySelector('letta-chat');
    window.statuses = [element.getAttribute('status')];
    new MutationObserver(() => window.statuses.push(element.getAttribute('status'))).observe(element, { attributes: true, attributeFilter: ['status'] });
  });
}

/**
 * Asserts that the statuses recorded since `recordStatuses(page)` show a reply that streamed, lost
 * its connection (`reconnecting`), streamed again and ended idle.
 */
export async function assertReconnected(page) {
  const statuses = await page.evaluate(() => window.statuses);
  const from = statuses.indexOf('reconnecting');
  const streamedBefore = from > 0 && statuses.slice(0, from).includes('streaming');
  assert.ok(streamedBefore && statuses.slice(from).includes('streaming') && statuses.at(-1) === 'idle', statuses.join(' → '));
}

const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now (the chat's shadow root included) and returns the serious
 * and critical violations as lines: `rule: target (impact)`.
 */
export async function accessibilityProblems(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)} (${violation.impact})`));
  });
  return violations;
}
