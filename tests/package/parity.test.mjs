// The JS API's decision is the CLI's decision JSON: the same fields, values
// and key order, for incidents of every kind (evaluated in Node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { incidents } from '../../benches/incidents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'target', 'debug', 'hotgate');

test('evaluate() in wasm and `hotgate eval` print the same JSON, byte for byte', async (t) => {
  if (!existsSync(cli)) {
    // scripts/test.sh runs `cargo test` first, which builds the CLI.
    t.skip('target/debug/hotgate is not built');
    return;
  }
  const m = await import(join(root, 'www', 'pkg', 'hotgate.js'));
  m.initSync({ module: readFileSync(join(root, 'www', 'pkg', 'hotgate_bg.wasm')) });
  const work = mkdtempSync(join(tmpdir(), 'hotgate-parity-'));
  try {
    for (const name of ['default', 'enterprise', 'small-team']) {
      const text = readFileSync(join(root, 'policies', `${name}.toml`), 'utf8');
      const policy = m.loadPolicy(text).policy;
      const questions = policy.inputs();
      // Incidents for this policy: the generated ones, kept to its questions and options.
      const cases = incidents(25).map((x) => {
        const incident = {};
        for (const q of questions) {
          if (q.type === 'choice') incident[q.id] = q.options[(x.affected_users + q.id.length) % q.options.length].value;
          else if (q.type === 'text') incident[q.id] = x.title;
          else if (q.type === 'int') incident[q.id] = Math.min(x.change_size_lines, q.max ?? Infinity);
          else incident[q.id] = x[q.id] ?? (x.change_size_lines + q.id.length) % 2 === 0;
        }
        return incident;
      });
      for (const [i, incident] of cases.entries()) {
        const file = join(work, `${name}-${i}.json`);
        writeFileSync(file, JSON.stringify(incident));
        const fromCli = execFileSync(cli, ['eval', join(root, 'policies', `${name}.toml`), file], { encoding: 'utf8' });
        const answer = policy.evaluate(incident);
        assert.equal(answer.status, 'success', `${name} #${i}: ${JSON.stringify(answer)}`);
        assert.equal(JSON.stringify(answer.decision), JSON.stringify(JSON.parse(fromCli)), `${name} #${i}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('audit() in wasm and `hotgate audit --json` report the same problems for every audit case', async (t) => {
  if (!existsSync(cli)) {
    t.skip('target/debug/hotgate is not built');
    return;
  }
  const m = await import(join(root, 'www', 'pkg', 'hotgate.js'));
  m.initSync({ module: readFileSync(join(root, 'www', 'pkg', 'hotgate_bg.wasm')) });
  const dir = join(root, 'tests', 'data', 'audit');
  const asOf = Date.UTC(2026, 10, 22, 5, 0);
  const { readdirSync } = await import('node:fs');
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(cases.length >= 15, `${cases.length} cases`);
  const policies = new Map();
  for (const file of cases) {
    const name = file.slice(0, -'.json'.length);
    const policyFile = existsSync(join(dir, `${name}.toml`)) ? join(dir, `${name}.toml`) : join(root, 'policies', 'default.toml');
    if (!policies.has(policyFile)) policies.set(policyFile, m.loadPolicy(readFileSync(policyFile, 'utf8')).policy);
    const until = existsSync(join(dir, `${name}.args`)) && readFileSync(join(dir, `${name}.args`), 'utf8').includes('ready') ? 'ready' : 'closed';
    const args = ['audit', policyFile, join(dir, file), '--as-of', '2026-11-22T05:00Z', '--until', until, '--json'];
    let fromCli;
    try {
      fromCli = execFileSync(cli, args, { encoding: 'utf8' });
    } catch (e) {
      fromCli = e.stdout; // exit 1 (problems) or 2 (unreadable: no JSON)
    }
    const answer = policies.get(policyFile).audit(readFileSync(join(dir, file), 'utf8'), { until, asOf });
    assert.equal(JSON.stringify(answer), JSON.stringify(JSON.parse(fromCli)), name);
  }
});
