// A person runs a P1 security hotfix through the wizard, like in an incident:
// answers, watches the decision, is refused a self-approval, records
// approvals, completes and waives tests, sends communications, reaches
// "ready to deploy", exports the record, reloads half-way, imports and
// deletes drafts. Every view is checked with axe-core and photographed at
// 1280 px and 390 px.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startBrowser, seriousViolations, screenshot, screenshotDir, pdfText } from './support.mjs';

let server;
let browser;
let page;
const problems = [];
const requests = [];

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  // A clock the test can move: the monitoring window after deployment
  // passes in a step instead of an hour.
  await page.clock.install();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
});

// No page or console error during any test (support.mjs).
afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

// Answers a yes/no question: its Yes or No choice.
const yesNo = (question, yes) => page.getByRole('group', { name: question }).getByLabel(yes ? 'Yes' : 'No').check();
const verdict = () => page.locator('.hg-panel .hg-verdict').getAttribute('data-verdict');
const panelIds = (group) =>
  page.locator('.hg-panel .hg-group').filter({ hasText: group }).locator('li[data-id]').evaluateAll((els) => els.map((e) => e.dataset.id));
const step = (name) => page.locator('.hg-steps').getByRole('button', { name: new RegExp(`^${name} \\((not )?complete\\)$`) });

