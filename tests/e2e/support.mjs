// Shared set-up for end-to-end tests: serves www/ on loopback with Python's
// static server (as a user would) and starts Debian's Chromium through
// playwright-core with a fresh profile.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Serves `dir` (the page, `www/`, unless told) on a free loopback port. */
export async function startServer(dir = join(root, 'www')) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitForServer(url);
  return { url, stop: () => child.kill() };
}

/** A fresh browser profile; `options` go to the context (`timezoneId`, …). */
export async function startBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'hotgate-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
  // Every page and console error or warning on any page of the context,
  // during any interaction: `check()` (after each test) fails on those a
  // test did not say it expects (`expect(pattern)`, for that test only).
  let problems = [];
  let expected = [];
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    expect: (pattern) => expected.push(pattern),
    check: () => {
      const unexpected = problems.filter((p) => !expected.some((pattern) => pattern.test(p)));
      problems = [];
      expected = [];
      if (unexpected.length > 0) throw new Error(`errors on the page during this test:\n${unexpected.join('\n')}`);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns the serious and critical violations, and heading levels that skip. */
export async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, so the page's CSP still holds.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  // Every impact level: minor and moderate findings fail too.
  return result;
}

export const screenshotDir = join(root, 'test-results', 'screens');

/** Saves a full-page screenshot as test-results/screens/NAME.png. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The text of each page of a PDF (`page.pdf()`), read with pdf.js. */
export async function pdfText(pdf) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const { items } = await (await doc.getPage(n)).getTextContent();
    pages.push(items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
  }
  await doc.destroy();
  return pages;
}
