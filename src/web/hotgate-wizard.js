// <hotgate-wizard>: the whole Hotgate wizard in one tag, for portals.
//
//   <script type="module" src="node_modules/hotgate/hotgate-wizard.js"></script>
//   <hotgate-wizard src="/policies/team.toml" namespace="team-payments"></hotgate-wizard>
//
// Attributes: `src` (URL of a policy TOML file) or `policy` (inline TOML);
// without either, the default policy (policies/default.toml next to this
// file in the package). `namespace` keeps this wizard's drafts
// apart from others on the page. Events (bubbling, `detail` is a
// WizardEvent): `hotgate-change`, `hotgate-ready`; `hotgate-error` when it
// cannot start. Removing the element saves and unmounts the wizard.
import init, { mount, unmount } from './hotgate.js';

let loading;
const ready = () => (loading ??= init({ module_or_path: new URL('./hotgate_bg.wasm', import.meta.url) }));

export class HotgateWizard extends HTMLElement {
  static observedAttributes = ['src', 'policy', 'namespace'];

  #handle = null;
  #generation = 0;

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#stop();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected && this.#handle !== null) {
      this.#stop();
      this.#start();
    }
  }

  /** The mount handle, or null while not mounted. */
  get handle() {
    return this.#handle;
  }

  async #start() {
    const generation = ++this.#generation;
    try {
      await ready();
      const policy = await this.#policyText();
      if (generation !== this.#generation || !this.isConnected) return;
      const result = mount(this, {
        policy,
        namespace: this.getAttribute('namespace') || undefined,
        onChange: (detail) => this.dispatchEvent(new CustomEvent('hotgate-change', { detail, bubbles: true })),
        onReadyToDeploy: (detail) => this.dispatchEvent(new CustomEvent('hotgate-ready', { detail, bubbles: true })),
      });
      if (result.status === 'success') {
        this.#handle = result.handle;
        this.dispatchEvent(new CustomEvent('hotgate-mounted', { detail: { handle: result.handle }, bubbles: true }));
      } else {
        this.#fail(result.error, result.diagnostics);
      }
    } catch (error) {
      if (generation === this.#generation) this.#fail(String(error?.message ?? error), []);
    }
  }

  #stop() {
    this.#generation++;
    if (this.#handle !== null) {
      unmount(this.#handle);
      this.#handle = null;
    }
  }

  async #policyText() {
    const inline = this.getAttribute('policy');
    if (inline) return inline;
    const src = this.getAttribute('src');
    const url = src ? new URL(src, document.baseURI) : new URL('./policies/default.toml', import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`cannot load the policy ${src ?? 'policies/default.toml'}: HTTP ${response.status}`);
    return response.text();
  }

  #fail(message, diagnostics) {
    const box = document.createElement('div');
    box.className = 'hg hg-error';
    box.setAttribute('role', 'alert');
    box.textContent = `Hotgate could not start: ${message}`;
    if (diagnostics.length > 0) {
      const list = document.createElement('ul');
      for (const d of diagnostics) {
        const item = document.createElement('li');
        item.textContent = `line ${d.line}, column ${d.column}: ${d.message}`;
        list.append(item);
      }
      box.append(list);
    }
    this.replaceChildren(box);
    this.dispatchEvent(new CustomEvent('hotgate-error', { detail: { message, diagnostics }, bubbles: true }));
  }
}

if (!customElements.get('hotgate-wizard')) customElements.define('hotgate-wizard', HotgateWizard);
