// Builds a decision object from a policy's templates (made once per policy
// by `src/web/wire.rs`) and the compact result of one evaluation (numbers
// and strings from wasm). The templates are the policy's explained items,
// so nothing here knows an item kind or a field: each item is a copy of its
// template, with the fields its kind lists as varying and its *why* filled
// in from the numbers, in the order `wire.rs` writes them.

// Copies of an item's template. Each kind's items have their own object
// shape, and V8 copies an object fast only at a site that has seen at most
// four shapes: one site for every kind made building a decision more than
// twice as slow (measured in Node). Four sites, each shared by every fourth
// kind, keep it fast up to sixteen kinds.
const COPIES = [
  (fixed) => ({ ...fixed }),
  (fixed) => ({ ...fixed }),
  (fixed) => ({ ...fixed }),
  (fixed) => ({ ...fixed }),
];

export function hotgate_build(t, n, text) {
  let k = 0;
  // A varying string: its UTF-16 offset and length in `text`.
  const str = () => {
    const at = n[k++];
    return text.slice(at, at + n[k++]);
  };
  // A varying field, of the type its template holds; an array is a message
  // template: the texts around its placeholders, whose values are sent.
  const value = (template) => {
    if (typeof template === 'string') return str();
    if (typeof template === 'boolean') return n[k++] === 1;
    if (Array.isArray(template)) {
      let text = template[0];
      for (let i = 1; i < template.length; i++) text += str() + template[i];
      return text;
    }
    return n[k++];
  };
  const why = (rule, conditions) => {
    const c = n[k++];
    const inputs = {};
    for (let count = n[k++]; count > 0; count--) {
      const input = n[k++];
      const tag = n[k++];
      inputs[input < 0 ? 'verdict' : t.inputs[input]] =
        tag === 0 ? false : tag === 1 ? true : tag === 2 ? n[k++] : tag === 3 ? str() : null;
    }
    return { rule, condition: c < 0 ? null : conditions[c], inputs };
  };
  const decision = { ...t.shape };
  decision.policy = { ...t.policy };
  decision.verdict = t.verdicts[n[k++]];
  const ruleIndex = n[k++];
  const rule = ruleIndex < 0 ? t.fallback : t.rules[ruleIndex];
  decision.reason = rule.reason;
  decision.why = why(rule.rule, rule.conditions);
  for (let i = 0; i < t.kinds.length; i++) {
    const kind = t.kinds[i];
    const copy = COPIES[i % COPIES.length];
    const items = [];
    for (let c = n[k++]; c > 0; c--) {
      const template = kind.items[n[k++]];
      const item = copy(template.fixed);
      for (const key of kind.varying) item[key] = value(item[key]);
      item.why = why(template.rule, template.conditions);
      items.push(item);
    }
    decision[kind.key] = items;
  }
  const record = [];
  for (const template of t.record) {
    const field = { ...template };
    for (const key of t.recordVarying) field[key] = value(field[key]);
    record.push(field);
  }
  decision.record_fields = record;
  const unanswered = [];
  for (let c = n[k++]; c > 0; c--) unanswered.push(t.inputs[n[k++]]);
  decision.unanswered = unanswered;
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
