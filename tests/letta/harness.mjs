// What the real-server suite shares: the peer that scripts/test-letta.sh started (LETTA_PEER_URL),
// a fresh agent per test file (so that an approval left pending by one test cannot break another),
// and the package — as installed from its npm tarball when LETTA_WASM_ENTRY names a module that
// re-exports 'letta-wasm' from a consumer project (scripts/test-letta.sh does that), else pkg/.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PEER_URL = process.env.LETTA_PEER_URL;
export const letta = await import(process.env.LETTA_WASM_ENTRY ?? '../../pkg/index.node.js');
if (!PEER_URL) throw new Error('LETTA_PEER_URL is not set: run the suite with npm run test:letta');

/** A new agent on the peer (memory_insert needs approval), as create-agent.mjs makes it. */
export function newAgent() {
  return execFileSync(process.execPath, [path.join(ROOT, 'scripts/letta-peer/create-agent.mjs'), PEER_URL], { encoding: 'utf8' }).trim();
}
