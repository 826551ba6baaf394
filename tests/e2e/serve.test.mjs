// scripts/serve.sh on a port that is taken stops before building, with a
// message that says so (a build would replace www/pkg under the server
// that holds the port).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

test('serve.sh on a taken port stops at once and says why, leaving the bundle alone', async () => {
  const server = createServer((_, res) => res.end('busy'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const wasm = join(root, 'www', 'pkg', 'hotgate_bg.wasm');
  const before = statSync(wasm).mtimeMs;
  try {
    const run = spawnSync(join(root, 'scripts', 'serve.sh'), [String(port)], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    assert.doesNotMatch(run.stdout, /Hotgate is served at/);
    assert.equal(statSync(wasm).mtimeMs, before, 'the bundle was rebuilt');
  } finally {
    server.close();
  }
  const bad = spawnSync(join(root, 'scripts', 'serve.sh'), ['eighty'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /`eighty` is not a port number/);
});
