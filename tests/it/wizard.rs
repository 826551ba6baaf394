//! The wizard state machine, natively: a P1 security hotfix walked from the
//! first answer to *ready to deploy*, the rules on the way, and drafts in a
//! store.

use std::rc::Rc;

use hotgate::incident::Answer;
use hotgate::incident::Value;
use hotgate::policy::{self, Policy, Verdict};
use hotgate::wizard::draft::{DraftError, SerdeJson};
use hotgate::wizard::read as draft;
use hotgate::wizard::store::{Drafts, MemoryStore, SaveError, StoreError};
use hotgate::wizard::{Action, BlockerKind, Draft, Step, TestStatus, Wizard, record, words};

use crate::support::{read, root};

const T0: i64 = 1_795_316_879_000;

fn default_policy() -> Rc<Policy> {
    Rc::new(policy::load(&read(&root().join("policies/default.toml"))).unwrap())
}

fn new_wizard() -> Wizard {
    let policy = default_policy();
    Wizard::open(policy.clone(), Draft::new("d1".into(), &policy, T0), T0).0
}

fn answer(w: &mut Wizard, input: &str, value: Answer) {
    w.apply(
        Action::Answer {
            input: input.into(),
            value,
        },
        T0,
    )
    .unwrap();
}

fn refused(w: &mut Wizard, action: Action) -> String {
    w.apply(action, T0).unwrap_err().message()
}

fn blocker_ids(w: &Wizard, kind: BlockerKind) -> Vec<String> {
    w.status()
        .blockers
        .into_iter()
        .filter(|b| b.kind == kind)
        .map(|b| b.id)
        .collect()
}

#[test]
fn an_invalid_optional_answer_is_left_out_and_the_verdict_stands() {
    let mut w = new_wizard();
    answer(&mut w, "title", Answer::Text("x".into()));
    answer(&mut w, "severity", Answer::Text("P1".into()));
    answer(&mut w, "affected_users", Answer::Int(-5));
    let policy = w.policy.clone();
    assert!(hotgate::wizard::verdict_stands(&policy, w.assessment()));
    assert_eq!(
        hotgate::wizard::left_out(&policy, w.assessment()),
        vec!["About how many users are affected?"]
    );
    assert_eq!(w.assessment().decision.verdict, Verdict::Qualifies);
    // A required question without an answer: no verdict yet.
    answer(&mut w, "severity", Answer::Null);
    assert!(!hotgate::wizard::verdict_stands(&policy, w.assessment()));
}

#[test]
fn an_unanswered_question_is_said_to_be_unanswered_and_counts_as_no() {
    let mut w = new_wizard();
    answer(&mut w, "severity", Answer::Text("P1".into()));
    let decision = &w.assessment().decision;
    // Evaluation is unchanged: the rollback blocker holds on "no".
    let rollback = decision
        .blockers
        .iter()
        .find(|b| *b.id == *"rollback-plan-missing")
        .unwrap();
    assert_eq!(
        words::why(&w.policy, decision, &rollback.why),
        "because “Is there a tested way to roll the fix back?”: not answered (counted as no)"
    );
    // Answered, the same *why* speaks the answer and the option's label.
    answer(&mut w, "has_rollback_plan", Answer::Bool(false));
    answer(&mut w, "affected_users", Answer::Int(250_000));
    let decision = &w.assessment().decision;
    let rollback = decision
        .blockers
        .iter()
        .find(|b| *b.id == *"rollback-plan-missing")
        .unwrap();
    assert_eq!(
        words::why(&w.policy, decision, &rollback.why),
        "because “Is there a tested way to roll the fix back?”: no"
    );
    assert_eq!(
        words::why(&w.policy, decision, &decision.why),
        "because “Incident priority”: P1 — critical"
    );
    assert_eq!(
        words::answer(
            &w.policy,
            &decision.unanswered,
            "affected_users",
            &Value::Int(250_000)
        ),
        "250,000"
    );
    // Not asked is not unanswered.
    assert!(
        !decision
            .unanswered
            .iter()
            .any(|u| &**u == "actively_exploited")
    );
    assert!(
        decision
            .unanswered
            .iter()
            .any(|u| &**u == "security_vulnerability")
    );
}

