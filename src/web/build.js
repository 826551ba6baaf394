// Builds a decision object from a policy's templates (made once per policy)
// and the compact result of one evaluation (numbers and strings from wasm).
// This replaces converting the whole decision field by field: the fixed
// texts are shared JS strings, so only what varies crosses the boundary.
// The layout of `n` is written by `src/web/wire.rs`; keep the two in step.
const VERDICTS = ['qualifies', 'needs_review', 'rejected'];

export function hotgate_build(t, n, text) {
  let k = 0;
  // A varying string: its UTF-16 offset and length in `text`.
  const str = () => {
    const at = n[k++];
    return text.slice(at, at + n[k++]);
  };
  const why = (rule, condition) => {
    const inputs = {};
    for (let count = n[k++]; count > 0; count--) {
      const input = n[k++];
      const tag = n[k++];
      inputs[input < 0 ? 'verdict' : t.inputs[input]] =
        tag === 0 ? false : tag === 1 ? true : tag === 2 ? n[k++] : tag === 3 ? str() : null;
    }
    return { rule, condition, inputs };
  };
  const verdict = VERDICTS[n[k++]];
  const ruleIndex = n[k++];
  const rule = ruleIndex < 0 ? t.fallback : t.rules[ruleIndex];
  const decision = {
    policy: { id: t.policy.id, version: t.policy.version, hash: t.policy.hash },
    verdict,
    reason: rule.reason,
    why: why(rule.rule, rule.condition),
    approvers: [],
    tests: [],
    communications: [],
    blockers: [],
    deadlines: [],
    follow_ups: [],
    record_fields: [],
  };
  for (let c = n[k++]; c > 0; c--) {
    const a = t.approvers[n[k++]];
    decision.approvers.push({ id: a.id, label: a.label, description: a.description, count: a.count, why: why(a.rule, a.condition) });
  }
  for (let c = n[k++]; c > 0; c--) {
    const x = t.tests[n[k++]];
    decision.tests.push({ id: x.id, label: x.label, description: x.description, waiver_role: x.waiver_role, why: why(x.rule, x.condition) });
  }
  for (let c = n[k++]; c > 0; c--) {
    const x = t.communications[n[k++]];
    const message = str();
    decision.communications.push({
      id: x.id, label: x.label, description: x.description, audience: x.audience, channel: x.channel,
      phase: x.phase, message, why: why(x.rule, x.condition),
    });
  }
  for (let c = n[k++]; c > 0; c--) {
    const x = t.blockers[n[k++]];
    decision.blockers.push({ id: x.id, label: x.label, description: x.description, cleared_by: x.cleared_by, why: why(x.rule, x.condition) });
  }
  for (let c = n[k++]; c > 0; c--) {
    const x = t.deadlines[n[k++]];
    const minutes = n[k++];
    const caseIndex = n[k++];
    const condition = caseIndex < 0 ? x.condition : x.cases[caseIndex];
    decision.deadlines.push({ id: x.id, label: x.label, description: x.description, minutes, starts: x.starts, why: why(x.rule, condition) });
  }
  for (let c = n[k++]; c > 0; c--) {
    const x = t.follow_ups[n[k++]];
    decision.follow_ups.push({
      id: x.id, label: x.label, description: x.description, due_days: x.due_days,
      business_days: x.business_days, why: why(x.rule, x.condition),
    });
  }
  for (const r of t.record) {
    decision.record_fields.push({ id: r.id, label: r.label, help: r.help, required: n[k++] === 1, multiline: r.multiline });
  }
  return { status: 'success', decision };
}

// Reads an incident object for the engine: for each own key, in order,
// four numbers: the input it answers (-1: unknown), the index of the key in
// the strings (unknown keys only, else -1), a type tag, and the value (a
// number, 0/1, or the index of a string). Only unknown keys and text answers
// cross as strings. Tags: 0 null/undefined, 1 bool, 2 number, 3 string,
// 4 array, 5 other object, 6 anything else.
export function hotgate_read(t, incident) {
  // Input id -> index, made once per policy's templates.
  const index = t.index || (t.index = new Map(t.inputs.map((id, i) => [id, i])));
  const keys = Object.keys(incident);
  const n = new Float64Array(keys.length * 4);
  const s = [];
  let k = 0;
  for (const key of keys) {
    const input = index.has(key) ? index.get(key) : -1;
    n[k++] = input;
    n[k++] = input < 0 ? s.push(key) - 1 : -1;
    const v = incident[key];
    if (v === null || v === undefined) {
      n[k++] = 0;
      k++;
    } else if (typeof v === 'boolean') {
      n[k++] = 1;
      n[k++] = v ? 1 : 0;
    } else if (typeof v === 'number') {
      n[k++] = 2;
      n[k++] = v;
    } else if (typeof v === 'string') {
      n[k++] = 3;
      n[k++] = s.push(v) - 1;
    } else {
      n[k++] = Array.isArray(v) ? 4 : typeof v === 'object' ? 5 : 6;
      k++;
    }
  }
  return [n, s];
}
