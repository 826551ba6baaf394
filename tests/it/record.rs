//! A record an auditor can trust, natively: approvals bound to the facts
//! they were given on, role holders and separated duties, real times, the
//! lifecycle, the audit trail, and drafts of the earlier format upgraded.

use std::rc::Rc;

use hotgate::incident::Answer;
use hotgate::policy::{self, Phase, Policy, Verdict};
use hotgate::wizard::read as draft;
use hotgate::wizard::{
    Action, BlockerKind, Draft, EventKind, Given, Stage, TestStatus, Wizard, record,
    status_valid_approvers,
};

use crate::support::{read, root};

const T0: i64 = 1_795_316_879_000;
const MINUTE: i64 = 60_000;

fn load(name: &str) -> Rc<Policy> {
    Rc::new(policy::load(&read(&root().join("policies").join(name))).unwrap())
}

fn ok(w: &mut Wizard, action: Action, now: i64) {
    if let Err(refusal) = w.apply(action, now) {
        panic!("refused: {}", refusal.message());
    }
}

fn refused(w: &mut Wizard, action: Action, now: i64) -> String {
    w.apply(action, now).unwrap_err().message()
}

fn answer(w: &mut Wizard, input: &str, value: Answer, now: i64) {
    ok(
        w,
        Action::Answer {
            input: input.into(),
            value,
        },
        now,
    );
}

fn approve(role: &str, name: &str, at: Option<i64>) -> Action {
    Action::Approve {
        role: role.into(),
        name: name.into(),
        comment: String::new(),
        at,
    }
}

/// A P1 outage under the default policy, every question answered, the
/// incident started ten minutes before `T0`.
fn p1() -> Wizard {
    let policy = load("default.toml");
    let mut w = Wizard::open(policy.clone(), Draft::new("d".into(), &policy, T0), T0).0;
    ok(&mut w, Action::SetIncidentStart(Some(T0 - 10 * MINUTE)), T0);
    for (input, value) in [
        (
            "title",
            Answer::Text("Card payments fail at checkout".into()),
        ),
        ("severity", Answer::Text("P1".into())),
        ("security_vulnerability", Answer::Bool(false)),
        ("customer_facing", Answer::Bool(false)),
        ("data_loss", Answer::Bool(false)),
        ("regulated", Answer::Bool(false)),
        ("workaround_available", Answer::Bool(false)),
        ("affected_users", Answer::Int(250_000)),
        ("change_size_lines", Answer::Int(80)),
        ("has_rollback_plan", Answer::Bool(true)),
        ("automated_tests_available", Answer::Bool(false)),
    ] {
        answer(&mut w, input, value, T0);
    }
    ok(&mut w, Action::SetAuthor("Bo Chen".into()), T0);
    w
}

/// Everything the decision asks for before deployment, each role approved
/// by its own person ("Approver of ROLE").
fn make_ready(w: &mut Wizard, now: i64) {
    let decision = w.assessment().decision.clone();
    for field in decision.record_fields.iter().filter(|f| f.required) {
        ok(
            w,
            Action::SetRecord {
                field: field.id.to_string(),
                text: "written".into(),
            },
            now,
        );
    }
    for approver in &decision.approvers {
        for n in 0..approver.count {
            ok(
                w,
                approve(
                    &approver.id,
                    &format!("Approver {n} of {}", approver.id),
                    None,
                ),
                now,
            );
        }
    }
    for test in &decision.tests {
        ok(
            w,
            Action::SetTest {
                test: test.id.to_string(),
                status: TestStatus::Passed,
                evidence: "ci".into(),
            },
            now,
        );
    }
    for c in decision
        .communications
        .iter()
        .filter(|c| c.phase != Phase::AfterDeploy)
    {
        ok(
            w,
            Action::MarkSent {
                communication: c.id.to_string(),
                sent: true,
            },
            now,
        );
    }
    let status = w.status();
    assert!(status.ready_to_deploy, "{:?}", status.blockers);
}

fn deploy(by: &str, at: Option<i64>) -> Action {
    Action::MarkDeployed {
        deployed: true,
        by: by.into(),
        at,
    }
}

fn check(item: &str, by: &str, at: Option<i64>) -> Action {
    Action::Verify {
        item: item.into(),
        done: true,
        by: by.into(),
        at,
    }
}

