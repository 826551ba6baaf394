// Bootstrap: load the WebAssembly module and the default policy (both
// preloaded by index.html, so they arrive together), then mount the wizard
// (Rust renders everything). Nothing else happens in JavaScript. The
// start's phases are marked (User Timing) for `benches/browser.mjs`.
//
// scripts/build.sh bundles this file with the module it imports into
// `pkg/page.js`, the page's one script: one request instead of four. The
// page's module exports the engine's API too, so that the console and the
// tests reach the instance the page runs (`import('/pkg/page.js')`).
import init, { mount } from './pkg/hotgate.js';

export * from './pkg/hotgate.js';

performance.mark('hotgate-modules');

const root = document.getElementById('app');

async function defaultPolicy() {
  const response = await fetch('pkg/policies/default.toml');
  if (!response.ok) throw new Error(`the default policy did not load (HTTP ${response.status})`);
  return response.text();
}

try {
  const [policy] = await Promise.all([defaultPolicy(), init()]);
  performance.mark('hotgate-engine');
  const mounted = mount(root, { policy, url: true });
  if (mounted.status !== 'success') throw new Error(mounted.error);
  performance.mark('hotgate-interactive');
  document.body.dataset.ready = 'true';
} catch (error) {
  const message = document.createElement('p');
  message.className = 'hg-error';
  message.textContent = `Hotgate could not start: ${error?.message ?? JSON.stringify(error)}`;
  root.replaceChildren(message);
}
