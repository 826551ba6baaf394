// Reliability and security in a real browser: storage that is full,
// disabled or written by a newer version; one draft in two tabs; an
// internal error; hostile incidents, policies and text; CSP and network.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, startBrowser, seriousViolations, screenshot } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
let browser;
const violations = [];
const foreignRequests = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  // Every page records CSP violations; the CSP itself still applies.
  await browser.context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  browser.context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
  });
});

// No page or console error during any test (support.mjs).
afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

async function open(path = '', init) {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  if (init) await page.addInitScript(init);
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  await page.goto(server.url + path);
  await page.waitForSelector('body[data-ready=true]');
  return page;
}

async function close(page) {
  violations.push(...(await page.evaluate(() => window.__csp)));
  await page.close();
}

test('storage full: a clear message, the draft kept in memory and offered for export', async () => {
  const page = await open('', () => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full && key.includes('.draft.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await page.getByRole('button', { name: 'New hotfix' }).click();
  await page.evaluate(() => { window.__full = true; });
  await page.getByLabel('Incident title *').fill('Kept while storage is full');
  await page.waitForFunction(() => document.querySelector('.hg-notices')?.textContent.includes('storage is full'));
  assert.match(await page.locator('.hg-notices').textContent(), /browser storage is full .*the draft is kept in this tab — export it/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this draft' }).click()]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).answers.title, 'Kept while storage is full');
  // The page keeps working, and saves again once there is room.
  await page.getByLabel('Incident priority *').selectOption('P1');
  assert.equal(await page.locator('.hg-panel .hg-verdict').getAttribute('data-verdict'), 'qualifies');
  await page.evaluate(() => { window.__full = false; });
  await page.getByLabel('Incident title *').fill('Saved after all');
  await page.waitForFunction(() => !document.querySelector('.hg-notices')?.textContent.includes('storage is full'));
  const stored = await page.evaluate(() => Object.values(localStorage).join('\n'));
  assert.match(stored, /Saved after all/);
  await close(page);
});

test('storage disabled: the page works in memory with a notice and export', async () => {
  const page = await open('', () => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  assert.match(await page.locator('.hg-notices').textContent(), /browser storage is not available .*drafts live only in this tab until exported/);
  await page.getByRole('button', { name: 'New hotfix' }).click();
  await page.getByLabel('Incident title *').fill('Memory only');
  await page.getByRole('button', { name: 'All drafts' }).click();
  const row = page.locator('.hg-draft', { hasText: 'Memory only' });
  assert.equal(await row.count(), 1);
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).answers.title, 'Memory only');
  await close(page);
});

test('a draft written by a newer version is listed, explained, and never overwritten', async () => {
  const page = await open();
  const newer = JSON.stringify({ schema: 99, id: 'future', title_v99: 'From the future', answers: { title: 'x' } });
  await page.evaluate((text) => localStorage.setItem('hotgate.draft.future', text), newer);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  const entry = page.locator('.hg-unreadable', { hasText: 'hotgate.draft.future' });
  assert.match(await entry.textContent(), /saved by a newer version of Hotgate \(format 99; this version reads up to 2\); it is kept unchanged/);
  assert.equal(await page.evaluate(() => localStorage.getItem('hotgate.draft.future')), newer);
  await page.evaluate(() => localStorage.removeItem('hotgate.draft.future'));
  await close(page);
});

test('one draft in two tabs: the other tab follows, and a conflict is never overwritten silently', async () => {
  const a = await open();
  await a.getByRole('button', { name: 'New hotfix' }).click();
  await a.getByLabel('Incident title *').fill('Shared draft');
  await a.waitForTimeout(600);
  const id = await a.evaluate(() => Object.keys(localStorage).find((k) => localStorage.getItem(k).includes('Shared draft')));
  const b = await open();
  await b.locator('.hg-draft', { hasText: 'Shared draft' }).getByRole('link', { name: 'Resume' }).click();

  // B changes it; A has nothing pending, so A follows.
  await b.getByLabel('Incident title *').fill('Shared draft, edited in B');
  await a.waitForFunction(() => document.querySelector('.hg-notices')?.textContent.includes('changed in another tab'));
  assert.equal(await a.getByLabel('Incident title *').inputValue(), 'Shared draft, edited in B');

  // Both change it before either saves: the later one does not overwrite.
  await a.getByLabel('Incident title *').fill('Edited in A');
  await b.getByLabel('Incident title *').fill('Edited in B');
  await a.waitForTimeout(1000);
  const stored = JSON.parse(await a.evaluate((key) => localStorage.getItem(key), id)).answers.title;
  const conflicted = [];
  for (const [name, page] of [['A', a], ['B', b]]) {
    if ((await page.locator('.hg-notices').textContent()).includes('changed in another tab while you were editing')) conflicted.push(name);
  }
  assert.equal(conflicted.length, 1, `exactly one tab is told of the conflict: ${conflicted}`);
  const loser = conflicted[0] === 'A' ? a : b;
  assert.deepEqual(await seriousViolations(loser), [], 'the conflict view passes axe at every level');
  await screenshot(loser, 'conflict-1280');
  const mine = conflicted[0] === 'A' ? 'Edited in A' : 'Edited in B';
  assert.notEqual(stored, mine, 'the stored version is the one saved first');
  await loser.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await loser.waitForTimeout(100);
  const titles = await loser.evaluate(() => Object.values(localStorage).map((v) => { try { return JSON.parse(v).answers?.title; } catch { return null; } }));
  assert.ok(titles.includes(stored), 'the other tab\'s version is unchanged');
  assert.ok(titles.includes(`${mine} (copy from a second tab)`), `both versions are kept: ${titles}`);
  await close(a);
  await close(b);
});

test('an internal error shows a recovery view and keeps the drafts, latest changes included', async () => {
  // The injected panic reports itself on the console.
  browser.expect(/^console error: hotgate: internal error: panicked at /);
  const page = await open();
  await page.getByRole('button', { name: 'New hotfix' }).click();
  await page.getByLabel('Incident title *').fill('Typed just before the crash');
  await page.evaluate(async () => {
    const m = await import('/pkg/page.js');
    try { m._panicForRecoveryTest(); } catch { /* the module stops here */ }
  });
  const alert = page.locator('[role=alert]', { hasText: 'Hotgate stopped working' });
  await alert.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('link', { name: 'Download your drafts' }).click()]);
  const recovered = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.ok(recovered.drafts.some((d) => d.answers.title === 'Typed just before the crash'), JSON.stringify(recovered).slice(0, 300));
  await close(page);
});