#[test]
fn an_approval_given_on_other_facts_is_stale_until_confirmed_again() {
    let mut w = p1();
    make_ready(&mut w, T0);
    let approvals =
        |w: &Wizard| status_valid_approvers(&w.policy, w.draft(), w.basis(), "sre-avp").len();
    assert_eq!(approvals(&w), 1);

    // Text no condition reads changes nothing.
    answer(
        &mut w,
        "title",
        Answer::Text("Card payments fail (EU)".into()),
        T0,
    );
    ok(
        &mut w,
        Action::SetRecord {
            field: "problem".into(),
            text: "typo fixed".into(),
        },
        T0,
    );
    assert_eq!(approvals(&w), 1);
    assert!(w.status().ready_to_deploy);

    // The fix grows to 600 lines: a condition reads it, the verdict changes.
    answer(&mut w, "change_size_lines", Answer::Int(600), T0 + MINUTE);
    assert_eq!(w.assessment().decision.verdict, Verdict::NeedsReview);
    assert_eq!(approvals(&w), 0);
    let status = w.status();
    assert!(!status.ready_to_deploy);
    assert!(
        status
            .blockers
            .iter()
            .any(|b| b.kind == BlockerKind::Approval
                && b.message == "Approval missing: SRE AVP (0 of 1; 1 given on different facts)")
    );
    let given = w.draft().approvals[0].basis.clone();
    assert_eq!(
        w.changes_since(given.as_ref()),
        vec![
            "the verdict: Qualifies for a hotfix → Needs review",
            "“Estimated size of the fix, in changed lines”: 80 → 600",
        ]
    );
    let md = record::markdown(&w);
    assert!(
        md.contains("(given on different facts, not counted: the verdict: Qualifies for a hotfix → Needs review; “Estimated size of the fix, in changed lines”: 80 → 600)"),
        "{md}"
    );

    // Back to 80 lines: the approval holds again, as given.
    answer(
        &mut w,
        "change_size_lines",
        Answer::Int(80),
        T0 + 2 * MINUTE,
    );
    assert_eq!(approvals(&w), 1);

    // Confirmed again on the 600-line facts, by the same person, in one action.
    answer(
        &mut w,
        "change_size_lines",
        Answer::Int(600),
        T0 + 3 * MINUTE,
    );
    let index = w
        .draft()
        .approvals
        .iter()
        .position(|a| a.role == "sre-avp")
        .unwrap();
    ok(
        &mut w,
        Action::Reconfirm(Given::Approval(index)),
        T0 + 4 * MINUTE,
    );
    assert_eq!(approvals(&w), 1);
    assert_eq!(w.draft().approvals[index].at, T0 + 4 * MINUTE);
    let last = w.draft().events.last().unwrap();
    assert_eq!(
        (last.what, last.subject.as_str(), last.by.as_str()),
        (EventKind::Reconfirmed, "sre-avp", "Approver 0 of sre-avp")
    );
}

#[test]
fn waivers_and_sign_offs_are_given_by_the_holder_of_their_role() {
    let policy = load("default.toml");
    let mut w = Wizard::open(policy.clone(), Draft::new("d".into(), &policy, T0), T0).0;
    answer(&mut w, "severity", Answer::Text("P1".into()), T0);
    answer(&mut w, "security_vulnerability", Answer::Bool(true), T0);
    ok(&mut w, Action::SetAuthor("Bo".into()), T0);
    let waive = |by: &str| Action::Waive {
        test: "security-scan".into(),
        reason: "scanner down; manual review".into(),
        by: by.into(),
        at: None,
    };
    assert_eq!(
        refused(&mut w, waive("Sam"), T0),
        "only the Security lead can waive this test: record the Security lead's approval first (step Approvals)"
    );
    ok(&mut w, approve("security-lead", "Sec Lee", None), T0);
    assert_eq!(
        refused(&mut w, waive("Sam"), T0),
        "Sam is not the recorded Security lead (Sec Lee); only they can waive this test"
    );
    assert!(refused(&mut w, waive("bo"), T0).contains("wrote the fix"));
    ok(&mut w, waive("sec  lee"), T0);
    assert!(!w.status().blockers.iter().any(|b| b.id == "security-scan"));

    // The waiver counts only while its holder's approval does.
    ok(&mut w, Action::RemoveApproval { index: 0 }, T0);
    assert!(
        w.status()
            .blockers
            .iter()
            .any(|b| b.id == "security-scan"
                && b.message.starts_with("Waiver to be confirmed again"))
    );
}

