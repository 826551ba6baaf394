// Last-resort recovery, in plain JavaScript: a panic in wasm stops the
// module for the whole page, so what the user sees then must not need it.
// `src/web/panic.rs` registers each mounted wizard and the open draft's
// latest JSON here, and its panic hook calls `hotgate_recover`, which
// replaces every mounted wizard with what happened, a download of every
// stored draft plus the open draft as of its last change, and a reload link.

const mounted = [];
let snapshot = null;

export function hotgate_register(root, prefix) {
  mounted.push({ root, prefix });
}

export function hotgate_unregister(root) {
  const at = mounted.findIndex((m) => m.root === root);
  if (at >= 0) mounted.splice(at, 1);
}

export function hotgate_snapshot(json) {
  snapshot = json;
}

// Every stored draft under `prefix`, as stored (storage may be unusable).
function storedDrafts(prefix) {
  const drafts = [];
  try {
    const storage = window.localStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(prefix)) {
        const text = storage.getItem(key);
        if (text !== null) drafts.push(text);
      }
    }
  } catch {
    // Nothing stored can be read: the snapshot is still offered.
  }
  return drafts;
}

function el(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children); // strings become text nodes, never HTML
  return element;
}

export function hotgate_recover(message) {
  console.error(`hotgate: internal error: ${message}`);
  for (const { root, prefix } of mounted) {
    const drafts = storedDrafts(prefix);
    if (snapshot !== null) drafts.push(snapshot);
    // A JSON object holding the drafts' own JSON texts, kept verbatim.
    const body = `{"hotgate_recovery": 1, "drafts": [${drafts.join(',')}]}`;
    let link = '';
    try {
      const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
      link = el('a', { class: 'hg-primary', href: url, download: 'hotgate-recovery.json' }, 'Download your drafts');
    } catch {
      // No download without Blob URLs; the drafts stay in storage.
    }
    const view = el('div', { class: 'hg' },
      el('div', { class: 'hg-main hg-crash', role: 'alert' },
        el('h1', {}, 'Hotgate stopped working'),
        el('p', {}, 'An internal error stopped the wizard on this page. Your drafts are saved in this browser; '
          + 'the download below also holds your latest changes.'),
        link, ' ',
        el('a', { href: '' }, 'Reload the page'),
        el('details', {}, el('summary', {}, 'Technical details'), el('pre', {}, message))));
    root.replaceChildren(view);
  }
}
