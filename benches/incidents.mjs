// The benchmarks' 10,000 deterministic pseudo-random incidents for the
// default policy (the same distribution as benches/engine.rs).
export function incidents(n = 10_000) {
  let state = 0x5eed1234abcd0001n;
  const mask = (1n << 64n) - 1n;
  const next = () => {
    state ^= state >> 12n;
    state ^= (state << 25n) & mask;
    state ^= state >> 27n;
    return (state * 0x2545f4914f6cdd1dn) & mask;
  };
  const below = (k) => Number(next() % BigInt(k));
  const out = [];
  for (let i = 0; i < n; i++) {
    const incident = { title: `Incident ${i}`, severity: ['P1', 'P2', 'P3', 'P4'][below(4)] };
    for (const id of ['security_vulnerability', 'actively_exploited', 'customer_facing', 'data_loss', 'regulated',
      'workaround_available', 'has_rollback_plan', 'automated_tests_available']) {
      incident[id] = (next() & 1n) === 1n;
    }
    incident.affected_users = below(100_000);
    incident.change_size_lines = below(1_000);
    out.push(incident);
  }
  return out;
}

/** Median and 99th percentile of `samples`. */
export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.round((sorted.length - 1) * q)];
  return { median: at(0.5), p99: at(0.99) };
}
