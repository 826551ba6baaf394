// The wasm build in Node: the engine alone (inside wasm) and the full JS
// API round trip (incident object in, complete decision object out).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { incidents, stats } from './incidents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { initSync, loadPolicy } = await import(join(root, 'www', 'pkg', 'hotgate.js'));
initSync({ module: readFileSync(join(root, 'www', 'pkg', 'hotgate_bg.wasm')) });
const text = readFileSync(join(root, 'policies', 'default.toml'), 'utf8');
const policy = loadPolicy(text).policy;
const all = incidents();

const engine = [];
for (let round = 0; round < 20; round++) engine.push(policy.benchmark(all, 1));
const batched = (fn) => {
  const samples = [];
  for (let i = 0; i < all.length; i += 50) {
    const batch = all.slice(i, i + 50);
    const start = performance.now();
    for (const incident of batch) fn(incident);
    samples.push(((performance.now() - start) * 1000) / batch.length);
  }
  return stats(samples);
};
all.forEach((i) => policy.evaluate(i)); // warm up
const roundTrip = batched((i) => {
  if (policy.evaluate(i).status !== 'success') throw new Error('invalid incident');
});
const loads = [];
for (let i = 0; i < 300; i++) {
  const start = performance.now();
  loadPolicy(text).policy.free();
  loads.push((performance.now() - start) * 1000);
}
const e = stats(engine);
const load = stats(loads);
console.log('| wasm in Node | median µs | p99 µs |');
console.log('|---|---:|---:|');
console.log(`| engine alone inside wasm (\`benchmark\`, 20 rounds of 10,000) | ${e.median.toFixed(3)} | ${e.p99.toFixed(3)} |`);
console.log(`| full JS API round trip (\`evaluate\`, object in, decision object out; batches of 50) | ${roundTrip.median.toFixed(2)} | ${roundTrip.p99.toFixed(2)} |`);
console.log(`| default policy load (\`loadPolicy\`) | ${load.median.toFixed(1)} | ${load.p99.toFixed(1)} |`);
