// A person opens the page, enters an incident, and reads the engine's verdict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser } from './support.mjs';

let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
});

after(async () => {
  await browser?.close();
  server?.stop();
});

const verdict = () => page.locator('#verdict').getAttribute('data-verdict');

test('the page names the policy in force', async () => {
  const text = await page.locator('#policy-name').textContent();
  assert.match(text, /Default hotfix policy \(default 1\.0\.0\)/);
});

test('an incident without its required answers is incomplete, with every error listed', async () => {
  assert.equal(await verdict(), 'incomplete');
  const errors = await page.locator('#errors li').allTextContents();
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors.join('\n'), /`title` is required/);
  assert.match(errors.join('\n'), /`severity` is required/);
});

test('a P3 incident without a vulnerability is rejected', async () => {
  await page.getByLabel('Incident title').fill('Report export is slow');
  await page.getByLabel('Incident priority').selectOption('P3');
  assert.equal(await verdict(), 'rejected');
  assert.match(await page.locator('#reason').textContent(), /regular release cycle/);
  assert.equal(await page.locator('#requirements [data-id=not-qualified]').count(), 1);
});

test('a P3 incident that closes a vulnerability qualifies, and asks for a security scan', async () => {
  const exploited = page.getByLabel('Is the vulnerability being exploited now?');
  assert.equal(await exploited.isVisible(), false, 'asked only about a vulnerability');
  await page.getByLabel('Does the fix close a security vulnerability?').check();
  assert.equal(await exploited.isVisible(), true);
  assert.equal(await verdict(), 'qualifies');
  assert.match(await page.locator('#reason').textContent(), /closes a security vulnerability/);
  assert.equal(await page.locator('#requirements [data-id=security-scan]').count(), 1);
  assert.equal(await page.locator('#requirements [data-id=security-lead]').count(), 1);
});

test('a P2 incident with a workaround needs review', async () => {
  await page.getByLabel('Does the fix close a security vulnerability?').uncheck();
  await page.getByLabel('Incident priority').selectOption('P2');
  await page.getByLabel('Is there a workaround that holds until the next regular release?').check();
  assert.equal(await verdict(), 'needs_review');
  assert.equal(await page.locator('#requirements [data-id=qualification-review]').count(), 1);
});

test('no script errors on the page', () => {
  assert.deepEqual(pageErrors, []);
});