const XSS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload="window.__xss=1">',
  "javascript:window.__xss=1",
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '{{title}}<b>bold</b>',
];

test('script payloads in every text field, in imported drafts and in policy text render inert', async () => {
  const page = await open();
  const payload = XSS.join(' ');
  // Typed into every text field of the wizard.
  await page.getByRole('button', { name: 'New hotfix' }).click();
  await page.getByLabel('Incident title *').fill(payload);
  await page.getByLabel('Incident priority *').selectOption('P1');
  await page.locator('.hg-steps').getByRole('button', { name: /^Fix & risk/ }).click();
  for (const field of await page.locator('.hg-step input[type=text], .hg-step textarea').all()) await field.fill(payload);
  await page.locator('.hg-steps').getByRole('button', { name: /^Approvals/ }).click();
  const card = page.locator('.hg-card[data-role=sre-avp]');
  await card.getByLabel(/Approver's name/).fill(payload.slice(0, 100));
  await card.getByLabel('Comment').fill(payload);
  await card.getByRole('button', { name: 'Record approval' }).click();
  await page.locator('.hg-steps').getByRole('button', { name: /^Testing/ }).click();
  await page.locator('.hg-card[data-test=critical-tests]').getByLabel('Evidence (link or note)').fill(payload);
  await page.locator('.hg-card[data-test=critical-tests]').getByRole('button', { name: 'Passed', exact: true }).click();
  for (const step of ['Communication', 'Deploy & verify', 'Record']) {
    await page.locator('.hg-steps').getByRole('button', { name: new RegExp(`^${step}`) }).click();
  }
  assert.match(await page.locator('.hg-record').textContent(), /<script>window.__xss=1<\/script>/);
  await page.getByRole('button', { name: 'All drafts' }).click();

  // An imported draft full of payloads.
  const draft = {
    schema: 1, id: 'xss', created_at: 0, updated_at: 0,
    policy: { id: 'default', version: '1.0.0', hash: 'x' }, step: 'approvals',
    answers: { title: payload, severity: 'P1' }, author: payload,
    approvals: [{ role: 'sre-avp', name: payload, at: 0, comment: payload }],
    tests: { 'critical-tests': { status: 'waived', evidence: payload, waiver: { reason: payload, by: payload, role: payload }, at: 0 } },
  };
  await page.locator('input[type=file]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) });
  await page.locator('.hg-draft[data-draft=xss]').waitFor();
  await page.locator('.hg-draft[data-draft=xss]').getByRole('link', { name: 'Resume' }).click();
  for (const step of ['Approvals', 'Testing', 'Record']) {
    await page.locator('.hg-steps').getByRole('button', { name: new RegExp(`^${step}`) }).click();
  }

  // A policy whose labels, help, options and templates carry payloads.
  await page.evaluate(async (p) => {
    const m = await import('/pkg/page.js');
    const esc = (s) => s.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
    const policy = [
      '[policy]', 'id = "xss"', `name = "${esc(p)}"`, 'version = "1"',
      '[[inputs]]', 'id = "title"', `label = "${esc(p)}"`, `help = "${esc(p)}"`, 'type = "text"',
      '[[inputs]]', 'id = "pick"', 'label = "Pick"', 'type = "choice"', `options = [{ value = "a", label = "${esc(p)}" }]`,
      '[qualification]', 'default = "qualifies"', `default_reason = "${esc(p)}"`,
      '[[qualification.rules]]', 'id = "r"', 'when = "true"', 'verdict = "qualifies"', `reason = "${esc(p)}"`,
      '[[communications]]', 'id = "c"', `label = "${esc(p)}"`, `audience = "${esc(p)}"`, 'channel = "x"', 'phase = "during"', `template = "${esc(p)} {{title}}"`,
    ].join('\n');
    const el = document.createElement('div');
    el.id = 'xss-host';
    document.body.append(el);
    const mounted = m.mount(el, { policy, namespace: 'xss' });
    if (mounted.status !== 'success') throw new Error(JSON.stringify(mounted));
  }, payload);
  const host = page.locator('#xss-host');
  await host.getByRole('button', { name: 'New hotfix' }).click();
  await host.locator('[data-field="answer:title"]').fill(payload);
  await host.locator('.hg-steps').getByRole('button', { name: /^Communication/ }).click();
  assert.match(await host.locator('.hg-message').textContent(), /<img src=x onerror=/);

  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
  const injected = await page.evaluate(() => document.querySelectorAll('.hg img, .hg script, .hg svg, .hg iframe, .hg b').length);
  assert.equal(injected, 0, 'no element was injected');
  await close(page);
});

test('hostile incidents through the JS API: errors, never a crash or prototype pollution', async () => {
  const page = await open();
  const result = await page.evaluate(async () => {
    const m = await import('/pkg/page.js');
    const policy = m.loadPolicy(await (await fetch('/pkg/policies/default.toml')).text()).policy;
    const kinds = (incident) => {
      const answer = policy.evaluate(incident);
      return answer.status === 'failure' ? answer.errors.map((e) => `${e.field}:${e.kind}`) : ['ok'];
    };
    const out = {
      null: kinds(null),
      undefined: kinds(undefined),
      array: kinds([1, 2]),
      number: kinds(42),
      string: kinds('P1'),
      numbersAsStrings: kinds({ title: 'x', severity: 'P1', affected_users: '12', change_size_lines: '1e3' }),
      hugeString: kinds({ title: 'x'.repeat(5_000_000), severity: 'P1' }),
      nested: kinds({ title: { a: 1 }, severity: ['P1'] }),
      floats: kinds({ title: 'x', severity: 'P1', affected_users: 1.5, change_size_lines: Infinity }),
      proto: kinds(JSON.parse('{"__proto__": {"polluted": true}, "title": "x", "severity": "P1"}')),
      constructor: kinds({ constructor: { prototype: { polluted: true } }, title: 'x', severity: 'P1' }),
      manyKeys: kinds(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))).length,
    };
    out.polluted = ({}).polluted !== undefined || Object.prototype.polluted !== undefined;
    out.stillWorks = policy.evaluate({ title: 'x', severity: 'P2' }).decision.verdict;
    return out;
  });
  for (const key of ['null', 'undefined', 'array', 'number', 'string']) assert.deepEqual(result[key], [':not_an_object'], key);
  assert.deepEqual(result.numbersAsStrings, ['affected_users:wrong_type', 'change_size_lines:wrong_type']);
  assert.deepEqual(result.hugeString, ['title:too_long']);
  assert.deepEqual(result.nested, ['title:wrong_type', 'severity:wrong_type']);
  assert.deepEqual(result.floats, ['affected_users:wrong_type', 'change_size_lines:wrong_type']);
  assert.deepEqual(result.proto, ['__proto__:unknown_field']);
  assert.deepEqual(result.constructor, ['constructor:unknown_field']);
  assert.ok(result.manyKeys > 1000);
  assert.equal(result.polluted, false);
  assert.equal(result.stillWorks, 'qualifies');
  await close(page);
});

