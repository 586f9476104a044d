// The bench suite in the browser: bundled by bench/browser.mjs with esbuild, like a user's app.
import Letta from '@letta-ai/letta-client';
import { createParser } from 'eventsource-parser';

import * as letta from '../pkg/index.js';
import { runSuite } from './suite.mjs';

window.runBench = (options) => runSuite({ letta, Letta, createParser }, { ...options, log: (line) => console.log(`bench(chromium): ${line}`) });
window.benchReady = true;
