// The JSON Schemas shipped with the package describe what the engine reads
// and writes: every shipped policy validates against the policy schema,
// every decision snapshot against the decision schema, and broken ones fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'smol-toml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = (name) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validatePolicy = ajv.compile(schema('policy.schema.json'));
const validateDecision = ajv.compile(schema('decision.schema.json'));
const errors = (validate) => ajv.errorsText(validate.errors);

test('every shipped policy validates against the policy schema', () => {
  const files = readdirSync(join(root, 'policies')).filter((f) => f.endsWith('.toml'));
  assert.ok(files.length >= 3);
  for (const file of files) {
    const policy = parse(readFileSync(join(root, 'policies', file), 'utf8'));
    assert.ok(validatePolicy(policy), `${file}: ${errors(validatePolicy)}`);
  }
});

test('the policy schema rejects what the engine rejects structurally', () => {
  const policy = parse(readFileSync(join(root, 'policies', 'default.toml'), 'utf8'));
  const broken = structuredClone(policy);
  broken.approvers[0].cout = 2;
  assert.equal(validatePolicy(broken), false);
  const badPhase = structuredClone(policy);
  badPhase.communications[0].phase = 'before';
  assert.equal(validatePolicy(badPhase), false);
  const optionsOnBool = structuredClone(policy);
  optionsOnBool.inputs[2].options = ['a'];
  assert.equal(validatePolicy(optionsOnBool), false);
});

test('every decision snapshot validates against the decision schema', () => {
  let decisions = 0;
  for (const file of readdirSync(join(root, 'tests', 'data', 'decisions'))) {
    for (const { case: name, answer } of JSON.parse(readFileSync(join(root, 'tests', 'data', 'decisions', file), 'utf8'))) {
      if (answer.status !== 'success') continue;
      decisions += 1;
      assert.ok(validateDecision(answer.decision), `${file} / ${name}: ${errors(validateDecision)}`);
    }
  }
  assert.ok(decisions >= 40, `${decisions} decisions`);
  const { answer } = JSON.parse(readFileSync(join(root, 'tests', 'data', 'decisions', 'default.json'), 'utf8'))[0];
  const broken = structuredClone(answer.decision);
  broken.verdict = 'approved';
  assert.equal(validateDecision(broken), false);
});
