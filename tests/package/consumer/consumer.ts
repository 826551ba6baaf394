// An example portal written in TypeScript against the installed package.
// The package test type-checks it with tsc (strict) and runs it in Node.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  initSync,
  version,
  checkPolicy,
  loadPolicy,
  mount,
  unmount,
  type Decision,
  type Diagnostic,
  type Evaluation,
  type HotgatePolicy,
  type Incident,
  type InputSummary,
  type MountOptions,
  type WizardEvent,
} from 'hotgate';
import type { HotgateWizard } from 'hotgate/element';

const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('hotgate/hotgate_bg.wasm')) });

function load(text: string): HotgatePolicy {
  const loaded = loadPolicy(text);
  if (loaded.status === 'failure') {
    const lines = loaded.diagnostics.map((d: Diagnostic) => `${d.line}:${d.column} ${d.message}`);
    throw new Error(lines.join('\n'));
  }
  return loaded.policy;
}

function approverRoles(decision: Decision): string[] {
  return decision.approvers.map((a) => a.id);
}

/** Portals that render their own form read the questions. */
export function askedFirst(policy: HotgatePolicy): InputSummary[] {
  return policy.inputs().filter((input) => input.ask_when === null);
}

/** Type-checked only (Node has no DOM): embedding the whole wizard. */
export function embed(root: Element, policy: string, onReady: (e: WizardEvent) => void): number | null {
  const options: MountOptions = { policy, namespace: 'portal', onReadyToDeploy: onReady };
  const mounted = mount(root, options);
  return mounted.status === 'success' ? mounted.handle : null;
}
export function remove(handle: number): boolean {
  return unmount(handle);
}
export function elementHandle(element: HotgateWizard): number | null {
  return element.handle;
}

// The shipped policies are plain files in the package.
const policy = load(readFileSync(require.resolve('hotgate/policies/default.toml'), 'utf8'));
const incident: Incident = { title: 'Card payments fail', severity: 'P1', customer_facing: true };
const answer: Evaluation = policy.evaluate(incident);
if (answer.status !== 'success') throw new Error(answer.errors.map((e) => e.message).join('; '));
const bad = checkPolicy('[policy]\nid = "x"\n');
const diagnostics = bad.status === 'failure' ? bad.diagnostics.length : 0;

console.log(
  JSON.stringify({
    version: version(),
    verdict: answer.decision.verdict,
    approvers: approverRoles(answer.decision),
    asked: askedFirst(policy).length,
    diagnostics,
  }),
);
