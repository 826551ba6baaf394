// The example portal's own script: a widget on the evaluation API, and a
// log of the events the two embedded wizards send.
import init, { loadPolicy } from './pkg/hotgate.js';

const policyText = fetch('pkg/policies/default.toml').then((response) => {
  if (!response.ok) throw new Error(`the default policy did not load (HTTP ${response.status})`);
  return response.text();
});
const [text] = await Promise.all([policyText, init()]);
const loaded = loadPolicy(text);
if (loaded.status !== 'success') throw new Error('the default policy does not load');
const policy = loaded.policy;

const $ = (id) => document.getElementById(id);
function update() {
  const answer = policy.evaluate({
    title: 'Quick check',
    severity: $('widget-severity').value,
    security_vulnerability: $('widget-security').checked,
    workaround_available: $('widget-workaround').checked,
  });
  if (answer.status === 'success') {
    const d = answer.decision;
    $('widget-verdict').textContent = `${d.verdict.replace('_', ' ')}: ${d.reason}`;
    $('widget-verdict').dataset.verdict = d.verdict;
    $('widget-approvers').textContent = `Approvers: ${d.approvers.map((a) => a.label).join(', ')}`;
  } else {
    $('widget-verdict').textContent = answer.errors.map((e) => e.message).join('; ');
  }
}
for (const id of ['widget-severity', 'widget-security', 'widget-workaround']) $(id).addEventListener('change', update);
update();

for (const kind of ['hotgate-mounted', 'hotgate-change', 'hotgate-ready', 'hotgate-error']) {
  document.addEventListener(kind, (event) => {
    const item = document.createElement('li');
    const d = event.detail ?? {};
    item.textContent = `${event.target.id}: ${kind}${d.title ? ` — ${d.title} (${d.verdict}, ${d.blockers} blockers)` : ''}`;
    $('event-log').prepend(item);
  });
}
document.body.dataset.ready = 'true';
