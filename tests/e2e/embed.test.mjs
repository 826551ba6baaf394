// Embedding: the example portal with two <hotgate-wizard> elements under
// different policies and namespaces, a widget on the evaluation API, and
// every JS API function called the way a portal would, errors included.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, startBrowser, seriousViolations, screenshot } from './support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${server.url}embed.html`);
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForSelector('#wizard-a .hg-home');
  await page.waitForSelector('#wizard-b .hg-home');
});

// No page or console error during any test (support.mjs).
afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

test('mounted wizards leave focus and scroll where the portal has them', async () => {
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
});

test('the widget evaluates incidents through the API', async () => {
  assert.equal(await page.locator('#widget-verdict').getAttribute('data-verdict'), 'rejected');
  await page.getByLabel('Severity').selectOption('P1');
  assert.equal(await page.locator('#widget-verdict').getAttribute('data-verdict'), 'qualifies');
  await page.getByLabel('Severity').selectOption('P2');
  await page.getByLabel('Workaround available').check();
  assert.equal(await page.locator('#widget-verdict').getAttribute('data-verdict'), 'needs_review');
  assert.match(await page.locator('#widget-approvers').textContent(), /SRE AVP, Development lead, Operations lead/);
});

test('two wizards under different policies keep their drafts apart', async () => {
  const a = page.locator('#wizard-a');
  const b = page.locator('#wizard-b');
  assert.match(await a.locator('.hg-policy').textContent(), /Default hotfix policy/);
  assert.match(await b.locator('.hg-policy').textContent(), /Small-team hotfix policy/);
  await a.getByRole('button', { name: 'New hotfix' }).click();
  await a.getByLabel('Incident title *').fill('Payments timeout');
  await a.getByRole('button', { name: 'All drafts' }).click();
  assert.equal(await a.locator('.hg-draft', { hasText: 'Payments timeout' }).count(), 1);
  assert.equal(await b.locator('.hg-draft').count(), 0, 'the other wizard does not see it');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.some((k) => k.startsWith('portal-payments.draft.')), keys.join(', '));
  assert.ok(!keys.some((k) => k.startsWith('portal-mobile.draft.')), keys.join(', '));
  const duplicateIds = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicateIds, [], 'two wizards on one page never share element ids');
  assert.match(await page.locator('#event-log').textContent(), /wizard-a: hotgate-change — Payments timeout/);
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  await screenshot(page, 'embed-1280');
});