#[test]
fn a_p1_security_hotfix_walks_to_ready_to_deploy() {
    let mut w = new_wizard();
    assert_eq!(
        blocker_ids(&w, BlockerKind::Incident),
        vec!["title", "severity"]
    );
    answer(&mut w, "title", Answer::Text("RCE in upload".into()));
    answer(&mut w, "severity", Answer::Text("P1".into()));
    answer(&mut w, "security_vulnerability", Answer::Bool(true));
    answer(&mut w, "actively_exploited", Answer::Bool(true));
    answer(&mut w, "has_rollback_plan", Answer::Bool(true));
    answer(&mut w, "customer_facing", Answer::Bool(true));
    // Questions asked and not answered block readiness, each by name.
    let unasked = [
        "data_loss",
        "regulated",
        "workaround_available",
        "affected_users",
        "change_size_lines",
        "automated_tests_available",
    ];
    assert_eq!(*w.assessment().decision.unanswered, unasked.map(Rc::from));
    assert_eq!(blocker_ids(&w, BlockerKind::Unanswered), unasked);
    assert!(!w.status().is_complete(Step::Incident));
    assert!(w.status().blockers.iter().any(|b| b.message
        == "Not answered: Is data lost, corrupted or at risk?"
        && b.step == Step::Incident));
    for input in ["data_loss", "regulated", "workaround_available"] {
        answer(&mut w, input, Answer::Bool(false));
    }
    answer(&mut w, "affected_users", Answer::Int(250_000));
    answer(&mut w, "change_size_lines", Answer::Int(40));
    answer(&mut w, "automated_tests_available", Answer::Bool(false));
    let decision = &w.assessment().decision;
    assert!(decision.unanswered.is_empty());
    assert_eq!(decision.verdict, Verdict::Qualifies);
    assert!(w.status().is_complete(Step::Incident));
    assert!(w.status().is_complete(Step::Qualification));

    // Approvals need the author first, and refuse the author.
    let approve = |role: &str, name: &str| Action::Approve {
        role: role.into(),
        name: name.into(),
        comment: String::new(),
        at: None,
    };
    assert!(refused(&mut w, approve("sre-avp", "Ana")).contains("record who wrote the fix"));
    w.apply(Action::SetAuthor("Bo Chen".into()), T0).unwrap();
    assert_eq!(
        refused(&mut w, approve("sre-avp", "  bo   chen ")),
        "bo   chen wrote the fix and cannot approve it"
    );
    assert!(
        refused(&mut w, approve("compliance-officer", "Ana")).contains("not a required approver")
    );
    for (role, name) in [
        ("sre-avp", "Ana"),
        ("dev-lead", "Dev"),
        ("ops-lead", "Ops"),
        ("product-owner", "Pat"),
        ("security-lead", "Sec"),
    ] {
        w.apply(approve(role, name), T0).unwrap();
    }
    assert!(refused(&mut w, approve("sre-avp", "Zed")).contains("already has the approvals"));
    assert!(w.status().is_complete(Step::Approvals));

    // Record fields.
    for field in ["problem", "change", "risks", "rollback-plan"] {
        w.apply(
            Action::SetRecord {
                field: field.into(),
                text: format!("{field} text"),
            },
            T0,
        )
        .unwrap();
    }
    assert!(w.status().is_complete(Step::FixRisk));

    // Tests: a failure blocks; a waiver needs a reason and a non-author.
    let set = |test: &str, status| Action::SetTest {
        test: test.into(),
        status,
        evidence: "https://ci/1".into(),
    };
    w.apply(set("critical-tests", TestStatus::Failed), T0)
        .unwrap();
    assert_eq!(
        blocker_ids(&w, BlockerKind::TestFailed),
        vec!["critical-tests"]
    );
    w.apply(set("critical-tests", TestStatus::Passed), T0)
        .unwrap();
    w.apply(set("peer-review", TestStatus::Passed), T0).unwrap();
    let waive = |reason: &str, by: &str| Action::Waive {
        test: "security-scan".into(),
        reason: reason.into(),
        by: by.into(),
        at: None,
    };
    assert_eq!(
        refused(&mut w, waive(" ", "Sec")),
        "a waiver needs a reason"
    );
    assert!(refused(&mut w, waive("no time", "Bo Chen")).contains("cannot waive"));
    assert!(
        refused(
            &mut w,
            Action::Waive {
                test: "peer-review".into(),
                reason: "x".into(),
                by: "Sec".into(),
                at: None
            }
        )
        .contains("cannot be waived")
    );
    w.apply(waive("scanner down; manual review done", "Sec"), T0)
        .unwrap();
    assert!(w.status().is_complete(Step::Testing));

    // Deployment waits for the before-deploy communications.
    assert!(
        refused(
            &mut w,
            Action::MarkDeployed {
                deployed: true,
                by: "Dee Ops".into(),
                at: None
            }
        )
        .contains("not ready to deploy")
    );
    for id in ["notify-ops", "status-page"] {
        w.apply(
            Action::MarkSent {
                communication: id.into(),
                sent: true,
            },
            T0,
        )
        .unwrap();
    }
    let status = w.status();
    assert!(status.ready_to_deploy, "{:?}", status.blockers);
    w.apply(
        Action::MarkDeployed {
            deployed: true,
            by: "Dee Ops".into(),
            at: None,
        },
        T0 + 60_000,
    )
    .unwrap();
    let deadlines = w.deadlines(T0 + 120_000);
    assert_eq!(deadlines[0].due_at, Some(T0 + 240 * 60_000));
    assert_eq!(deadlines[1].due_at, Some(T0 + 60_000 + 60 * 60_000));

    let md = record::markdown(&w);
    for expected in [
        "# Hotfix record: RCE in upload",
        "Policy: Default hotfix policy (default 1.0.0",
        "**Qualifies for a hotfix.** A security vulnerability is being actively exploited.",
        "Author of the fix: Bo Chen",
        "| SRE AVP | 1 of 1 | Ana | 2026-11-22 03:07 UTC | — |",
        "| Security scan of the fix | waived | by Sec (Security lead), 2026-11-22 03:07 UTC: scanner down; manual review done | — |",
        "- Deployed: by Dee Ops, 2026-11-22 03:08 UTC",
        "State: Deployed, monitoring until 2026-11-22 04:08 UTC",
        "All times are in UTC.",
        "## Timeline",
    ] {
        assert!(md.contains(expected), "{expected:?} missing from\n{md}");
    }
}