#[test]
fn roles_the_policy_separates_are_held_by_different_people() {
    let policy = load("enterprise.toml");
    let mut w = Wizard::open(policy.clone(), Draft::new("e".into(), &policy, T0), T0).0;
    answer(&mut w, "severity", Answer::Text("SEV1".into()), T0);
    ok(&mut w, Action::SetAuthor("Bo".into()), T0);
    ok(&mut w, approve("dev-lead", "Dana", None), T0);
    assert_eq!(
        refused(&mut w, approve("sre-director", "dana", None), T0),
        "dana is recorded as the Development lead; the policy requires the SRE director and the Development lead to be different people (Development and operations approve independently.)"
    );
    assert!(
        policy
            .separate
            .iter()
            .any(|s| *s.roles[0] == *"deployer" && *s.roles[1] == *"verifier")
    );
}

#[test]
fn the_deployer_does_not_verify_where_the_policy_says_so() {
    let policy = load("enterprise.toml");
    let mut w = Wizard::open(policy.clone(), Draft::new("e".into(), &policy, T0), T0).0;
    for (input, value) in [
        ("title", Answer::Text("Trading halted".into())),
        ("severity", Answer::Text("SEV1".into())),
        ("change_freeze", Answer::Bool(false)),
        ("security_vulnerability", Answer::Bool(false)),
        ("customer_facing", Answer::Bool(false)),
        ("regulated", Answer::Bool(false)),
        ("affected_region", Answer::Text("eu".into())),
        ("change_size_lines", Answer::Int(10)),
        ("has_rollback_plan", Answer::Bool(true)),
    ] {
        answer(&mut w, input, value, T0);
    }
    ok(&mut w, Action::SetAuthor("Bo".into()), T0);
    make_ready(&mut w, T0);
    ok(&mut w, deploy("Dee", None), T0);
    assert!(
        refused(&mut w, check("fix-live", "DEE", None), T0)
            .contains("the policy requires the person verifying and the person deploying to be different people")
    );
    ok(&mut w, check("fix-live", "Vic", None), T0);
}

#[test]
fn times_are_when_things_happened_and_when_they_were_recorded() {
    let mut w = p1();
    // Given by phone at 14:02, typed in at 14:30.
    let phoned = T0 - 5 * MINUTE;
    ok(&mut w, approve("sre-avp", "Ana", Some(phoned)), T0);
    let approval = &w.draft().approvals[0];
    assert_eq!((approval.at, approval.recorded_at), (phoned, T0));
    let event = w.draft().events.last().unwrap();
    assert_eq!(
        (event.what, event.at, event.recorded_at),
        (EventKind::Approved, phoned, T0)
    );
    assert!(record::markdown(&w).contains(
        "| SRE AVP | 1 of 1 | Ana | 2026-11-22 03:02 UTC (recorded 2026-11-22 03:07 UTC) | — |"
    ));

    assert_eq!(
        refused(
            &mut w,
            approve("dev-lead", "Dev", Some(T0 + 5 * MINUTE)),
            T0
        ),
        "the time of the approval cannot be in the future: it is 2026-11-22 03:07 UTC now"
    );
    assert_eq!(
        refused(
            &mut w,
            approve("dev-lead", "Dev", Some(T0 - 60 * MINUTE)),
            T0
        ),
        "the time of the approval is before the incident started (2026-11-22 02:57 UTC); if it started earlier, change its start on the Incident step"
    );
}

