//! The TypeScript shapes of the JS API, appended to the generated
//! `hotgate.d.ts`. They mirror the serde types of `api`, `decision` and
//! `incident`; the browser tests check the objects against them.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** One problem in a policy, at a 1-based line and column. */
export interface Diagnostic {
  kind: "toml-syntax" | "unknown-key" | "missing-key" | "wrong-type" | "invalid-value" | "duplicate-id"
    | "unknown-input" | "type-mismatch" | "unknown-option" | "expression-syntax" | "template-syntax"
    | "ask-when-cycle" | "no-qualification-rule" | "limit-exceeded" | "not-utf8";
  message: string;
  help: string | null;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** A second place that explains this one (where a duplicated id was first defined). */
  related: RelatedSpan | null;
}

/** A second place a diagnostic points at, with what it shows there. */
export interface RelatedSpan {
  label: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

export interface OptionSummary { value: string; label: string; }

/** One question of a policy. */
export interface InputSummary {
  id: string;
  label: string;
  help: string;
  type: "bool" | "int" | "choice" | "text";
  required: boolean;
  /** The condition under which it is asked; null: always. */
  ask_when: string | null;
  min: number | null;
  max: number | null;
  options: OptionSummary[];
  max_length: number | null;
  multiline: boolean;
}

export interface PolicySummary {
  id: string;
  name: string;
  version: string;
  description: string;
  hash: string;
  inputs: InputSummary[];
}

export type PolicyCheck =
  | { status: "success"; policy: PolicySummary }
  | { status: "failure"; diagnostics: Diagnostic[] };

export type PolicyLoad =
  | { status: "success"; policy: HotgatePolicy }
  | { status: "failure"; diagnostics: Diagnostic[] };

/** Answers by input id: booleans, whole numbers, option values or text. */
export type Incident = Record<string, boolean | number | string | null>;

export type Verdict = "qualifies" | "needs_review" | "rejected";
export type Value = boolean | number | string | null;

/** Why a decision item is there. */
export interface Why {
  rule: string;
  condition: string | null;
  inputs: Record<string, Value>;
}

interface Item { id: string; label: string; description: string; why: Why; }
export interface ApproverItem extends Item { count: number; }
export interface TestItem extends Item { waiver_role: string | null; }
export interface CommunicationItem extends Item {
  audience: string;
  channel: string;
  phase: "before_deploy" | "during" | "after_deploy";
  message: string;
}
export interface BlockerItem extends Item { cleared_by: string | null; }
export interface DeadlineItem extends Item { minutes: number; starts: "incident" | "deployment"; }
export interface FollowUpItem extends Item { due_days: number | null; business_days: boolean; }
export interface RecordFieldItem { id: string; label: string; help: string; required: boolean; multiline: boolean; }

/** A decision: the same shape as `hotgate eval` prints. */
export interface Decision {
  policy: { id: string; version: string; hash: string };
  verdict: Verdict;
  reason: string;
  why: Why;
  /** The questions asked without a valid answer: counted as no, 0 or nothing. */
  unanswered: string[];
  approvers: ApproverItem[];
  tests: TestItem[];
  communications: CommunicationItem[];
  blockers: BlockerItem[];
  deadlines: DeadlineItem[];
  follow_ups: FollowUpItem[];
  record_fields: RecordFieldItem[];
}

export interface FieldError {
  /** The input id; "" for the incident as a whole. */
  field: string;
  kind: "not_an_object" | "unknown_field" | "duplicate" | "wrong_type" | "out_of_range"
    | "unknown_option" | "too_long" | "missing" | "too_many_fields";
  message: string;
}

export type Evaluation =
  | { status: "success"; decision: Decision }
  | { status: "failure"; errors: FieldError[] };

export interface Assessment { decision: Decision; errors: FieldError[]; hidden: string[]; }

export interface AuditOptions {
  /** "ready": only what deployment needs (a pipeline's gate); "closed" (default): a complete record. */
  until?: "ready" | "closed";
  /** Audit as of this time, ms since the epoch (default now). */
  asOf?: number;
}

/** One problem of an audited record: a stable code, its place in the file, and what. */
export interface AuditProblem { code: string; at: string; message: string; }

export type AuditResult =
  | { status: "success"; until: "ready" | "closed"; stage: WizardEvent["stage"]; problems: AuditProblem[] }
  | { status: "failure"; error: string };

/** What a mounted wizard reports to its portal. */
export interface WizardEvent {
  draftId: string;
  title: string;
  verdict: Verdict | "incomplete";
  readyToDeploy: boolean;
  blockers: number;
  step: string;
  /** Where the hotfix is in its life, as the page says it in `stageText`. */
  stage: "draft" | "ready" | "deployed" | "verified" | "closed";
  stageText: string;
}

export interface MountOptions {
  /** Policy TOML text (the package ships the default as `policies/default.toml`). */
  policy: string;
  /** Drafts are stored under this localStorage prefix (default "hotgate"). */
  namespace?: string;
  /** The wizard keeps its view in the URL fragment (`#/draft/ID/approvals`): reload resumes there,
   * back and forward move between views. Only for a wizard that has the page to itself (default false). */
  url?: boolean;
  /** Called after every change to the open draft. */
  onChange?: (event: WizardEvent) => void;
  /** Called when the open draft becomes ready to deploy. */
  onReadyToDeploy?: (event: WizardEvent) => void;
}

export type MountResult =
  | { status: "success"; handle: number }
  | { status: "failure"; error: string; diagnostics: Diagnostic[] };
"#;