#[test]
fn hidden_answers_do_not_count_and_needs_review_needs_a_sign_off() {
    let mut w = new_wizard();
    answer(&mut w, "title", Answer::Text("Search slow".into()));
    answer(&mut w, "severity", Answer::Text("P2".into()));
    answer(&mut w, "workaround_available", Answer::Bool(true));
    answer(&mut w, "actively_exploited", Answer::Bool(true));
    assert_eq!(w.assessment().hidden, vec!["actively_exploited"]);
    assert_eq!(w.assessment().decision.verdict, Verdict::NeedsReview);
    assert!(blocker_ids(&w, BlockerKind::Policy).contains(&"qualification-review".to_string()));
    let sign = |name: &str| Action::SignOff {
        blocker: "qualification-review".into(),
        name: name.into(),
        comment: "scope checked".into(),
        at: None,
    };
    assert!(
        refused(
            &mut w,
            Action::SignOff {
                blocker: "rollback-plan-missing".into(),
                name: "Ana".into(),
                comment: String::new(),
                at: None
            }
        )
        .contains("cannot be signed off")
    );
    assert!(refused(&mut w, sign("")).contains("enter the name"));
    // The sign-off is the SRE AVP's: the one recorded on the Approvals step.
    assert_eq!(
        refused(&mut w, sign("Ana")),
        "only the SRE AVP can sign this off: record the SRE AVP's approval first (step Approvals)"
    );
    w.apply(Action::SetAuthor("Bo".into()), T0).unwrap();
    w.apply(
        Action::Approve {
            role: "sre-avp".into(),
            name: "Ana".into(),
            comment: String::new(),
            at: None,
        },
        T0,
    )
    .unwrap();
    assert_eq!(
        refused(&mut w, sign("Zed")),
        "Zed is not the recorded SRE AVP (Ana); only they can sign this off"
    );
    w.apply(sign("Ana"), T0).unwrap();
    assert!(!blocker_ids(&w, BlockerKind::Policy).contains(&"qualification-review".to_string()));
    // Recording Ana as the author later voids her sign-off.
    w.apply(Action::SetAuthor("ana".into()), T0).unwrap();
    assert!(blocker_ids(&w, BlockerKind::Policy).contains(&"qualification-review".to_string()));
}

