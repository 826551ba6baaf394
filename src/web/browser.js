// The page's plain JavaScript, called from Rust through wasm-bindgen:
// browser services that are JavaScript APIs anyway (`src/web/browser.rs`
// wraps them), and the last-resort recovery view (`src/web/panic.rs`).
// Text is always set as text, never parsed as HTML. Failures are answered,
// never thrown across.

// ---- Browser services ----

/** A draft id: `d`, the time and a random number below 36^6, in base 36. */
export function hotgate_new_id() {
  const random = Math.floor(Math.random() * 36 ** 6);
  return `d${Date.now().toString(36)}${random.toString(36)}`;
}

let localTime = null;

/** `22 Nov 2026, 04:07` in the user's locale (the formatter is made once). */
export function hotgate_local_time(ms) {
  // (`timeZoneName` cannot be combined with `dateStyle` and `timeStyle`.)
  localTime ??= new Intl.DateTimeFormat([], {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  });
  return localTime.format(new Date(ms));
}

const two = (n) => String(n).padStart(2, '0');

/** The `datetime-local` form of an instant, in local time. */
export function hotgate_datetime_local(ms) {
  const d = new Date(ms);
  return `${String(d.getFullYear()).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`
    + `T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * The instant at which local clocks show the wall-clock time `wall` (ms
 * whose UTC fields are the year, month, day, hours and minutes typed);
 * undefined when they never show it (the hour skipped when the clocks go
 * forward).
 */
export function hotgate_local_instant(wall) {
  const w = new Date(wall);
  const [y, mo, d, h, mi] = [w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes()];
  // (`setFullYear`, not the constructor, which reads years 0–99 as 19xx.)
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, mo, d);
  date.setHours(h, mi, 0, 0);
  const same = date.getFullYear() === y && date.getMonth() === mo && date.getDate() === d
    && date.getHours() === h && date.getMinutes() === mi;
  return same ? date.getTime() : undefined;
}

let zoneName = null;

/**
 * The local time zone by name, `Europe/Berlin` (not today's offset: a time
 * typed for another day is read with that day's), else today's offset,
 * `UTC+01:00`. (Looked up once, as the time formatter is made once: the
 * Incident step says it at every keystroke.)
 */
export function hotgate_zone() {
  zoneName ??= Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  if (zoneName) return zoneName === 'Etc/UTC' ? 'UTC' : zoneName;
  const offset = -new Date().getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** A JS error as text. */
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}

/** Offers `text` as a file named `name`; answers what went wrong, if anything. */
export function hotgate_download(name, mime, text) {
  try {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoke later: the download may read the URL asynchronously.
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return undefined;
  } catch (error) {
    return describe(error);
  }
}

/** Copies `text`, then shows `copied` or `failed` in the element `statusId`. */
export function hotgate_copy(text, statusId, copied, failed) {
  const show = (message) => {
    const status = document.getElementById(statusId);
    if (status) status.textContent = message;
  };
  try {
    navigator.clipboard.writeText(text).then(() => show(copied), () => show(failed));
  } catch {
    show(failed);
  }
}

/**
 * Opens the file chooser of `input`, from inside the wizard's click
 * handler: the input's own click must not bubble back to that handler
 * while it runs (a closure called again from within itself).
 */
export function hotgate_choose_file(input) {
  input.addEventListener('click', (event) => event.stopPropagation(), { once: true });
  input.click();
}

/**
 * Reads the file chosen in `input` as text, then dispatches a `hotgate-file`
 * event on `input` (it bubbles to the wizard's root, which handles it and
 * stops it there) with `detail` `{ name, text }` or `{ name, error }`.
 * The input is cleared, so that choosing the same file again reads it again.
 */
export function hotgate_read_file(input) {
  const file = input.files?.[0];
  if (!file) return;
  const send = (detail) => input.dispatchEvent(new CustomEvent('hotgate-file', { bubbles: true, detail }));
  file.text().then((text) => send({ name: file.name, text }), (error) => send({ name: file.name, error: describe(error) }));
  input.value = '';
}

// ---- Last-resort recovery ----
//
// A panic in wasm stops the module for the whole page, so what the user
// sees then must not need it. `src/web/panic.rs` registers each mounted
// wizard and the open draft's latest JSON here, and its panic hook calls
// `hotgate_recover`, which replaces every mounted wizard with what
// happened, a download of every stored draft plus the open draft as of its
// last change, and a reload link.

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
