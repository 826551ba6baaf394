// The page in headless Chromium: time to an interactive wizard (cold, over
// loopback), a keystroke to the updated decision panel, the home view
// listing 500 drafts, and the engine and JS API inside the page.
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/support.mjs';
import { incidents, stats } from './incidents.mjs';

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Extra flags for an experiment, e.g. `--js-flags=--no-wasm-lazy-compilation`.
  ...(process.env.CHROMIUM_FLAGS?.split(' ').filter(Boolean) ?? [])];
const server = await startServer();
const floorServer = await startServer(new URL('./floor/', import.meta.url).pathname);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args });
const rows = [];
try {
  // Cold: a fresh context (empty cache and storage) for every navigation,
  // the wizard and the floor page interleaved so both see the same machine.
  const interactive = [];
  const floor = [];
  const phases = { modules: [], engine: [], mount: [] };
  // Waited for inside the page, through the DevTools protocol: Playwright's
  // `waitForSelector` injects its own script into the page, and the load
  // event fires before `mount` (the start is asynchronous), so that
  // script's compilation could land on the main thread in the middle of
  // the start being measured (seen in a trace: 24-27 ms between the marks).
  // A person's browser runs nothing of the kind.
  const waitInPage = `new Promise((resolve) => {
    const done = () => document.body?.dataset.ready === 'true';
    const marks = () => ({ url: location.href, ...Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) });
    if (done()) return resolve(marks());
    new MutationObserver((_, observer) => {
      if (done()) { observer.disconnect(); resolve(marks()); }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
  })`;
  const timeToInteractive = async (url) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'commit' });
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: waitInPage, awaitPromise: true, returnByValue: true });
    if (exceptionDetails || !result.value.url.startsWith(url)) throw new Error(`waiting in ${result.value?.url}: ${JSON.stringify(exceptionDetails)}`);
    await context.close();
    return result.value;
  };
  for (let i = 0; i < 15; i++) {
    const at = await timeToInteractive(server.url);
    interactive.push(at['hotgate-interactive']);
    phases.modules.push(at['hotgate-modules']);
    phases.engine.push(at['hotgate-engine'] - at['hotgate-modules']);
    phases.mount.push(at['hotgate-interactive'] - at['hotgate-engine']);
    floor.push((await timeToInteractive(floorServer.url))['hotgate-interactive']);
  }
  const i = stats(interactive.slice(1));
  const f = stats(floor.slice(1));
  rows.push([`navigation to interactive wizard (cold, loopback; 14 runs)`, i.median, i.p99, 'ms']);
  rows.push([`the floor: a page of one stylesheet and one module (benches/floor/; 14 runs)`, f.median, f.p99, 'ms']);
  rows.push([`what the wizard adds to the floor (medians and p99s subtracted)`, i.median - f.median, i.p99 - f.p99, 'ms']);
  const [m, en, mo] = [stats(phases.modules.slice(1)), stats(phases.engine.slice(1)), stats(phases.mount.slice(1))];
  rows.push(['its phases: navigation to the bootstrap running (its modules loaded)', m.median, m.p99, 'ms']);
  rows.push(['its phases: then the engine instantiated, the policy text there (`init`)', en.median, en.p99, 'ms']);
  rows.push(['its phases: then `mount`, cold (the policy read, the home view drawn)', mo.median, mo.p99, 'ms']);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready=true]');
  await page.getByRole('button', { name: 'New hotfix' }).click();
  const keystrokes = await page.evaluate(() => {
    const field = document.querySelector('[data-field="answer:title"]');
    const samples = [];
    for (let k = 0; k < 300; k++) {
      field.value = `Checkout down ${k}`;
      const start = performance.now();
      field.dispatchEvent(new Event('input', { bubbles: true }));
      samples.push(performance.now() - start);
    }
    return samples;
  });
  const k = stats(keystrokes.slice(20));
  rows.push(['keystroke to decision panel updated (input event, 280 samples)', k.median, k.p99, 'ms']);

  // `mount` again in the same page, into elements of its own: what it
  // costs once its code has run (cold, V8 compiles each wasm function on
  // its first call).
  const warm = await page.evaluate(async () => {
    const m = await import('/pkg/page.js');
    const policy = await (await fetch('/pkg/policies/default.toml')).text();
    const samples = [];
    for (let r = 0; r < 12; r++) {
      const element = document.createElement('div');
      document.body.append(element);
      const start = performance.now();
      const mounted = m.mount(element, { policy });
      samples.push(performance.now() - start);
      if (mounted.status !== 'success') throw new Error(mounted.error);
      m.unmount(mounted.handle);
      element.remove();
    }
    return samples;
  });
  const w = stats(warm.slice(2));
  rows.push(['`mount` again in the same page, warm (10 runs)', w.median, w.p99, 'ms']);

  const inPage = await page.evaluate(async (all) => {
    const m = await import('/pkg/page.js');
    const policy = m.loadPolicy(await (await fetch('/pkg/policies/default.toml')).text()).policy;
    const engine = [];
    for (let r = 0; r < 10; r++) engine.push(policy.benchmark(all, 1));
    all.forEach((x) => policy.evaluate(x));
    const trips = [];
    for (let j = 0; j < all.length; j += 50) {
      const start = performance.now();
      for (const x of all.slice(j, j + 50)) policy.evaluate(x);
      trips.push(((performance.now() - start) * 1000) / 50);
    }
    return { engine, trips };
  }, incidents());
  const e = stats(inPage.engine);
  const t = stats(inPage.trips);
  rows.push(['engine alone inside wasm (`benchmark`, 10 rounds of 10,000)', e.median, e.p99, 'µs']);
  rows.push(['full JS API round trip (`evaluate`; batches of 50)', t.median, t.p99, 'µs']);

  // 500 stored drafts, then the home view is listed.
  await page.evaluate(() => {
    const template = localStorage.getItem(Object.keys(localStorage).find((key) => key.startsWith('hotgate.draft.')));
    const draft = JSON.parse(template);
    for (let n = 0; n < 500; n++) {
      localStorage.setItem(`hotgate.draft.bench${n}`, JSON.stringify({ ...draft, id: `bench${n}`, answers: { ...draft.answers, title: `Draft ${n}` } }));
    }
  });
  const listing = await page.evaluate(async () => {
    const samples = [];
    const shown = (selector) => new Promise((resolve, reject) => {
      const until = performance.now() + 5000;
      const poll = () => (document.querySelector(selector) ? resolve()
        : performance.now() > until ? reject(new Error(`${selector} never appeared`)) : setTimeout(poll, 5));
      poll();
    });
    for (let r = 0; r < 12; r++) {
      // From a draft to the home view, drawn in the click's handler.
      const start = performance.now();
      document.querySelector('[data-act=home]').click();
      samples.push(performance.now() - start);
      if (!document.querySelector('.hg-draft')) throw new Error('the home view did not list the drafts');
      // The draft opens again from its link (a new URL, followed on hashchange).
      document.querySelector('.hg-draft a[href^="#/draft/"]').click();
      await shown('[data-act=home]');
    }
    return samples;
  });
  const l = stats(listing.slice(2));
  rows.push([`home view listing ${await page.locator('.hg-draft').count() || 501} drafts (10 runs)`, l.median, l.p99, 'ms']);
  await context.close();
} finally {
  await browser.close();
  server.stop();
  floorServer.stop();
}
console.log('| page in headless Chromium | median | p99 | unit |');
console.log('|---|---:|---:|---|');
for (const [name, median, p99, unit] of rows) console.log(`| ${name} | ${median.toFixed(2)} | ${p99.toFixed(2)} | ${unit} |`);