#[test]
fn a_role_with_count_two_needs_two_different_people() {
    let policy = Rc::new(policy::load(&read(&root().join("policies/enterprise.toml"))).unwrap());
    let mut w = Wizard::open(policy.clone(), Draft::new("e".into(), &policy, T0), T0).0;
    answer(&mut w, "title", Answer::Text("Trading halted".into()));
    answer(&mut w, "severity", Answer::Text("SEV1".into()));
    w.apply(Action::SetAuthor("Bo".into()), T0).unwrap();
    let approve = |name: &str| Action::Approve {
        role: "ecab".into(),
        name: name.into(),
        comment: String::new(),
        at: None,
    };
    w.apply(approve("Ana"), T0).unwrap();
    assert!(refused(&mut w, approve("ANA")).contains("already approved"));
    let missing = w
        .status()
        .blockers
        .into_iter()
        .find(|b| b.id == "ecab")
        .unwrap();
    assert_eq!(
        missing.message,
        "Approval missing: Emergency change advisory board member (1 of 2)"
    );
    w.apply(approve("Cy"), T0).unwrap();
    assert!(!blocker_ids(&w, BlockerKind::Approval).contains(&"ecab".to_string()));
}

#[test]
fn a_policy_change_is_explained_when_a_draft_is_reopened() {
    let policy = default_policy();
    let mut w = Wizard::open(policy.clone(), Draft::new("d".into(), &policy, T0), T0).0;
    answer(&mut w, "title", Answer::Text("x".into()));
    answer(&mut w, "severity", Answer::Text("P1".into()));
    answer(&mut w, "security_vulnerability", Answer::Bool(true));
    let saved = w.draft().clone();

    // Same policy text: nothing to say.
    assert!(Wizard::open(policy.clone(), saved.clone(), T0).1.is_empty());

    // A new version in which security fixes also need the compliance officer.
    let changed = read(&root().join("policies/default.toml"))
        .replace("version = \"1.0.0\"", "version = \"1.1.0\"")
        .replace("role = \"compliance-officer\"\nlabel = \"Compliance officer\"\nwhen = \"regulated\"", "role = \"compliance-officer\"\nlabel = \"Compliance officer\"\nwhen = \"regulated || security_vulnerability\"");
    let new_policy = Rc::new(policy::load(&changed).unwrap());
    let (reopened, changes) = Wizard::open(new_policy, saved, T0);
    assert_eq!(
        changes.policy,
        vec![
            "this draft was made under policy default 1.0.0; it is now evaluated under default 1.1.0",
            "approvers now include Compliance officer",
        ]
    );
    assert_eq!(reopened.draft().policy.version, "1.1.0");
}

#[test]
fn the_store_keeps_what_it_cannot_read_and_never_overwrites_newer_drafts() {
    let policy = default_policy();
    let mut store = MemoryStore::default();
    store
        .entries
        .insert("hotgate.draft.bad".into(), "{ not json".into());
    store.entries.insert(
        "hotgate.draft.future".into(),
        r#"{"schema": 7, "id": "future"}"#.into(),
    );
    store
        .entries
        .insert("someone-else".into(), "leave me".into());
    let mut drafts = Drafts::new(store, "hotgate", SerdeJson);
    let a = Draft::new("a".into(), &policy, T0);
    let mut b = Draft::new("b".into(), &policy, T0 + 5);
    b.updated_at = T0 + 10;
    drafts.save(&a).unwrap();
    drafts.save(&b).unwrap();

    let listing = drafts.list().unwrap();
    let ids: Vec<&str> = listing.drafts.iter().map(|d| d.draft.id.as_str()).collect();
    assert_eq!(ids, vec!["b", "a"], "newest first");
    let unreadable: Vec<(&str, bool)> = listing
        .unreadable
        .iter()
        .map(|u| {
            (
                u.key.as_str(),
                matches!(u.error, DraftError::NewerSchema { .. }),
            )
        })
        .collect();
    assert_eq!(
        unreadable,
        vec![("hotgate.draft.bad", false), ("hotgate.draft.future", true)]
    );
    assert_eq!(
        listing.unreadable[0].raw, "{ not json",
        "raw text kept for export"
    );

    let mut future = Draft::new("future".into(), &policy, T0);
    future.author = "would clobber".into();
    assert!(matches!(
        drafts.save(&future),
        Err(SaveError::Refused(DraftError::NewerSchema { found: 7 }))
    ));
    assert_eq!(
        drafts.store.entries.get("hotgate.draft.future").unwrap(),
        r#"{"schema": 7, "id": "future"}"#
    );
    assert_eq!(
        drafts.store.entries.get("someone-else").unwrap(),
        "leave me"
    );

    drafts.store.fail_with = Some(StoreError::Full("quota".into()));
    let error = drafts.save(&a).unwrap_err();
    assert!(error.message().contains("export it"), "{}", error.message());

    // Namespaces do not see each other.
    let other = Drafts::new(drafts.store.clone(), "portal-b", SerdeJson);
    assert!(other.list().unwrap().drafts.is_empty());
    drafts.delete("a").unwrap();
    assert_eq!(drafts.list().unwrap().drafts.len(), 1);
}

