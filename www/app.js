// Bootstrap of the page: loads the engine and shows its decision for the
// incident being entered. All policy logic is in the Rust engine; this file
// only turns form fields into a plain incident object and the decision into
// text. User and policy text is set with textContent, never as HTML.
import init, { Engine, defaultPolicy } from './pkg/hotgate.js';

const $ = (id) => document.getElementById(id);

function element(tag, attrs = {}, text = '') {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  if (text) el.textContent = text;
  return el;
}

function renderQuestions(summary) {
  const box = $('questions');
  for (const input of summary.inputs) {
    const row = element('div', { class: 'question', 'data-input': input.id });
    const id = `q-${input.id}`;
    if (input.type === 'bool') {
      const box = element('input', { type: 'checkbox', id, name: input.id });
      row.append(box, element('label', { for: id }, input.label));
    } else {
      row.append(element('label', { for: id }, input.label + (input.required ? ' *' : '')));
      let field;
      if (input.type === 'choice') {
        field = element('select', { id, name: input.id });
        field.append(element('option', { value: '' }, '— choose —'));
        for (const option of input.options) field.append(element('option', { value: option.value }, option.label));
      } else if (input.type === 'int') {
        field = element('input', { type: 'number', id, name: input.id, inputmode: 'numeric' });
        if (input.min !== null) field.setAttribute('min', input.min);
      } else {
        field = element('input', { type: 'text', id, name: input.id });
      }
      row.append(field);
    }
    if (input.help) row.append(element('p', { class: 'help' }, input.help));
    box.append(row);
  }
}

function incidentFromForm(summary) {
  const incident = {};
  for (const input of summary.inputs) {
    const field = document.getElementById(`q-${input.id}`);
    if (input.type === 'bool') incident[input.id] = field.checked;
    else if (input.type === 'int') {
      if (field.value !== '') incident[input.id] = Number(field.value);
    } else if (field.value !== '') incident[input.id] = field.value;
  }
  return incident;
}

const VERDICT_TEXT = { qualifies: 'Qualifies for a hotfix', needs_review: 'Needs review', rejected: 'Rejected' };

function renderDecision(assessment) {
  const errors = $('errors');
  const requirements = $('requirements');
  errors.replaceChildren();
  requirements.replaceChildren();
  // Questions the policy does not ask for this incident are hidden.
  for (const row of document.querySelectorAll('.question')) {
    row.hidden = assessment.hidden.includes(row.dataset.input);
  }
  if (assessment.errors.length > 0) {
    $('verdict').textContent = 'Incomplete';
    $('verdict').dataset.verdict = 'incomplete';
    $('reason').textContent = 'Answer the questions marked * to see the decision.';
    for (const e of assessment.errors) errors.append(element('li', {}, e.message));
    return;
  }
  const d = assessment.decision;
  $('verdict').textContent = VERDICT_TEXT[d.verdict];
  $('verdict').dataset.verdict = d.verdict;
  $('reason').textContent = d.reason;
  const groups = [
    ['Approvers', d.approvers],
    ['Minimum testing', d.tests],
    ['Communications', d.communications],
    ['Blockers', d.blockers],
    ['Follow-ups', d.follow_ups],
  ];
  for (const [title, items] of groups) {
    const section = element('section', { class: 'group' });
    section.append(element('h3', {}, `${title} (${items.length})`));
    const list = element('ul');
    for (const item of items) {
      const li = element('li', { 'data-id': item.id }, item.label);
      const inputs = Object.entries(item.why.inputs).map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
      if (item.why.condition) li.append(element('span', { class: 'why' }, ` — because ${inputs.join(', ')}`));
      list.append(li);
    }
    section.append(list);
    requirements.append(section);
  }
}

async function main() {
  await init();
  const engine = new Engine(defaultPolicy());
  const summary = engine.summary();
  $('policy-name').textContent = `Policy in force: ${summary.name} (${summary.id} ${summary.version})`;
  renderQuestions(summary);
  const update = () => renderDecision(engine.assess(incidentFromForm(summary)));
  $('incident').addEventListener('input', update);
  $('incident').addEventListener('change', update);
  update();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('policy-name').textContent = `Hotgate could not start: ${error?.message ?? error}`;
});
