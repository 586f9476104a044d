// What the package tests that start their own mock Letta server share: its JSON routes and a fresh
// agent (its own history, lock and pending approval).

/** `{ json(path, init), newAgent() }` on the mock that `current()` returns once it is started. */
export function mockHelpers(current) {
  const json = async (path, init) => (await fetch(`${current().url}${path}`, init)).json();
  const newAgent = async () => (await json('/v1/agents/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).id;
  return { json, newAgent };
}