test('every API function answers as documented, errors included', async () => {
  const result = await page.evaluate(async () => {
    const m = await import('/pkg/hotgate.js');
    const text = await (await fetch('/pkg/policies/default.toml')).text();
    const out = {};
    out.version = m.version();
    const bad = m.checkPolicy('[policy]\nid = "x"\nname = "X"\nversion = "1"\n\n[qualification]\ndefault = "maybe"\n');
    out.bad = { status: bad.status, verdict: bad.diagnostics.find((d) => d.kind === 'invalid-value') };
    const good = m.checkPolicy(text);
    out.good = { status: good.status, id: good.policy.id, inputs: good.policy.inputs.length };
    const loaded = m.loadPolicy(text);
    const policy = loaded.policy;
    out.loadedIsClass = policy instanceof m.HotgatePolicy;
    out.exploited = policy.inputs().find((i) => i.id === 'actively_exploited').ask_when;
    const ok = policy.evaluate({ title: 'x', severity: 'P1' });
    out.ok = { status: ok.status, verdict: ok.decision.verdict, plain: Object.getPrototypeOf(ok.decision.why.inputs) === Object.prototype };
    out.nullIncident = policy.evaluate(null);
    out.badIncident = policy.evaluate({ severity: 'P9', colour: 'red', affected_users: '12' }).errors.map((e) => [e.field, e.kind]);
    out.assess = policy.assess({ severity: 'P2' }).errors.map((e) => e.field);
    out.brokenLoad = m.loadPolicy('not toml ==').status;

    const el = document.createElement('div');
    document.body.append(el);
    out.noPolicy = m.mount(el, { namespace: 'api-test' });
    out.noPolicyRendered = el.childElementCount;
    const first = m.mount(el, { policy: text, namespace: 'api-test' });
    out.mounted = first.status;
    out.twice = m.mount(el, { policy: text, namespace: 'api-test' });
    out.unmounted = m.unmount(first.handle);
    out.emptied = el.childElementCount;
    out.unmountedAgain = m.unmount(first.handle);
    out.remount = m.mount(el, { policy: text }).status;
    const brokenMount = m.mount(document.createElement('div'), { policy: '[policy]\nid = 1\n' });
    const wrongType = brokenMount.diagnostics.find((d) => d.kind === 'wrong-type');
    out.brokenMount = { status: brokenMount.status, error: brokenMount.error, line: wrongType.line, message: wrongType.message };
    el.remove();
    return out;
  });
  const pkg = JSON.parse(readFileSync(join(root, 'www', 'pkg', 'package.json'), 'utf8'));
  assert.equal(result.version, pkg.version);
  assert.equal(result.bad.status, 'failure');
  assert.deepEqual(
    { line: result.bad.verdict.line, column: result.bad.verdict.column, message: result.bad.verdict.message },
    { line: 7, column: 11, message: '`maybe` is not a valid `default`' },
  );
  assert.deepEqual(result.good, { status: 'success', id: 'default', inputs: 12 });
  assert.equal(result.loadedIsClass, true);
  assert.equal(result.exploited, 'security_vulnerability');
  assert.deepEqual(result.ok, { status: 'success', verdict: 'qualifies', plain: true });
  assert.equal(result.nullIncident.status, 'failure');
  assert.equal(result.nullIncident.errors[0].kind, 'not_an_object');
  assert.deepEqual(result.badIncident, [
    ['severity', 'unknown_option'],
    ['colour', 'unknown_field'],
    ['affected_users', 'wrong_type'],
    ['title', 'missing'],
  ]);
  assert.deepEqual(result.assess, ['title']);
  assert.equal(result.brokenLoad, 'failure');
  assert.equal(result.noPolicy.status, 'failure');
  assert.match(result.noPolicy.error, /^no policy was given: pass the policy's TOML text as `policy`/);
  assert.deepEqual(result.noPolicy.diagnostics, []);
  assert.equal(result.noPolicyRendered, 0);
  assert.equal(result.mounted, 'success');
  assert.equal(result.twice.status, 'failure');
  assert.match(result.twice.error, /already holds a Hotgate wizard/);
  assert.equal(result.unmounted, true);
  assert.equal(result.emptied, 0);
  assert.equal(result.unmountedAgain, false);
  assert.equal(result.remount, 'success');
  assert.deepEqual(result.brokenMount, { status: 'failure', error: 'the policy has errors', line: 2, message: '`id` must be a string, found an integer' });
});

test('a mounted wizard reports changes and readiness to its portal', async () => {
  const minimal = [
    '[policy]', 'id = "mini"', 'name = "Minimal"', 'version = "1"',
    '[[inputs]]', 'id = "title"', 'label = "Title"', 'type = "text"', 'required = true',
    '[qualification]', 'default = "qualifies"', 'default_reason = "Always."',
    '[[qualification.rules]]', 'id = "all"', 'when = "true"', 'verdict = "qualifies"', 'reason = "Always."',
  ].join('\n');
  await page.evaluate(async (policy) => {
    const m = await import('/pkg/hotgate.js');
    window.events = [];
    const el = document.createElement('div');
    el.id = 'callback-host';
    document.body.append(el);
    m.mount(el, {
      policy,
      namespace: 'callbacks',
      onChange: (e) => window.events.push(['change', e.readyToDeploy, e.verdict, e.blockers]),
      onReadyToDeploy: (e) => window.events.push(['ready', e.readyToDeploy, e.title]),
    });
  }, minimal);
  const host = page.locator('#callback-host');
  await host.getByRole('button', { name: 'New hotfix' }).click();
  await host.getByLabel('Title *').fill('Tiny');
  await host.getByRole('button', { name: 'Fix & risk', exact: false }).first().click();
  await host.getByLabel('Who wrote the fix? *').fill('Ann');
  const events = await page.evaluate(() => window.events);
  const ready = events.filter((e) => e[0] === 'ready');
  assert.deepEqual(ready, [['ready', true, 'Tiny']], JSON.stringify(events));
  // Before the author was recorded: not ready, one blocker.
  assert.ok(events.some((e) => e[0] === 'change' && e[1] === false && e[2] === 'qualifies' && e[3] === 1), JSON.stringify(events));
  assert.deepEqual(events.at(-1).slice(0, 2), ['ready', true]);
});

test('the custom element reports a policy it cannot load, and unmounts when removed', async () => {
  // The missing policy file is the point of this test.
  browser.expect(/^console error: Failed to load resource: the server responded with a status of 404/);
  await page.evaluate(() => {
    const el = document.createElement('hotgate-wizard');
    el.id = 'broken-wizard';
    el.setAttribute('src', 'pkg/policies/does-not-exist.toml');
    document.body.append(el);
  });
  const alert = page.locator('#broken-wizard [role=alert]');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Hotgate could not start: cannot load the policy pkg\/policies\/does-not-exist\.toml: HTTP 404/);

  const handleBefore = await page.evaluate(() => document.getElementById('wizard-b').handle);
  assert.equal(typeof handleBefore, 'number');
  const state = await page.evaluate(async () => {
    const el = document.getElementById('wizard-b');
    el.remove();
    return { handle: el.handle, children: el.childElementCount };
  });
  assert.deepEqual(state, { handle: null, children: 0 });
});

test('no script errors on the portal page', () => {
  // The 404 above is the one expected network error.
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
});
