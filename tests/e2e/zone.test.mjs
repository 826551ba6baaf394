// A commander in Berlin in the week the clocks go forward: a time is typed
// in local time and read with that day's offset, not today's; the page
// says how it read it, with the zone; an hour the clocks skip is refused
// in words, and a time written in UTC is taken as UTC.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startBrowser } from './support.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await startBrowser({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  // After the change: Berlin is UTC+2 today, and was UTC+1 a week ago.
  await page.clock.install({ time: new Date('2026-04-02T09:00:00Z') });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
  await page.getByRole('button', { name: 'New hotfix' }).click();
});

afterEach(() => browser.check());

after(async () => {
  await browser?.close();
  server?.stop();
});

const start = () => page.getByLabel('When did the incident start?');
const help = () => start().evaluate((e) => document.getElementById(e.getAttribute('aria-describedby').split(' ')[0]).textContent);
const stored = () => page.evaluate(() => {
  const key = Object.keys(localStorage).find((k) => k.startsWith('hotgate.draft.'));
  return JSON.parse(localStorage.getItem(key)).incident_start;
});
/** Waits until the saved draft's start is `want` (saving waits for a pause in typing). */
const storedIs = (want) => page.waitForFunction((ms) => {
  const key = Object.keys(localStorage).find((k) => k.startsWith('hotgate.draft.'));
  return key !== undefined && JSON.parse(localStorage.getItem(key)).incident_start === ms;
}, want);

test('a typed time is read with the offset of its own day, and the page says how it read it', async () => {
  assert.match(await help(), /local time \(Europe\/Berlin\)/);
  // Sunday 29 March 2026, after 02:00 CET the clocks show 03:00 CEST.
  await start().fill('2026-03-29 03:30');
  await storedIs(Date.UTC(2026, 2, 29, 1, 30));
  assert.match(await help(), /read as 29 Mar 2026, 03:30 CEST/);
  // The day before, the same wall-clock time is an hour later in UTC.
  await start().fill('2026-03-28 03:30');
  await storedIs(Date.UTC(2026, 2, 28, 2, 30));
  assert.match(await help(), /read as 28 Mar 2026, 03:30 CET/);
});

const why = () => start().evaluate((e) => document.getElementById(e.getAttribute('aria-describedby').split(' ')[1]).textContent);

test('an hour the clocks skip is refused in words beside the field, and nothing changes', async () => {
  const before = Date.UTC(2026, 2, 28, 2, 30);
  await storedIs(before);
  await start().fill('2026-03-29 02:30');
  assert.equal(await why(), 'Not taken: 2026-03-29 02:30 does not exist in Europe/Berlin (the clocks went forward then).');
  assert.equal(await start().getAttribute('aria-invalid'), 'true');
  await page.waitForTimeout(700); // longer than the autosave's pause
  assert.equal(await stored(), before);
  // What was typed stays, and the help still says what is taken.
  assert.equal(await start().inputValue(), '2026-03-29 02:30');
  assert.match(await help(), /read as 28 Mar 2026, 03:30 CET/);
});

test('a refusal says its times in local time, with the zone', async () => {
  await start().fill('2026-04-02 12:00');
  assert.equal(await why(), 'Not taken: the incident cannot start in the future: it is 2 Apr 2026, 11:00 CEST now.');
});

test('a half-typed time is said to be one only when the field is left, and the click that left it works', async () => {
  await start().fill('2026-03-2');
  assert.equal(await why(), '');
  await page.getByRole('button', { name: 'Qualification →' }).click();
  assert.equal(await page.locator('h1').textContent(), 'Step 2 of 8: Qualification');
  await page.getByRole('button', { name: '← Incident' }).click();
  // Kept as typed across the steps, with why it was not taken.
  assert.equal(await start().inputValue(), '2026-03-2');
  await page.waitForFunction(() => document.querySelector('[aria-invalid=true][aria-describedby$="incident-start-error"]'));
  assert.match(await why(), /^Not taken: write the time as year-month-day hours:minutes, e\.g\. 2026-04-02 11:00\.$/);
  // Left with Tab, it is said beside the field, a moment later.
  await start().fill('2026-03-28 3');
  await start().press('Tab');
  assert.equal(await why(), '');
  await page.waitForFunction(() => document.querySelector('[aria-invalid=true][aria-describedby$="incident-start-error"]'));
  assert.match(await why(), /^Not taken: write the time as/);
});

test('a time written in UTC is taken as UTC', async () => {
  await start().fill('2026-03-29 00:15 UTC');
  assert.equal(await why(), '');
  assert.equal(await start().getAttribute('aria-invalid'), 'false');
  await storedIs(Date.UTC(2026, 2, 29, 0, 15));
  assert.match(await help(), /read as 29 Mar 2026, 01:15 CET/);
});