#[test]
fn imported_drafts_are_validated() {
    let policy = default_policy();
    let exported = Draft::new("x1".into(), &policy, T0).to_json();
    assert_eq!(draft::parse(&exported).unwrap().id, "x1");
    let errors: Vec<String> = ["{}", "[1,2]", r#"{"schema":1,"id":"","created_at":0,"updated_at":0,"policy":{"id":"a","version":"1","hash":"0"}}"#]
        .iter()
        .map(|t| draft::parse(t).unwrap_err().message())
        .collect();
    for e in &errors {
        assert!(e.starts_with("this is not a Hotgate draft: "), "{e}");
    }
}

/// Listing again reuses what it parsed only while the stored text is the
/// same: a change from another tab, a corruption or a removal shows at once.
#[test]
fn listing_again_sees_every_change_made_behind_its_back() {
    let policy = policy::load(&read(&root().join("policies/default.toml"))).unwrap();
    let mut drafts = Drafts::new(MemoryStore::default(), "hotgate", SerdeJson);
    for id in ["a", "b", "c"] {
        drafts.save(&Draft::new(id.into(), &policy, T0)).unwrap();
    }
    assert_eq!(drafts.list().unwrap().drafts.len(), 3);

    // Another tab renames `a`, storage corrupts `b`, `c` is deleted.
    let mut renamed = Draft::new("a".into(), &policy, T0);
    renamed
        .answers
        .set("title", Answer::Text("Renamed elsewhere".into()));
    let text = renamed.to_json();
    drafts.store.entries.insert("hotgate.draft.a".into(), text);
    drafts
        .store
        .entries
        .insert("hotgate.draft.b".into(), "{broken".into());
    drafts.store.entries.remove("hotgate.draft.c");

    let listing = drafts.list().unwrap();
    let titles: Vec<&str> = listing
        .drafts
        .iter()
        .map(|d| d.draft.title(&policy))
        .collect();
    assert_eq!(titles, ["Renamed elsewhere"]);
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!(listing.unreadable[0].key, "hotgate.draft.b");

    // And back: the repaired entry reads again.
    drafts
        .save(&Draft::new("b".into(), &policy, T0 + 1))
        .unwrap();
    assert_eq!(drafts.list().unwrap().drafts.len(), 2);
}

/// The draft reader applies serde's rules: on a real draft and on every
/// variant with a field removed, nulled or of another type (at every
/// depth), and with a repeated field, it accepts exactly what serde_json
/// with the derived `Deserialize` accepts, and reads the same draft.
/// (One known difference: serde also reads a struct written as an array;
/// drafts never are, and the reader refuses it.)
#[test]
fn drafts_read_like_serde_json_on_every_variant_of_a_real_draft() {
    use serde_json::Value;

    fn by_serde(text: &str) -> Result<Draft, String> {
        let version: draft::Version = serde_json::from_str(text).map_err(|e| e.to_string())?;
        draft::check_schema(version).map_err(|e| e.message())?;
        let read: Draft = serde_json::from_str(text).map_err(|e| e.to_string())?;
        draft::checked(read).map_err(|e| e.message())
    }

    fn variants(value: &Value, out: &mut Vec<Value>, rebuild: &dyn Fn(Value) -> Value) {
        let replacements = [
            Value::Null,
            Value::from(1.5),
            Value::from(-1),
            Value::from(u64::MAX),
            Value::from("x"),
            Value::Bool(true),
            Value::Array(vec![Value::from("x")]),
            serde_json::json!({}),
        ];
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let mut without = map.clone();
                    without.remove(key);
                    out.push(rebuild(Value::Object(without)));
                    for replacement in &replacements {
                        let mut changed = map.clone();
                        changed.insert(key.clone(), replacement.clone());
                        out.push(rebuild(Value::Object(changed)));
                    }
                    let (map, key) = (map.clone(), key.clone());
                    variants(child, out, &|inner| {
                        let mut changed = map.clone();
                        changed.insert(key.clone(), inner);
                        rebuild(Value::Object(changed))
                    });
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let items = items.clone();
                    variants(child, out, &|inner| {
                        let mut changed = items.clone();
                        changed[i] = inner;
                        rebuild(Value::Array(changed))
                    });
                }
            }
            _ => {}
        }
    }

    let text = read(&root().join("fuzz/seeds/draft_import/full.json"));
    let full: Value = serde_json::from_str(&text).unwrap();
    let mut cases = vec![full.clone()];
    variants(&full, &mut cases, &|v| v);
    let mut texts: Vec<String> = cases.iter().map(Value::to_string).collect();
    // A repeated top-level field, known and unknown.
    for key in ["id", "tests", "whatever"] {
        texts.push(text.replacen('{', &format!("{{\"{key}\": \"dup\", "), 1));
    }
    assert!(texts.len() > 300, "{} variants", texts.len());
    let (mut accepted, mut refused) = (0, 0);
    for text in &texts {
        match (draft::parse(text), by_serde(text)) {
            (Ok(ours), Ok(theirs)) => {
                assert_eq!(ours, theirs, "{text}");
                accepted += 1;
            }
            (Err(_), Err(_)) => refused += 1,
            (Ok(_), Err(e)) => panic!("accepted what serde refuses ({e}): {text}"),
            (Err(e), Ok(_)) => assert!(
                e.message().contains("found an array"),
                "refused what serde accepts ({}): {text}",
                e.message()
            ),
        }
    }
    assert!(
        accepted > 20 && refused > 100,
        "{accepted} accepted, {refused} refused"
    );
}

