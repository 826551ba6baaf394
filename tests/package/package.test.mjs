// The installable package: what `npm pack` ships, installing it from the
// folder, and a TypeScript portal that type-checks against the emitted
// declarations and runs in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'www', 'pkg');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** A portal project in `work`: the consumer, and the package installed from its folder. */
function portal(work) {
  cpSync(join(root, 'tests', 'package', 'consumer'), work, { recursive: true });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', pkg], work);
  // Node's types for the consumer, from this repository's dev tools.
  for (const dep of ['@types', 'undici-types']) {
    cpSync(join(root, 'node_modules', dep), join(work, 'node_modules', dep), { recursive: true });
  }
}

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the package ships the module, its types, the element, the stylesheet and the schemas', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "(.+)"$/m)[1];
  assert.equal(manifest.name, 'hotgate');
  assert.equal(manifest.version, cargo);
  assert.equal(manifest.types, './hotgate.d.ts');
  // The versions the API is run on (stress.test.mjs runs this machine's).
  assert.deepEqual(manifest.engines, { node: '>=20' });
  const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], pkg));
  const files = packed.files.map((f) => f.path).sort();
  for (const expected of [
    'hotgate.js', 'hotgate.d.ts', 'hotgate_bg.wasm', 'hotgate-wizard.js', 'hotgate-wizard.d.ts', 'hotgate.css',
    'schemas/policy.schema.json', 'schemas/decision.schema.json', 'policies/default.toml', 'package.json',
  ]) {
    assert.ok(files.includes(expected), `${expected} is not in the package: ${files.join(', ')}`);
  }
  for (const snippet of ['build.js', 'browser.js']) {
    assert.ok(files.some((f) => f.startsWith('snippets/') && f.endsWith(`src/web/${snippet}`)), `the ${snippet} snippet is not in the package`);
  }
});

test('a TypeScript portal installs the package from its folder, type-checks and runs', () => {
  const work = mkdtempSync(join(tmpdir(), 'hotgate-portal-'));
  try {
    portal(work);
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], work);
    const output = JSON.parse(run(process.execPath, [join('out', 'consumer.js')], work));
    assert.equal(output.version, JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version);
    assert.equal(output.verdict, 'qualifies');
    assert.deepEqual(output.approvers, ['sre-avp', 'dev-lead', 'ops-lead', 'product-owner']);
    assert.equal(output.asked, 11, 'every question but the one asked only about vulnerabilities');
    assert.ok(output.diagnostics >= 2);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a type error in a portal is caught by the declarations', () => {
  const work = mkdtempSync(join(tmpdir(), 'hotgate-portal-'));
  try {
    portal(work);
    const source = readFileSync(join(work, 'consumer.ts'), 'utf8');
    // A verdict that does not exist must not type-check.
    writeFileSync(join(work, 'consumer.ts'), `${source}\nconst wrong: Decision['verdict'] = 'approved';\n`);
    assert.throws(
      () => run(process.execPath, [tsc, '-p', 'tsconfig.json', '--noEmit'], work),
      (error) => {
        const out = String(error.stdout);
        // Exactly the one planted error, so the check cannot pass for another reason.
        return /Type '"approved"' is not assignable/.test(out) && out.trim().split('\n').length === 1;
      },
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
