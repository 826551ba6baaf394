// Bootstrap: load the WebAssembly module and mount the wizard (Rust renders
// everything) with the default policy. Nothing else happens in JavaScript.
import init, { mount } from './pkg/hotgate.js';

const root = document.getElementById('app');
try {
  await init();
  const mounted = mount(root);
  if (mounted.status !== 'success') throw new Error(mounted.error);
  performance.mark('hotgate-interactive');
  document.body.dataset.ready = 'true';
} catch (error) {
  const message = document.createElement('p');
  message.className = 'hg-error';
  message.textContent = `Hotgate could not start: ${error?.message ?? JSON.stringify(error)}`;
  root.replaceChildren(message);
}
