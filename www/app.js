// Bootstrap: load the WebAssembly module and the default policy (both
// preloaded by index.html, so they arrive together), then mount the wizard
// (Rust renders everything). Nothing else happens in JavaScript. The
// start's phases are marked (User Timing) for `benches/browser.mjs`.
import init, { mount } from './pkg/hotgate.js';

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
