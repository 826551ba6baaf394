// Drafts across reloads, closes and policy changes, in a real browser.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser, seriousViolations } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
});

// No page or console error during any test (support.mjs).
afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

async function open() {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
  return page;
}

test('typing and closing the tab at once loses nothing', async () => {
  const page = await open();
  await page.getByRole('button', { name: 'New hotfix' }).click();
  await page.getByLabel('Incident title *').fill('Closed in a hurry');
  // The autosave is still waiting for its delay: the title is not stored yet...
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join('\n'));
  assert.ok(!stored.includes('Closed in a hurry'), 'saved before the close; this test would prove nothing');
  // ...and closing the tab flushes it.
  await page.close({ runBeforeUnload: true });
  const again = await open();
  assert.equal(await again.locator('.hg-draft', { hasText: 'Closed in a hurry' }).count(), 1);
  await again.close();
});

test('a draft made under another policy version is re-evaluated and the change is explained', async () => {
  const page = await open();
  await page.evaluate(() => {
    const draft = {
      schema: 1,
      id: 'old1',
      created_at: Date.now() - 3_600_000,
      updated_at: Date.now() - 3_600_000,
      policy: { id: 'default', version: '0.9.0', hash: 'deadbeefdeadbeef' },
      step: 'incident',
      answers: { title: 'Made under 0.9', severity: 'P1', security_vulnerability: true },
      last_decision: { verdict: 'needs_review', approvers: ['sre-avp'], tests: [], communications: [], blockers: [] },
    };
    localStorage.setItem('hotgate.draft.old1', JSON.stringify(draft));
  });
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  const row = page.locator('.hg-draft', { hasText: 'Made under 0.9' });
  assert.match(await row.textContent(), /Made under policy default 0\.9\.0/);
  await row.getByRole('link', { name: 'Resume' }).click();
  const notice = await page.locator('.hg-notices').textContent();
  assert.match(notice, /made under policy default 0\.9\.0; it is now evaluated under default 1\.0\.0/);
  assert.match(notice, /the verdict changed from Needs review to Qualifies for a hotfix/);
  assert.match(notice, /approvers now include Development lead, Operations lead, Security lead/);
  // Stored by the release before: brought up to date, with what needs a person.
  assert.match(notice, /saved by an earlier version of Hotgate and has been brought up to date/);
  assert.match(notice, /yes\/no questions are now answered explicitly; those left unticked before now show as not answered \(counted as no until answered\): .*Are customers or end users affected\?/);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('hotgate.draft.old1')));
  assert.equal(stored.policy.version, '1.0.0', 'restamped with the policy in force');
  await page.close();
});

test('a corrupted entry is set aside with its text, the others still listed, other keys untouched', async () => {
  const page = await open();
  await page.evaluate(() => {
    localStorage.setItem('hotgate.draft.broken', '{"schema": 1, "id": "broken", "answ');
    localStorage.setItem('someone-elses-key', 'not ours');
  });
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  const unreadable = page.locator('.hg-unreadable');
  assert.equal(await unreadable.count(), 1);
  assert.match(await unreadable.textContent(), /hotgate\.draft\.broken/);
  assert.match(await unreadable.textContent(), /this is not a Hotgate draft/);
  assert.deepEqual(await seriousViolations(page), [], 'the unreadable-entry view passes axe at every level');
  const [download] = await Promise.all([page.waitForEvent('download'), unreadable.getByRole('button', { name: 'Export raw text' }).click()]);
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(await download.path(), 'utf8'), '{"schema": 1, "id": "broken", "answ');
  assert.ok((await page.locator('.hg-draft:not(.hg-unreadable)').count()) >= 1, 'the readable drafts are still listed');
  assert.equal(await page.evaluate(() => localStorage.getItem('someone-elses-key')), 'not ours');
  await page.close();
});

test('Import a draft… opens the file chooser without a page or console error', async () => {
  // A page or console error fails it (afterEach, support.mjs).
  const page = await open();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import a draft…' }).click();
  const file = await chooser;
  await file.setFiles({ name: 'not-a-draft.json', mimeType: 'application/json', buffer: Buffer.from('{}') });
  await page.getByText('was not imported').waitFor();
  await page.close();
});
