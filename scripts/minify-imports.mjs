// Gives the wasm's function imports one-letter names in one module, and
// rewrites wasm-bindgen's glue to match: `node scripts/minify-imports.mjs
// www/pkg/hotgate_bg.wasm www/pkg/hotgate.js`.
//
// wasm-bindgen names every import like `__wbg_setAttribute_2a8f647a8d92c712`
// in a module named `./hotgate_bg.js`; the wasm carries all of those names
// (2.5 KB after gzip). Only the glue's import object refers to them, so
// renaming is safe; every rewrite below must match exactly, or the build
// stops with an error rather than produce a module that cannot load.
import { readFileSync, writeFileSync } from 'node:fs';

const [wasmPath, jsPath] = process.argv.slice(2);
const fail = (message) => {
  console.error(`minify-imports: ${message}`);
  process.exit(1);
};
if (!wasmPath || !jsPath) fail('usage: minify-imports.mjs <module.wasm> <glue.js>');

const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
const utf8 = (text) => Buffer.concat([leb(Buffer.byteLength(text)), Buffer.from(text)]);

// a, b, …, Z, then aa, ab, …: never `__proto__` or anything with `_`.
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
function shortName(index) {
  let name = '';
  do {
    name = LETTERS[index % LETTERS.length] + name;
    index = Math.floor(index / LETTERS.length) - 1;
  } while (index >= 0);
  return name;
}

// The import section, rewritten; `renamed` keeps [module, name, new name].
const renamed = [];
const parts = [wasm.subarray(0, 8)];
let at = 8;
while (at < wasm.length) {
  const start = at;
  const id = wasm[at++];
  let size;
  [size, at] = readLeb(wasm, at);
  const end = at + size;
  if (id !== 2) {
    parts.push(wasm.subarray(start, end));
    at = end;
    continue;
  }
  let count;
  [count, at] = readLeb(wasm, at);
  const entries = [leb(count)];
  for (let i = 0; i < count; i++) {
    let length;
    [length, at] = readLeb(wasm, at);
    const module = wasm.toString('utf8', at, at + length);
    at += length;
    [length, at] = readLeb(wasm, at);
    const name = wasm.toString('utf8', at, at + length);
    at += length;
    const kind = wasm[at];
    if (kind !== 0) fail(`import ${module} ${name} is not a function (kind ${kind})`);
    const descStart = at;
    at = readLeb(wasm, at + 1)[1];
    const short = shortName(renamed.length);
    renamed.push([module, name, short]);
    entries.push(utf8('a'), utf8(short), wasm.subarray(descStart, at));
  }
  if (at !== end) fail('the import section did not read to its end');
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), leb(body.length), body);
}
if (renamed.length === 0) fail('no imports found');

// The glue: keys of `import0` for wasm-bindgen's own module; the snippet
// modules' functions are added to the same object.
const GLUE = './hotgate_bg.js';
const snippets = new Map();
for (const [module, name, short] of renamed) {
  if (module === GLUE) {
    const key = `\n        ${name}: function(`;
    const found = js.split(key).length - 1;
    if (found !== 1) fail(`expected one definition of ${name} in the glue, found ${found}`);
    js = js.replace(key, `\n        ${short}: function(`);
  } else {
    if (!snippets.has(module)) snippets.set(module, []);
    snippets.get(module).push([name, short]);
  }
}
const returned = /\n    return \{\n        __proto__: null,\n        "\.\/hotgate_bg\.js": import0,\n((?:        "[^"\n]+": import\d+,\n)*)    \};\n/;
const match = js.match(returned);
if (!match) fail('the glue no longer returns its imports in the expected shape');
const namespaces = new Map(
  [...match[1].matchAll(/"([^"\n]+)": (import\d+),/g)].map(([, module, binding]) => [module, binding]),
);
const extra = [];
for (const [module, functions] of snippets) {
  const binding = namespaces.get(module);
  if (!binding) fail(`no namespace for ${module}`);
  for (const [name, short] of functions) extra.push(`${short}: ${binding}.${name}`);
}
js = js.replace(
  returned,
  `\n    return { __proto__: null, a: Object.assign(import0, { ${extra.join(', ')} }) };\n`,
);

writeFileSync(wasmPath, Buffer.concat(parts));
writeFileSync(jsPath, js);
