// A commander on a laptop without a mouse: the whole flow, from the home
// view to a closed hotfix and its printed record, with the keyboard alone.
// Every control is reached with Tab (never clicked or focused by the
// test), shows where the focus is, and works with Enter, Space or the
// arrow keys; every step change moves focus to the step's heading.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser } from './support.mjs';

let server;
let browser;
let page;
let presses = 0;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.clock.install();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
});

afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

const isFocused = (locator) => locator.evaluate((e) => e === document.activeElement).catch(() => false);

/** Presses Tab until `locator` has the focus (at most `max` times); fails if
 * it is never reached, or if it does not show that it has the focus. */
async function tabTo(locator, max = 80) {
  for (let n = 0; !(await isFocused(locator)); n++) {
    if (n === max) {
      const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
      assert.fail(`not reached with ${max} Tab presses: ${locator}; focus is on ${at}`);
    }
    await page.keyboard.press('Tab');
    presses++;
  }
  const shown = await locator.evaluate((e) => {
    const style = getComputedStyle(e);
    return e.matches(':focus-visible') && (style.outlineStyle !== 'none' || style.boxShadow !== 'none');
  });
  assert.ok(shown, `no visible focus on ${locator}`);
}

async function press(key) {
  await page.keyboard.press(key);
  presses++;
}

async function type(text) {
  await page.keyboard.type(text);
  presses++;
}

/** Tabs to the step's next-step button, presses Enter, and checks focus is on the new step's heading. */
async function nextStep(label, heading) {
  await tabTo(page.locator('.hg-step-nav').getByRole('button', { name: label }));
  await press('Enter');
  assert.equal(await page.locator('.hg-step > h1').textContent(), heading);
  assert.equal(await page.evaluate(() => document.activeElement.matches('.hg-step > h1')), true, `focus on the heading of ${heading}`);
}

const group = (name) => page.getByRole('group', { name });

/** Answers a yes/no question: Tab reaches its pair (on Yes), Space chooses Yes, the right arrow No. */
async function yesNo(name, yes) {
  await tabTo(group(name).getByLabel('Yes'));
  await press(yes ? 'Space' : 'ArrowRight');
  assert.equal(await group(name).getByLabel(yes ? 'Yes' : 'No').isChecked(), true, name);
}

async function fill(label, text) {
  await tabTo(page.getByLabel(label, { exact: true }));
  await type(text);
}

