// One fresh Node process driving the JS API the way benchmarks and batch
// jobs do (run by stress.test.mjs): 10,000 varied incidents, some of them
// invalid, through the default policy (and the first 1,000 through the
// other shipped policies, for which most are invalid), in plain loops and
// in array callbacks, each call timed with process.hrtime.bigint() and the
// decision's item ids read back. It prints one line of totals; a V8 crash
// would kill the process instead.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { incidents } from '../../benches/incidents.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { initSync, loadPolicy } = await import(join(root, 'www', 'pkg', 'hotgate.js'));
initSync({ module: readFileSync(join(root, 'www', 'pkg', 'hotgate_bg.wasm')) });
const policies = ['default', 'enterprise', 'small-team'].map(
  (name) => loadPolicy(readFileSync(join(root, 'policies', `${name}.toml`), 'utf8')).policy,
);
// Every 97th incident is not one: null, a list, a string, unknown options.
const odd = [null, [], 'x', 5, { severity: 'P9' }, { title: 3 }, {}];
const all = incidents().map((incident, i) => (i % 97 === 0 ? odd[i % odd.length] : incident));

let ids = 0;
let errors = 0;
let nanoseconds = 0n;
const evaluate = (policy, incident) => {
  const started = process.hrtime.bigint();
  const answer = policy.evaluate(incident);
  nanoseconds += process.hrtime.bigint() - started;
  if (answer.status === 'success') {
    for (const value of Object.values(answer.decision)) {
      if (Array.isArray(value)) ids += value.map((item) => item.id).length;
    }
  } else {
    errors += answer.errors.length;
  }
};
policies.forEach((policy, i) => {
  const some = i === 0 ? all : all.slice(0, 1000);
  for (const incident of some) evaluate(policy, incident);
  some.forEach((incident) => evaluate(policy, incident));
  some.map((incident) => evaluate(policy, incident));
});
console.log(JSON.stringify({ ids, errors, timed: nanoseconds > 0n }));