/// The policy says which question names an incident: drafts, copies and
/// records use its answer, whatever its id.
#[test]
fn the_title_is_the_answer_to_the_question_the_policy_names() {
    let source = read(&root().join("policies/default.toml"))
        .replace("title_input = \"title\"", "title_input = \"summary\"")
        .replace("id = \"title\"", "id = \"summary\"")
        .replace("{{title}}", "{{summary}}");
    let policy = policy::load(&source).unwrap();
    assert_eq!(policy.title_id(), Some("summary"));
    let mut draft = Draft::new("d".into(), &policy, T0);
    assert_eq!(draft.title(&policy), "Untitled incident");
    draft
        .answers
        .set("summary", Answer::Text("Checkout down".into()));
    assert_eq!(draft.title(&policy), "Checkout down");
    let copy = draft.into_duplicate(&policy, "e".into(), T0 + 1);
    assert_eq!(copy.title(&policy), "Copy of Checkout down");
    let wizard = Wizard::open(Rc::new(policy), copy, T0).0;
    assert!(record::markdown(&wizard).starts_with("# Hotfix record: Copy of Checkout down\n"));

    // Undeclared, the title is the text input called `title`, as before
    // the key existed; a `title` of another type is not taken.
    let undeclared = read(&root().join("policies/default.toml"))
        .replace("title_input = \"title\"\n", "")
        .replace("severity_input = \"severity\"\n", "");
    let policy = policy::load(&undeclared).unwrap();
    assert_eq!(
        (policy.title_id(), policy.severity_id()),
        (Some("title"), Some("severity"))
    );
    let bool_title = "[policy]\nid = \"t\"\nname = \"T\"\nversion = \"1\"\n\
        [[inputs]]\nid = \"title\"\nlabel = \"Title?\"\ntype = \"bool\"\n\
        [qualification]\ndefault = \"rejected\"\ndefault_reason = \"No.\"\n\
        [[qualification.rules]]\nid = \"a\"\nwhen = \"title\"\nverdict = \"qualifies\"\nreason = \"x\"\n";
    let policy = policy::load(bool_title).unwrap();
    assert_eq!(policy.title_id(), None);
}