#[test]
fn verification_and_after_deploy_messages_wait_for_their_time() {
    let mut w = p1();
    assert!(
        refused(
            &mut w,
            Action::MarkSent {
                communication: "post-deploy-report".into(),
                sent: true
            },
            T0
        )
        .contains("goes out after deployment")
    );
    assert_eq!(w.status().stage, Stage::Draft);
    make_ready(&mut w, T0);
    assert_eq!(w.status().stage, Stage::Ready);
    assert_eq!(
        w.status().stage_text(&hotgate::wizard::time::format_utc),
        "Ready to deploy"
    );
    assert!(
        refused(&mut w, deploy(" ", None), T0).contains("enter the name of the person deploying")
    );
    ok(&mut w, deploy("Dee", None), T0 + MINUTE);
    let status = w.status();
    assert_eq!(status.stage, Stage::Deployed);
    // P1: the monitoring window is an hour.
    assert_eq!(status.monitoring_until, Some(T0 + 61 * MINUTE));
    assert_eq!(
        status.stage_text(&hotgate::wizard::time::format_utc),
        "Deployed, monitoring until 2026-11-22 04:08 UTC"
    );
    // The deploy deadline shows it was met, with the time.
    let deploy_deadline = w
        .deadlines(T0 + 2 * MINUTE)
        .into_iter()
        .find(|d| d.id == "deploy")
        .unwrap();
    assert_eq!(deploy_deadline.met, Some((T0 + MINUTE, true)));

    ok(
        &mut w,
        Action::MarkSent {
            communication: "post-deploy-report".into(),
            sent: true,
        },
        T0 + 2 * MINUTE,
    );
    for item in ["fix-live", "critical-paths", "metrics-normal"] {
        ok(&mut w, check(item, "Vic", None), T0 + 2 * MINUTE);
    }
    assert!(
        refused(
            &mut w,
            check("monitoring-window", "Vic", None),
            T0 + 2 * MINUTE
        )
        .starts_with("the monitoring window runs until 2026-11-22 04:08 UTC (59 min from now)")
    );
    assert!(
        refused(&mut w, check("fix-live", "Vic", Some(T0)), T0 + 2 * MINUTE)
            .contains("before the deployment")
    );
    ok(
        &mut w,
        check("monitoring-window", "Vic", None),
        T0 + 61 * MINUTE,
    );
    assert_eq!(w.status().stage, Stage::Verified);
    for f in w.assessment().decision.follow_ups.clone() {
        ok(
            &mut w,
            Action::FollowUpDone {
                id: f.id.to_string(),
                done: true,
            },
            T0 + 62 * MINUTE,
        );
    }
    assert_eq!(w.status().stage, Stage::Closed);
    // Closed only while every message is out, too.
    let sent = |sent| Action::MarkSent {
        communication: "stakeholder-update".into(),
        sent,
    };
    ok(&mut w, sent(false), T0 + 63 * MINUTE);
    assert_eq!(w.status().stage, Stage::Verified);
    ok(&mut w, sent(true), T0 + 63 * MINUTE);
    assert_eq!(w.status().stage, Stage::Closed);
    assert!(
        record::markdown(&w).contains("State: Closed: verified, messages sent, follow-ups done")
    );
}

#[test]
fn every_change_to_the_record_is_an_event_and_typing_is_one() {
    let mut w = p1();
    let kinds: Vec<EventKind> = w.draft().events.iter().map(|e| e.what).collect();
    // Created, the start, each answer once, the author.
    assert_eq!(kinds.first(), Some(&EventKind::Created));
    assert_eq!(
        kinds.iter().filter(|k| **k == EventKind::Answered).count(),
        11
    );
    let before = w.draft().events.len();
    for text in ["C", "Ca", "Card payments down"] {
        answer(&mut w, "title", Answer::Text(text.into()), T0 + MINUTE);
    }
    assert_eq!(
        w.draft().events.len(),
        before + 1,
        "a run of typing is one event"
    );
    let last = w.draft().events.last().unwrap();
    assert_eq!(last.detail, "Card payments down");
    assert_eq!(last.decision, w.basis().decision);
    ok(&mut w, Action::GoTo(hotgate::wizard::Step::Approvals), T0);
    assert_eq!(
        w.draft().events.len(),
        before + 1,
        "moving between steps changes no record"
    );
    let md = record::markdown(&w);
    assert!(md.contains("## Timeline"));
    assert!(
        md.contains("| 2026-11-22 03:08 UTC | Answered “Incident title”: Card payments down | — |"),
        "{md}"
    );
}