test('the hostile policy corpus through the JS API: located diagnostics, no crash', async () => {
  const dir = join(root, 'tests', 'data', 'hostile');
  const corpus = readdirSync(dir).filter((f) => f.endsWith('.toml')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
  assert.ok(corpus.length >= 100);
  const page = await open();
  const results = await page.evaluate(async (files) => {
    const m = await import('/pkg/page.js');
    return files.map(([name, text]) => {
      const started = performance.now();
      const answer = m.checkPolicy(text);
      const ms = performance.now() - started;
      const located = answer.status === 'failure' && answer.diagnostics.length > 0
        && answer.diagnostics.every((d) => d.line >= 1 && d.column >= 1 && d.message.length > 0);
      return { name, status: answer.status, located, ms };
    });
  }, corpus);
  for (const r of results) {
    if (r.name.startsWith('ok-')) assert.equal(r.status, 'success', r.name);
    else assert.ok(r.located, `${r.name}: ${JSON.stringify(r)}`);
  }
  const slowest = results.reduce((a, b) => (a.ms > b.ms ? a : b));
  console.log(`slowest hostile policy in Chromium: ${slowest.name} in ${slowest.ms.toFixed(1)} ms`);
  assert.ok(slowest.ms < 2000, 'a guard against hangs');
  assert.equal(await page.evaluate(async () => (await import('/pkg/page.js')).checkPolicy('[policy]').status), 'failure', 'the module is still alive');
  await close(page);
});

test('the CSP blocks inline script, and the recorder sees it', async () => {
  // The blocked inline script is the point of this test.
  browser.expect(/^console error: Executing inline script violates the following Content Security Policy/);
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.match((await page.evaluate(() => window.__csp))[0], /^script-src/);
  await page.close();
});

test('no CSP violation and no request beyond the page\'s own files, on every page above', () => {
  assert.deepEqual(violations, []);
  assert.deepEqual(foreignRequests, []);
});
