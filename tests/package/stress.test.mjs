// The JS API under a benchmark-style load in several fresh Node processes
// (stress-worker.mjs): none may die, and all must agree. A V8 fault in an
// optimised JS-to-wasm call was reported against Node 20 under such a
// load; it shows up as a process killed by a signal or exiting non-zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const worker = join(dirname(fileURLToPath(import.meta.url)), 'stress-worker.mjs');
const PROCESSES = 4;

test(`${PROCESSES} fresh processes drive the JS API with 10,000 incidents each, and none dies`, () => {
  const outputs = [];
  for (let i = 0; i < PROCESSES; i++) {
    const run = spawnSync(process.execPath, [worker], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.signal, null, `process ${i} was killed by ${run.signal}: ${run.stderr}`);
    assert.equal(run.status, 0, `process ${i} exited ${run.status}: ${run.stderr}`);
    outputs.push(JSON.parse(run.stdout.trim()));
  }
  const [first] = outputs;
  assert.ok(first.ids > 100_000 && first.errors > 1_000 && first.timed, JSON.stringify(first));
  for (const output of outputs) assert.deepEqual(output, first);
});
