// The mock server's request models against the crate's tables (scripts/mock-letta/wire-schema.json,
// exported from src/schema/wire.rs): the same fields, each as required, optional or nullable, the same
// literals and tags. The models keep what only pydantic has (enum reprs, defaults, union labels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_TYPES, MODELS_BY_TABLE, WIRE } from '../scripts/mock-letta/schema.mjs';

/** A mock field as the tables would say it: [key, presence, literal values]. */
function mockField(field, key) {
  const presence = field.required ? 'required' : field.schema.kind === 'nullable' ? 'nullable' : 'optional';
  const schema = field.schema.kind === 'nullable' ? field.schema.inner : field.schema;
  return [key, presence, schema.kind === 'literal' || schema.kind === 'enum' ? schema.values : null];
}

/** A table field the same way; a union member's tag, not listed in its table, is added as the mock has it. */
function tableField(field) {
  const kind = field.kind.refined ?? field.kind;
  const values = kind.literal !== undefined ? [kind.literal] : (kind.enum ?? null);
  // `default_null`: the server writes null but refuses it, as a pydantic field with a default does.
  return [field.name, field.presence === 'default_null' ? 'optional' : field.presence, values];
}

test('the mock has a model for every request table', () => {
  for (const name of ['MessageSendParams', 'MessageCreate', 'ApprovalCreate', 'ToolReturnCreate', 'ClientTool', 'ClientSkill']) {
    assert.ok(WIRE.objects[name], `table ${name}`);
    assert.ok(MODELS_BY_TABLE[name], `model ${name}`);
  }
  assert.equal(Object.keys(MODELS_BY_TABLE).length, 19);
});

test("the mock's request models have the tables' fields", () => {
  const unionTag = new Map();
  for (const union of ['ContentPart', 'ImageSource']) {
    for (const [tag, table] of WIRE.unions[union].members) unionTag.set(table, [WIRE.unions[union].tag, tag]);
  }
  for (const [name, model] of Object.entries(MODELS_BY_TABLE)) {
    const fromTable = WIRE.objects[name].fields.map(tableField);
    const [tagKey, tag] = unionTag.get(name) ?? [];
    // A content part's or image source's tag is the union's in the tables, a defaulted field in pydantic.
    if (tagKey && !fromTable.some(([key]) => key === tagKey)) fromTable.unshift([tagKey, 'optional', [tag]]);
    const fromMock = model.fields.flatMap((field) => field.aliases.map((key) => mockField(field, key)));
    const byKey = (a, b) => (a[0] < b[0] ? -1 : 1);
    assert.deepEqual(fromMock.sort(byKey), fromTable.sort(byKey), `${name}: the mock model against src/schema/wire.rs`);
  }
});

test('the message types the mock accepts are the tables\' tags, in order', () => {
  assert.deepEqual(MESSAGE_TYPES, WIRE.unions.LettaMessage.members.map(([tag]) => tag));
  assert.equal(MESSAGE_TYPES.length, 11);
});