/// A draft stored by the release before this one (format 1), as the
/// page kept it in `localStorage`.
#[test]
fn a_format_1_draft_opens_upgraded_with_nothing_lost() {
    let text = read(&root().join("tests/data/drafts/format-1.json"));
    let stored = draft::parse(&text).unwrap();
    assert_eq!(stored.schema, 1);
    let policy = load("default.toml");
    let (w, opened) = Wizard::open(policy, stored, T0 + 90 * MINUTE);
    let notices = &opened.upgraded;
    let d = w.draft();
    assert_eq!(d.schema, hotgate::wizard::SCHEMA_VERSION);
    let deployment = d.deployment.as_ref().unwrap();
    assert_eq!(
        (deployment.at, deployment.by.as_str()),
        (1_795_318_000_000, "")
    );
    assert_eq!(d.checks.len(), 2);
    assert_eq!(d.checks.get("fix-live").unwrap().at, 1_795_318_060_000);
    assert!(
        d.approvals
            .iter()
            .all(|a| a.basis.is_some() && a.recorded_at == a.at)
    );
    assert_eq!(
        status_valid_approvers(&w.policy, d, w.basis(), "sre-avp"),
        vec!["Ana Ruiz"]
    );
    let kinds: Vec<EventKind> = d.events.iter().map(|e| e.what).collect();
    assert_eq!(kinds.first(), Some(&EventKind::Created));
    assert_eq!(kinds.last(), Some(&EventKind::Upgraded));
    for kind in [
        EventKind::Approved,
        EventKind::Waived,
        EventKind::Sent,
        EventKind::Deployed,
        EventKind::Checked,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} not rebuilt: {kinds:?}");
    }
    assert!(
        d.events
            .windows(2)
            .all(|p| p[0].recorded_at <= p[1].recorded_at)
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("this draft was saved by an earlier version of Hotgate"))
    );
    assert!(
        notices
            .iter()
            .any(|n| n.contains("approvals, sign-offs or waivers given before were bound"))
    );
    assert!(
        notices.iter().any(
            |n| n.starts_with("yes/no questions are now answered explicitly")
                && n.contains("Is data lost, corrupted or at risk?")
        ),
        "{notices:?}"
    );
    // Written back, it is format 2 and reads the same.
    let again = draft::parse(&d.to_json()).unwrap();
    assert_eq!(&again, d);
}

#[test]
fn a_message_is_edited_before_it_is_sent_and_the_record_keeps_it() {
    let mut w = p1();
    let edit = |text: &str| Action::EditMessage {
        communication: "notify-ops".into(),
        text: text.into(),
    };
    ok(&mut w, edit("Hotfix for checkout at 15:00 UTC."), T0);
    assert_eq!(
        w.draft().messages.get("notify-ops").map(String::as_str),
        Some("Hotfix for checkout at 15:00 UTC.")
    );
    assert!(record::markdown(&w).contains("\n> Hotfix for checkout at 15:00 UTC. (edited)\n"));
    assert_eq!(
        w.draft().events.last().unwrap().what,
        EventKind::MessageEdited
    );
    // Empty is the policy's text again.
    ok(&mut w, edit(""), T0);
    assert!(w.draft().messages.is_empty());
    ok(
        &mut w,
        Action::MarkSent {
            communication: "notify-ops".into(),
            sent: true,
        },
        T0,
    );
    assert!(refused(&mut w, edit("too late"), T0).contains("the message was sent"));
}

/// The record is one document, laid out twice: its sections in order, and
/// in Markdown a table row per approval whatever the user typed.
#[test]
fn the_record_is_one_document_and_user_text_cannot_break_its_tables() {
    let mut w = p1();
    ok(
        &mut w,
        approve("sre-avp", "Ana | Ruiz\nsecond line", None),
        T0,
    );
    let doc = record::document(&w);
    assert_eq!(doc.title, "Hotfix record: Card payments fail at checkout");
    assert_eq!(
        doc.sections.iter().map(|s| s.heading).collect::<Vec<_>>(),
        [
            "Incident",
            "Qualification",
            "Fix and risk",
            "Approvals",
            "Testing",
            "Communication",
            "Deployment and verification",
            "Follow-ups",
            "Timeline"
        ]
    );
    let md = record::markdown(&w);
    let row = md
        .lines()
        .find(|l| l.starts_with("| SRE AVP |"))
        .expect("a row for the SRE AVP");
    assert_eq!(
        row,
        "| SRE AVP | 1 of 1 | Ana \\| Ruiz second line | 2026-11-22 03:07 UTC | — |"
    );
    // Every row of the table has the head's five columns.
    let columns = |l: &str| l.replace("\\|", "").matches('|').count() - 1;
    let table: Vec<_> = md
        .lines()
        .skip_while(|l| !l.starts_with("| Role |"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(table.len() > 2);
    assert!(table.iter().all(|l| columns(l) == 5), "{table:#?}");
    // Answers in the timeline read as on the page: numbers grouped.
    answer(&mut w, "affected_users", Answer::Int(1_234_567), T0);
    assert!(
        record::markdown(&w).contains("Answered “About how many users are affected?”: 1,234,567 |")
    );
}