test('from the home view to a closed hotfix, with the keyboard alone', async () => {
  await tabTo(page.getByRole('button', { name: 'New hotfix' }));
  await press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.matches('.hg-step > h1')), true);

  // Incident
  await fill('Incident title *', 'Upload service RCE');
  await tabTo(page.getByLabel('Incident priority *'));
  await press('ArrowDown'); // P1
  await yesNo('Does the fix close a security vulnerability?', true);
  await yesNo('Is the vulnerability being exploited now?', true);
  await yesNo('Are customers or end users affected?', true);
  await yesNo('Is data lost, corrupted or at risk?', false);
  await yesNo('Does it touch payments, personal data or another regulated system?', false);
  await yesNo('Is there a workaround that holds until the next regular release?', false);
  await fill('About how many users are affected?', '250000');
  await fill('Estimated size of the fix, in changed lines', '40');
  await yesNo('Is there a tested way to roll the fix back?', true);
  await yesNo('Do automated tests cover the affected code?', false);
  assert.equal(await page.locator('.hg-panel .hg-verdict').getAttribute('data-verdict'), 'qualifies');
  await nextStep('Qualification →', 'Step 2 of 8: Qualification');
  await nextStep('Fix & risk →', 'Step 3 of 8: Fix & risk');

  // Fix & risk
  await fill('Who wrote the fix? *', 'Bo Chen');
  await fill('Problem statement *', 'Remote code execution through crafted uploads.');
  await fill('Change description *', 'Reject archives with path traversal.');
  await fill('Risk assessment *', 'Low: one validation added.');
  await fill('Rollback plan *', 'Revert the deployment.');
  await nextStep('Approvals →', 'Step 4 of 8: Approvals');

  // Approvals: a name, then Enter records it.
  for (const [role, name] of [['sre-avp', 'Ana Ruiz'], ['dev-lead', 'Dev Patel'], ['ops-lead', 'Olu Ade'], ['product-owner', 'Pat Kim'], ['security-lead', 'Sam Lee']]) {
    const card = page.locator(`.hg-card[data-role=${role}]`);
    await tabTo(card.getByLabel(/Approver's name/));
    await type(name);
    await press('Enter');
    assert.equal(await card.getAttribute('data-missing'), '0', role);
  }
  await nextStep('Testing →', 'Step 5 of 8: Testing');

  // Testing: Passed buttons; the waiver behind its disclosure.
  for (const id of ['critical-tests', 'peer-review']) {
    const card = page.locator(`.hg-card[data-test=${id}]`);
    await tabTo(card.getByRole('button', { name: 'Passed', exact: true }));
    await press('Enter');
    assert.equal(await card.getAttribute('data-status'), 'passed', id);
  }
  const scan = page.locator('.hg-card[data-test=security-scan]');
  await tabTo(scan.locator('summary'));
  await press('Enter');
  await tabTo(scan.getByLabel('Reason for the waiver'));
  await type('Scanner outage; manual review by security.');
  await tabTo(scan.getByLabel('Name of the Security lead waiving'));
  await type('Sam Lee');
  await tabTo(scan.getByRole('button', { name: 'Waive this test' }));
  await press('Enter');
  assert.equal(await scan.getAttribute('data-status'), 'waived');
  await nextStep('Communication →', 'Step 6 of 8: Communication');

  // Communication: the messages that go out before and during deployment.
  for (const id of ['notify-ops', 'stakeholder-update', 'status-page']) {
    const card = page.locator(`.hg-card[data-communication=${id}]`);
    await tabTo(card.getByRole('button', { name: 'Mark as sent' }));
    await press('Enter');
    assert.equal(await card.getAttribute('data-sent'), 'true', id);
  }
  await nextStep('Deploy & verify →', 'Step 7 of 8: Deploy & verify');

  // Deploy, verify, and (an hour later) the monitoring window.
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /^Ready to deploy$/);
  await fill('Who is deploying?', 'Dee Ops');
  await tabTo(page.getByRole('button', { name: 'Mark as deployed' }));
  await press('Enter');
  assert.match(await page.locator('.hg-panel .hg-readiness').textContent(), /^Deployed, monitoring until /);
  await fill('Who is verifying?', 'Vic Tor');
  for (const label of ['The fix is live in production', 'The critical paths work in production', 'Error rates and latency are back to normal']) {
    await tabTo(page.getByLabel(label));
    await press('Space');
    assert.equal(await page.getByLabel(label).isChecked(), true, label);
  }
  await page.clock.fastForward('01:01:00');
  const monitoring = page.getByLabel('The monitoring window passed without a regression');
  await monitoring.and(page.locator(':enabled')).waitFor();
  await tabTo(monitoring);
  await press('Space');
  assert.equal(await monitoring.isChecked(), true);
  for (const label of ['Merge the fix back into the regular release line', 'Post-release review']) {
    await tabTo(page.getByLabel(label));
    await press('Space');
  }

  // The panel names what is left and links to it: the messages after deployment.
  const next = page.locator('.hg-panel .hg-next').getByRole('button', { name: /Communication/ });
  await tabTo(next);
  await press('Enter');
  assert.equal(await page.locator('.hg-step > h1').textContent(), 'Step 6 of 8: Communication');
  for (const id of ['post-deploy-report', 'customer-notice']) {
    const card = page.locator(`.hg-card[data-communication=${id}]`);
    await tabTo(card.getByRole('button', { name: 'Mark as sent' }));
    await press('Enter');
    assert.equal(await card.getAttribute('data-sent'), 'true', id);
  }
  assert.equal(await page.locator('.hg-panel .hg-readiness').textContent(), 'Closed: verified, messages sent, follow-ups done');

  // The record, printed with its button.
  const record = page.locator('.hg-steps').getByRole('button', { name: /^Record/ });
  await tabTo(record);
  await press('Enter');
  assert.equal(await page.locator('.hg-step > h1').textContent(), 'Step 8 of 8: Record');
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await tabTo(page.getByRole('button', { name: 'Print' }));
  await press('Enter');
  assert.equal(await page.evaluate(() => window.printed), 1);
  console.log(`# the whole flow: ${presses} key presses and typed texts`);
});