async function checkView(name) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 2)}`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone nothing is wider than the screen.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390, `${name}: wider than 390 px`);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('home names the policy in force and offers a new hotfix', async () => {
  assert.match(await page.locator('.hg-policy').textContent(), /Default hotfix policy \(default 1\.0\.0\)/);
  assert.match(await page.locator('.hg-home').textContent(), /No drafts yet/);
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'mounting does not take focus');
  await checkView('home-empty');
});

test('the incident step: the decision updates as the person types', async () => {
  await page.getByRole('button', { name: 'New hotfix' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 1 of 8: Incident');
  assert.equal(await verdict(), 'incomplete');
  // A new draft starts calm: work to do, nothing in red.
  const red = await page.evaluate(() => [...document.querySelectorAll('.hg *')].filter((e) => e.checkVisibility()
    && e.childElementCount === 0 && e.textContent.trim() && getComputedStyle(e).color === 'rgb(196, 38, 46)').map((e) => e.textContent));
  assert.deepEqual(red, []);
  assert.match(await page.locator('.hg-panel .hg-todo').textContent(), /Not answered: Incident title \(required\)/);
  await page.getByLabel('Incident title *').fill('RCE in upload service');
  await page.getByLabel('Incident priority *').selectOption('P3');
  assert.equal(await verdict(), 'rejected');
  await page.getByLabel('Incident priority *').selectOption('P2');
  await yesNo('Is there a workaround that holds until the next regular release?', true);
  assert.equal(await verdict(), 'needs_review');
  await yesNo('Is there a workaround that holds until the next regular release?', false);
  await page.getByLabel('Incident priority *').selectOption('P1');
  assert.equal(await verdict(), 'qualifies');

  const exploited = page.getByRole('group', { name: 'Is the vulnerability being exploited now?' });
  assert.equal(await exploited.isVisible(), false, 'asked only about a vulnerability');
  // Not answered is not "no": neither choice is made, and the *why* says so.
  const security = page.getByRole('group', { name: 'Does the fix close a security vulnerability?' });
  assert.equal(await security.getByLabel('Yes').isChecked(), false);
  assert.equal(await security.getByLabel('No').isChecked(), false);
  assert.match(await page.locator('.hg-panel li[data-id=rollback-plan-missing]').textContent(),
    /“Is there a tested way to roll the fix back\?”: not answered \(counted as no\)/);
  await yesNo('Does the fix close a security vulnerability?', true);
  assert.equal(await exploited.isVisible(), true);
  assert.ok((await panelIds('Approvers')).includes('security-lead'));
  assert.ok((await panelIds('Minimum testing')).includes('staging-verification'));
  await yesNo('Is the vulnerability being exploited now?', true);
  assert.ok(!(await panelIds('Minimum testing')).includes('staging-verification'), 'an exploited P1 skips staging');
  await yesNo('Are customers or end users affected?', true);
  await yesNo('Is there a tested way to roll the fix back?', true);
  await yesNo('Is data lost, corrupted or at risk?', false);
  await yesNo('Does it touch payments, personal data or another regulated system?', false);
  await yesNo('Do automated tests cover the affected code?', false);
  await page.getByLabel('About how many users are affected?').fill('250000');
  await page.getByLabel('Estimated size of the fix, in changed lines').fill('-5');
  assert.match(await page.locator('.hg-q', { hasText: 'Estimated size' }).textContent(), /must be at least 0, found -5/);
  // An invalid optional answer keeps its message; the verdict stands without it, and says so.
  assert.equal(await verdict(), 'qualifies');
  assert.match(await page.locator('.hg-panel').textContent(), /Decided without the invalid answer to: Estimated size of the fix, in changed lines\./);
  await page.getByLabel('Estimated size of the fix, in changed lines').fill('40');
  assert.equal(await page.locator('.hg-q .hg-error:not(:empty)').count(), 0);

  // The incident's start, in local time; moved ten minutes earlier, it is
  // stored as that instant.
  const start = page.getByLabel('When did the incident start?');
  const shown = await start.inputValue();
  assert.match(shown, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'one text field, year-month-day hours:minutes');
  const earlier = await page.evaluate((value) => {
    const d = new Date(new Date(value.replace(' ', 'T')).getTime() - 10 * 60_000);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
  }, shown);
  await start.fill(earlier);
  await page.waitForFunction((value) => Object.keys(localStorage).some((key) => key.startsWith('hotgate.draft.')
    && JSON.parse(localStorage.getItem(key)).incident_start === new Date(value.replace(' ', 'T')).getTime()), earlier);
  await checkView('step-1-incident');
});

test('a reload half-way loses nothing and resumes where it was', async () => {
  await page.waitForTimeout(600); // the autosave delay; the flush-on-close test is separate
  // Every draft and step has a URL.
  const url = page.url();
  assert.match(url, /#\/draft\/[a-z0-9]+\/incident$/);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(page.url(), url);
  assert.equal(await page.locator('h1').textContent(), 'Step 1 of 8: Incident');
  assert.equal(await page.getByLabel('Incident title *').inputValue(), 'RCE in upload service');
  assert.equal(await page.getByRole('group', { name: 'Is the vulnerability being exploited now?' }).getByLabel('Yes').isChecked(), true);
  assert.equal(await page.getByRole('group', { name: 'Is data lost, corrupted or at risk?' }).getByLabel('No').isChecked(), true);
  assert.equal(await page.getByLabel('Estimated size of the fix, in changed lines').inputValue(), '40');
  // The home view lists it; back and forward move between the views.
  await page.getByRole('button', { name: 'All drafts' }).click();
  assert.match(page.url(), /#\/$/);
  const row = page.locator('.hg-draft', { hasText: 'RCE in upload service' });
  assert.match(await row.textContent(), /P1/);
  assert.match(await row.textContent(), /Qualifies for a hotfix/);
  await checkView('home-one-draft');
  await page.goBack();
  await page.locator('h1', { hasText: 'Step 1 of 8: Incident' }).waitFor();
  await step('Qualification').click();
  await page.goBack();
  await page.locator('h1', { hasText: 'Step 1 of 8: Incident' }).waitFor();
  await page.goForward();
  await page.locator('h1', { hasText: 'Step 2 of 8: Qualification' }).waitFor();
  await page.goBack();
  await page.locator('h1', { hasText: 'Step 1 of 8: Incident' }).waitFor();
  // The home list's Resume is a link to the draft: it opens in a new tab.
  await page.getByRole('button', { name: 'All drafts' }).click();
  const href = await row.getByRole('link', { name: 'Resume' }).getAttribute('href');
  const tab = await browser.context.newPage();
  await tab.goto(new URL(href, server.url).href);
  await tab.waitForSelector('body[data-ready=true]');
  assert.equal(await tab.getByLabel('Incident title *').inputValue(), 'RCE in upload service');
  await tab.close();
  await row.getByRole('link', { name: 'Resume' }).click();
  await page.locator('h1', { hasText: 'Step 1 of 8: Incident' }).waitFor();
});

test('qualification shows the verdict with its reason', async () => {
  await step('Qualification').click();
  assert.match(await page.locator('.hg-step').textContent(), /A security vulnerability is being actively exploited/);
  await checkView('step-2-qualification');
});

test('fix and risk records the author and the record fields', async () => {
  await page.getByRole('button', { name: 'Fix & risk →' }).click();
  await page.getByLabel('Who wrote the fix? *').fill('Bo Chen');
  await page.getByLabel('Problem statement *').fill('Remote code execution through crafted uploads.');
  await page.getByLabel('Change description *').fill('Reject archives with path traversal; <b>no</b> other change.');
  await page.getByLabel('Risk assessment *').fill('Low: one validation added.');
  await page.getByLabel('Rollback plan *').fill('Revert the deployment; tested in staging yesterday.');
  await checkView('step-3-fix-risk');
});

test('approvals refuse the author and record the others', async () => {
  await step('Approvals').click();
  // Check your answers: each answer in words, a link to change it.
  const answers = page.locator('.hg-check-answers');
  assert.equal(await answers.getAttribute('open'), '');
  assert.match(await answers.locator('dd[data-input=affected_users]').textContent(), /^250,000 /);
  assert.match(await answers.locator('dd[data-input=severity]').textContent(), /^P1 — critical /);
  await checkView('step-4-check-answers');
  // Change leads to the question, and the main action there leads back.
  await answers.getByRole('button', { name: 'Change: About how many users are affected?' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 1 of 8: Incident');
  assert.equal(await page.getByLabel('About how many users are affected?').evaluate((e) => e === document.activeElement), true);
  await page.getByLabel('About how many users are affected?').fill('250000');
  await checkView('step-1-incident-changing');
  await page.getByRole('button', { name: 'Back to Approvals' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 4 of 8: Approvals');
  // The way back is offered only on the way from a Change link.
  await step('Incident').click();
  assert.equal(await page.getByRole('button', { name: 'Back to Approvals' }).count(), 0);
  await step('Approvals').click();
  const sre = page.locator('.hg-card[data-role=sre-avp]');
  assert.match(await sre.textContent(), /Missing: 1 of 1/);
  await sre.getByLabel(/Approver's name/).fill('bo  chen');
  await sre.getByRole('button', { name: 'Record approval' }).click();
  assert.match(await sre.locator('[role=alert]').textContent(), /wrote the fix and cannot approve it/);
  // A refused form keeps what was typed.
  assert.equal(await sre.getByLabel(/Approver's name/).inputValue(), 'bo  chen');
  for (const [role, name] of [['sre-avp', 'Ana Ruiz'], ['dev-lead', 'Dev Patel'], ['ops-lead', 'Olu Ade'], ['product-owner', 'Pat Kim'], ['security-lead', 'Sam Lee']]) {
    const card = page.locator(`.hg-card[data-role=${role}]`);
    await card.getByLabel(/Approver's name/).fill(name);
    await card.getByLabel('Comment').fill('ok');
    await card.getByLabel(/Approver's name/).press('Enter');
    assert.equal(await card.getAttribute('data-missing'), '0', role);
    assert.match(await card.textContent(), new RegExp(name));
    // The panel is a checklist: who approved.
    assert.match(await page.locator(`.hg-panel li[data-id=${role}] .hg-state`).textContent(), new RegExp(`approved by ${name}`));
  }
  await checkView('step-4-approvals');
});

test('approvals given on other facts are stale until the same people confirm them again', async () => {
  // The fix grows from 40 to 600 lines: every approval was given on 40.
  await step('Incident').click();
  await page.getByLabel('Estimated size of the fix, in changed lines').fill('600');
  await step('Approvals').click();
  const stale = page.locator('.hg-approvals li[data-stale=true]');
  assert.equal(await stale.count(), 5);
  assert.match(await stale.first().textContent(), /Given on different facts[\s\S]*“Estimated size of the fix, in changed lines”: 40 → 600/);
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /Not ready to deploy/);
  assert.equal(await page.locator('.hg-card[data-role=sre-avp]').getAttribute('data-missing'), '1');
  await checkView('step-4-approvals-stale');
  for (const name of ['Ana Ruiz', 'Dev Patel', 'Olu Ade', 'Pat Kim', 'Sam Lee']) {
    await page.getByRole('button', { name: `Confirm again as ${name}` }).click();
  }
  assert.equal(await stale.count(), 0);
  assert.equal(await page.locator('.hg-card[data-role=sre-avp]').getAttribute('data-missing'), '0');
});

test('tests are completed or waived, and a failure blocks', async () => {
  await step('Testing').click();
  const critical = page.locator('.hg-card[data-test=critical-tests]');
  await critical.getByLabel('Evidence (link or note)').fill('https://ci.example/run/42');
  await critical.getByRole('button', { name: 'Failed', exact: true }).click();
  assert.equal(await critical.getAttribute('data-status'), 'failed');
  assert.match(await page.locator('.hg-panel').textContent(), /Not ready to deploy/);
  assert.equal(await page.locator('.hg-panel li[data-id=critical-tests] .hg-state').textContent(), '— failed');
  // The blocker is listed at the panel's top and links to where it is cleared.
  await page.locator('.hg-panel .hg-todo').getByRole('button', { name: 'Test failed: Critical test cases pass' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 5 of 8: Testing');
  await page.locator('.hg-card[data-test=critical-tests]').getByRole('button', { name: 'Passed', exact: true }).click();
  await page.locator('.hg-card[data-test=peer-review]').getByRole('button', { name: 'Passed', exact: true }).click();
  // Over 100 lines now: a second reviewer.
  await page.locator('.hg-card[data-test=second-reviewer]').getByRole('button', { name: 'Passed', exact: true }).click();
  const scan = page.locator('.hg-card[data-test=security-scan]');
  await scan.getByText('Waive (by the Security lead)').click();
  await scan.getByRole('button', { name: 'Waive this test' }).click();
  assert.match(await scan.locator('[role=alert]').textContent(), /needs a reason/);
  await scan.getByLabel('Reason for the waiver').fill('Typed before the name');
  await scan.getByRole('button', { name: 'Waive this test' }).click();
  assert.equal(await scan.locator('[role=alert]').count(), 1);
  assert.equal(await scan.getByLabel('Reason for the waiver').inputValue(), 'Typed before the name');
  await scan.getByLabel('Reason for the waiver').fill('Scanner outage; manual review by security.');
  // Only the recorded security lead may waive it.
  await scan.getByLabel('Name of the Security lead waiving').fill('Sam Other');
  await scan.getByRole('button', { name: 'Waive this test' }).click();
  assert.match(await scan.locator('[role=alert]').textContent(), /Sam Other is not the recorded Security lead \(Sam Lee\)/);
  await scan.getByLabel('Name of the Security lead waiving').fill('Sam Lee');
  await scan.getByRole('button', { name: 'Waive this test' }).click();
  assert.equal(await page.locator('.hg-card[data-test=security-scan]').getAttribute('data-status'), 'waived');
  assert.equal(await page.locator('.hg-card[data-test=critical-tests]').getAttribute('data-status'), 'passed');
  await checkView('step-5-testing');
});

test('communications show their message and are marked sent', async () => {
  await step('Communication').click();
  // Grouped by when they go out; after-deploy ones are not overdue before deployment.
  assert.deepEqual(
    await page.locator('.hg-step h2').allTextContents(),
    ['Before deployment', 'During deployment', 'After deployment'],
  );
  const report = page.locator('.hg-card[data-communication=post-deploy-report]');
  assert.match(await report.textContent(), /To send after deployment/);
  assert.equal(await report.locator('.hg-missing').count(), 0);
  const ops = page.locator('.hg-card[data-communication=notify-ops]');
  assert.match(await ops.locator('.hg-message').textContent(), /Hotfix planned for P1 incident “RCE in upload service”/);
  // Numbers in a message are grouped, as everywhere else a person reads them.
  assert.match(await page.locator('.hg-card[data-communication=stakeholder-update] .hg-message').textContent(), /About 250,000 users are affected/);
  await ops.getByRole('button', { name: 'Copy message' }).click();
  await page.waitForFunction(() => document.querySelector('[data-communication=notify-ops] [role=status]')?.textContent !== '');
  assert.equal(await ops.locator('[role=status]').textContent(), 'Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /RCE in upload service/);
  // A message is edited before it is copied: the edited text is copied, kept and recorded.
  const statusPage = page.locator('.hg-card[data-communication=status-page]');
  await statusPage.getByLabel(/^Message/).fill('We are fixing a problem with file uploads. Next update at 15:00 UTC.');
  await page.waitForTimeout(50);
  await statusPage.getByRole('button', { name: 'Copy message' }).click();
  await page.waitForFunction(() => document.querySelector('[data-communication=status-page] [role=status]')?.textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'We are fixing a problem with file uploads. Next update at 15:00 UTC.');
  for (const id of ['notify-ops', 'stakeholder-update', 'status-page']) {
    await page.locator(`.hg-card[data-communication=${id}]`).getByRole('button', { name: 'Mark as sent' }).click();
    assert.equal(await page.locator(`.hg-card[data-communication=${id}]`).getAttribute('data-sent'), 'true');
  }
  await checkView('step-6-communication');
});

test('deploy & verify: ready to deploy, then deployed and verified', async () => {
  await step('Deploy & verify').click();
  assert.match(await page.locator('.hg-step').textContent(), /Ready to deploy/);
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /^Ready to deploy$/);
  assert.match(await page.locator('[data-deadline=deploy]').textContent(), /left/);
  await page.getByRole('button', { name: 'Mark as deployed' }).click();
  assert.match(await page.locator('.hg-step [role=alert]').textContent(), /enter the name of the person deploying/);
  await page.getByLabel('Who is deploying?').fill('Dee Ops');
  await page.getByRole('button', { name: 'Mark as deployed' }).click();
  // Every place says the same state.
  assert.match(await page.locator('.hg-step').textContent(), /Deployed by Dee Ops/);
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /^Deployed, monitoring until /);
  assert.match(await page.locator('[data-deadline=deploy]').textContent(), /met: deployed/);
  await page.getByLabel('Who is verifying?').fill('Vic Tor');
  for (const label of ['The fix is live in production', 'The critical paths work in production', 'Error rates and latency are back to normal']) {
    await page.getByLabel(label).check();
    assert.equal(await page.getByLabel(label).isChecked(), true, label);
  }
  const monitoring = page.getByLabel('The monitoring window passed without a regression');
  assert.equal(await monitoring.isDisabled(), true, 'not before the window has passed');
  assert.match(await page.locator('.hg-step').textContent(), /The monitoring window runs until .* \((59 min|1 h) left\)/);
  await checkView('step-7-deploy-monitoring');
  // An hour later the check opens by itself, and what was typed meanwhile stays.
  await page.getByLabel('Who is verifying?').fill('Val Ter');
  await page.clock.fastForward('01:01:00');
  await monitoring.and(page.locator(':enabled')).waitFor();
  assert.equal(await page.getByLabel('Who is verifying?').inputValue(), 'Val Ter');
  await page.getByLabel('Who is verifying?').fill('Vic Tor');
  await monitoring.check();
  assert.equal(await monitoring.isChecked(), true);
  await page.getByLabel('Merge the fix back into the regular release line').check();
  assert.match(await page.locator('[data-deadline=monitor]').textContent(), /ended/);
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /^Verified; follow-ups or messages still open$/);
  await checkView('step-7-deploy');
});

const recordHeadings = ['Incident', 'Qualification', 'Fix and risk', 'Approvals', 'Testing', 'Communication',
  'Deployment and verification', 'Follow-ups', 'Timeline'];
// What only the wizard shows, never the record.
const chrome = ['Step 8 of 8', 'Step 4 of 8', 'All drafts', 'Policy in force', 'Export Markdown', 'Print', 'steps complete', 'things to do'];

test('the record is a document: headings and tables, no Markdown', async () => {
  await step('Record').click();
  const record = page.locator('.hg-step .hg-record');
  assert.equal(await record.locator('h1').textContent(), 'Hotfix record: RCE in upload service');
  assert.deepEqual(await record.locator('h2').allTextContents(), recordHeadings);
  const section = (name) => record.locator('section').filter({ has: page.locator('h2', { hasText: name }) });
  const cells = (row) => row.locator('td').allTextContents();
  assert.deepEqual(await cells(section('Approvals').locator('tr', { hasText: 'SRE AVP' })).then((c) => c.slice(0, 3)), ['SRE AVP', '1 of 1', 'Ana Ruiz']);
  assert.deepEqual(await cells(section('Testing').locator('tr', { hasText: 'Critical test cases pass' })),
    ['Critical test cases pass', 'passed', '—', 'https://ci.example/run/42']);
  assert.match((await cells(section('Testing').locator('tr', { hasText: 'Security scan' })))[2], /^by Sam Lee \(Security lead\), .*: Scanner outage; manual review by security\.$/);
  assert.equal(await record.locator('th', { hasText: 'Ready to deploy' }).locator('+ td').textContent(), 'yes');
  assert.doesNotMatch(await record.textContent(), /##|\*\*|- \[[x ]\]/, 'no Markdown syntax');
  await checkView('step-8-record');
});

test('the record prints as a document, without the wizard, in black and white', async () => {
  // The Print button opens the browser's print dialog.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);

  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => [...document.querySelectorAll('.hg-step > h1, .hg nav, .hg aside, .hg button, .hg-bar, .hg-status')]
    .filter((e) => e.checkVisibility()).map((e) => e.outerHTML.slice(0, 60)));
  assert.deepEqual(shown, [], 'no wizard chrome in print');
  // Readable in black and white: no text relies on a colour.
  const coloured = await page.evaluate(() => [...document.querySelectorAll('.hg-record *')].filter((e) => e.checkVisibility()
    && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())).map((e) => getComputedStyle(e).color)
    .filter((c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return r !== g || g !== b || r > 90; }));
  assert.deepEqual(coloured, []);
  assert.deepEqual(await seriousViolations(page), []);
  await screenshot(page, 'record-print');
  const pages = await pdfText(await page.pdf({ path: join(screenshotDir, 'record.pdf'), format: 'A4' }));
  await page.emulateMedia({ media: null });
  // Words, whatever the lines wrapped at.
  const text = pages.join(' ').replace(/\s+/g, ' ');
  for (const expected of ['Hotfix record: RCE in upload service', ...recordHeadings, 'Ready to deploy', 'Sam Lee',
    'Scanner outage; manual review by security.', 'Reject archives with path traversal; <b>no</b> other change.']) {
    assert.ok(text.includes(expected), `${JSON.stringify(expected)} missing from the PDF:\n${text}`);
  }
  for (const unwanted of [...chrome, '##', '**', '- [x]']) assert.ok(!text.includes(unwanted), `${JSON.stringify(unwanted)} in the PDF`);
  assert.ok(pages.length >= 2 && pages.length <= 6, `${pages.length} pages`);

  // Printed from another step, it is still the record, and only the record.
  await step('Approvals').click();
  const fromApprovals = (await pdfText(await page.pdf({ format: 'A4' }))).join(' ').replace(/\s+/g, ' ');
  assert.ok(fromApprovals.startsWith('Hotfix record: RCE in upload service'), fromApprovals.slice(0, 200));
  for (const unwanted of [...chrome, 'Check your answers', 'Record approval']) assert.ok(!fromApprovals.includes(unwanted), `${JSON.stringify(unwanted)} in the PDF`);
  assert.equal(await page.locator('.hg-print').count(), 0, 'the print copy is gone after printing');
  await step('Record').click();
});

test('the record exports as Markdown with everything that happened', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = readFileSync(await download.path(), 'utf8');
  for (const expected of [
    '# Hotfix record: RCE in upload service',
    'Policy: Default hotfix policy (default 1.0.0, text hash ',
    'Ready to deploy: yes',
    'State: Verified; follow-ups or messages still open',
    'All times are in UTC.',
    '- Deployed: by Dee Ops, ',
    '## Timeline',
    '**Qualifies for a hotfix.** A security vulnerability is being actively exploited.',
    'Author of the fix: Bo Chen',
    'Reject archives with path traversal; <b>no</b> other change.',
    '| SRE AVP | 1 of 1 | Ana Ruiz | ',
    '| Critical test cases pass | passed | — | https://ci.example/run/42 |',
    '| Security scan of the fix | waived | by Sam Lee (Security lead), ',
    ': Scanner outage; manual review by security. |',
    '- [x] The fix is live in production: Vic Tor, ',
    '| Confirmed again on the current facts: the approval for SRE AVP | Ana Ruiz |',
    '\n> We are fixing a problem with file uploads. Next update at 15:00 UTC. (edited)\n',
  ]) {
    assert.ok(md.includes(expected), `missing ${JSON.stringify(expected)} in\n${md}`);
  }
});

test('user text stays text', async () => {
  assert.equal(await page.locator('.hg b').count(), 0, 'no <b> element was created from user text');
});

test('a draft is exported, deleted, and imported again', async () => {
  await page.getByRole('button', { name: 'All drafts' }).click();
  const row = page.locator('.hg-draft', { hasText: 'RCE in upload service' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
  const exported = await download.path();
  assert.equal(JSON.parse(readFileSync(exported, 'utf8')).schema, 2);

  await row.getByRole('button', { name: 'Delete' }).click();
  await checkView('home-confirm-delete');
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  assert.equal(await page.locator('.hg-draft').count(), 0);

  await page.locator('input[type=file]').setInputFiles(exported);
  await page.waitForSelector('.hg-draft');
  assert.match(await page.locator('.hg-notices').textContent(), /Imported “RCE in upload service”/);
  await page.locator('.hg-draft').getByRole('link', { name: 'Resume' }).click();
  await step('Record').click();
  assert.equal(await page.locator('.hg-record th', { hasText: 'Ready to deploy' }).locator('+ td').textContent(), 'yes');
});

test('importing a draft that is already here asks: replace it or keep both', async () => {
  await page.getByRole('button', { name: 'All drafts' }).click();
  const row = page.locator('.hg-draft', { hasText: 'RCE in upload service' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
  const text = readFileSync(await download.path(), 'utf8');
  // The same file again: nothing changes.
  await page.locator('input[type=file]').setInputFiles({ name: 'same.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByText('is already here, unchanged').waitFor();
  assert.equal(await page.locator('.hg-draft').count(), 1);
  // Another version of it: asked, never replaced silently.
  const other = JSON.parse(text);
  other.answers.title = 'RCE in upload service, other version';
  other.updated_at += 1;
  const file = { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) };
  await page.locator('input[type=file]').setInputFiles(file);
  const ask = page.getByRole('alertdialog', { name: 'Import' });
  assert.match(await ask.textContent(), /is already here, as a different version/);
  await checkView('home-import-ask');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.locator('.hg-draft').count(), 1);
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('alertdialog', { name: 'Import' }).getByRole('button', { name: 'Keep both' }).click();
  const copy = page.locator('.hg-draft', { hasText: 'other version (imported)' });
  assert.equal(await copy.count(), 1);
  assert.equal(await page.locator('.hg-draft').count(), 2);
  await copy.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  assert.equal(await page.locator('.hg-draft').count(), 1);
});

test('an import that is not a draft is refused with a reason, and nothing is lost', async () => {
  // On the home view, where the test before ends.
  await page.locator('input[type=file]').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.waitForFunction(() => document.querySelector('.hg-notices')?.textContent.includes('notes.json'));
  assert.match(await page.locator('.hg-notices').textContent(), /“notes.json” was not imported: this is not a Hotgate draft/);
  assert.equal(await page.locator('.hg-draft').count(), 1);
});

test('the wizard works from the keyboard alone', async () => {
  await page.getByRole('button', { name: 'New hotfix' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the step heading');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard incident');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown'); // choose P1 in the select
  assert.equal(await verdict(), 'qualifies');
  // The Incident step, by Tab from the title: one stop per question asked
  // (a yes/no pair is one), one for the incident's start, then the next step.
  let stops = 2; // the title, then the priority, where focus is
  while (!(await page.evaluate(() => document.activeElement.textContent === 'Qualification →')) && stops < 40) {
    await page.keyboard.press('Tab');
    stops++;
  }
  assert.equal(stops, 13, 'Tab stops from the title to the next-step button');
  await page.locator('.hg-step-nav').getByRole('button', { name: 'Qualification →' }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('h1').textContent(), 'Step 2 of 8: Qualification');
  assert.equal(await page.evaluate(() => document.activeElement.id.endsWith('heading')), true);
});

test('time passing leaves the keyboard focus where it was', async () => {
  // The panel is redrawn as time passes (countdowns, every 15 seconds). On
  // Qualification, with the keyboard draft: Tab to the panel's link onward.
  const next = page.locator('.hg-panel .hg-next').getByRole('button');
  for (let n = 0; n < 60 && !(await next.evaluate((e) => e === document.activeElement)); n++) {
    await page.keyboard.press('Tab');
  }
  const shown = () => next.evaluate((e) => e === document.activeElement && e.matches(':focus-visible'));
  assert.equal(await shown(), true, 'the panel link has a visible focus');
  const panel = () => page.locator('.hg-panel').textContent();
  const hold = () => page.evaluate(() => { window.focused = document.activeElement; });
  const held = () => page.evaluate(() => window.focused === document.activeElement);
  // Four ticks: the countdowns move by the minute, all at the same second
  // (they count from the incident's start), so at least three of them
  // change nothing, and those leave the very element focused.
  let unchanged = 0;
  for (let tick = 0; tick < 4; tick++) {
    await hold();
    const before = await panel();
    await page.clock.runFor(15_000);
    if ((await panel()) === before) {
      unchanged++;
      assert.equal(await held(), true, 'a panel that came out the same is left alone');
    }
    assert.equal(await shown(), true, `after tick ${tick + 1}, the link has the focus, still visible`);
  }
  assert.ok(unchanged >= 3, `${unchanged} of 4 ticks changed nothing`);
  await hold();
  const before = await panel();
  await page.clock.runFor('10:00');
  assert.notEqual(await panel(), before, 'the countdowns moved on');
  assert.equal(await page.evaluate(() => window.focused.isConnected), false, 'the panel was redrawn');
  assert.equal(await shown(), true, 'the same link, redrawn, has the focus, still visible');
});

test('a question left unanswered blocks readiness and links to itself', async () => {
  // The keyboard draft answered only the title and the priority.
  await step('Deploy & verify').click();
  const blocker = page.locator('.hg-blockers li[data-kind=unanswered]', { hasText: 'Not answered: Is there a tested way to roll the fix back?' });
  assert.equal(await blocker.count(), 1);
  assert.equal(await page.getByRole('button', { name: 'Mark as deployed' }).isDisabled(), true);
  await blocker.getByRole('button', { name: 'Answer it' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 1 of 8: Incident');
  const question = page.getByRole('group', { name: 'Is there a tested way to roll the fix back?' });
  assert.equal(await question.getByLabel('Yes').evaluate((e) => e === document.activeElement), true, 'focus is on the question');
  await question.getByLabel('Yes').check();
  await step('Deploy & verify').click();
  assert.equal(await blocker.count(), 0);
});

test('on a phone the step list scrolls away with the page instead of covering the form', async () => {
  await page.getByRole('button', { name: 'All drafts' }).click();
  await page.getByRole('link', { name: 'Resume' }).first().click();
  // Durations for people: hours, not "240 min".
  assert.match(await page.locator('.hg-panel').textContent(), /Deploy the fix within 4 h/);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    // The verdict, what is left and the next step stay pinned above the form.
    const bar = page.locator('.hg-status');
    assert.equal(await bar.isVisible(), true);
    assert.match(await bar.textContent(), /Qualifies for a hotfix · \d+ things? to do · Next: /);
    const steps = page.locator('.hg-steps');
    assert.equal(await steps.evaluate((e) => getComputedStyle(e).position), 'static');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const box = await steps.boundingBox();
    assert.ok(box.y + box.height <= 0, `the step list is still on screen: ${JSON.stringify(box)}`);
    const pinned = await bar.boundingBox();
    assert.ok(pinned.y === 0 && pinned.height < 80, `the status bar is not pinned at the top: ${JSON.stringify(pinned)}`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('no script errors or warnings on the page', () => {
  assert.deepEqual(problems, []);
});

test('the page requests nothing but its own static files', () => {
  const foreign = requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(foreign, []);
  const files = new Set(requests.filter((url) => url.startsWith(server.url)).map((url) => new URL(url).pathname));
  // wasm-bindgen names the snippet folder after a hash of the crate.
  const paths = [...files].map((p) => p.replace(/^\/pkg\/snippets\/[^/]+\//, '/pkg/snippets/*/')).sort();
  assert.deepEqual(paths, [
    '/', '/hotgate.css', '/pkg/hotgate_bg.wasm', '/pkg/page.js', '/pkg/policies/default.toml', '/style.css',
  ]);
});
