//! Drafts stored by earlier releases, brought to the current format when
//! they are opened, with a notice for each thing a person should look at.
//! Nothing is dropped: format 1's deployment and checklist times move to
//! their new places, its approvals, sign-offs and waivers are bound to the
//! facts as they are, and its history is rebuilt as events.

use super::draft::{Basis, Done, Draft, Event, EventKind, SCHEMA_VERSION, TestStatus};
use super::status::CHECKLIST;
use crate::decision::Assessment;
use crate::policy::{InputKind, Policy};
use crate::support::sort::sort_by;

/// Brings `draft` to [`SCHEMA_VERSION`] at `now`; what a person should know.
pub fn upgrade(
    policy: &Policy,
    draft: &mut Draft,
    assessment: &Assessment,
    basis: &Basis,
    now: i64,
) -> Vec<String> {
    if draft.schema >= SCHEMA_VERSION {
        return Vec::new();
    }
    let mut notices = vec![
        "this draft was saved by an earlier version of Hotgate and has been brought up to date; \
         its history before now was rebuilt from what it recorded"
            .to_string(),
    ];
    let digest = super::basis::decision_digest(&assessment.decision);
    let rebuilt = Event::at;
    let mut events = vec![rebuilt(EventKind::Created, "", "", draft.created_at, "")];

    let mut bound = 0;
    for approval in &mut draft.approvals {
        approval.recorded_at = approval.at;
        approval.basis = Some(basis.clone());
        bound += 1;
        events.push(rebuilt(
            EventKind::Approved,
            &approval.role,
            &approval.name,
            approval.at,
            policy.role_label(&approval.role),
        ));
    }
    for (blocker, sign_off) in draft.sign_offs.iter_mut() {
        sign_off.recorded_at = sign_off.at;
        sign_off.basis = Some(basis.clone());
        bound += 1;
        events.push(rebuilt(
            EventKind::SignedOff,
            blocker,
            &sign_off.name,
            sign_off.at,
            "",
        ));
    }
    for (test, result) in draft.tests.iter_mut() {
        let at = result.at;
        match &mut result.waiver {
            Some(waiver) => {
                waiver.at = at;
                waiver.recorded_at = at;
                waiver.basis = Some(basis.clone());
                bound += 1;
                events.push(rebuilt(
                    EventKind::Waived,
                    test,
                    &waiver.by,
                    at,
                    &waiver.reason,
                ));
            }
            None if result.status != TestStatus::Pending => {
                events.push(rebuilt(
                    EventKind::Test,
                    test,
                    "",
                    at,
                    result.status.as_str(),
                ));
            }
            None => {}
        }
    }
    for (communication, at) in draft.sent.iter() {
        events.push(rebuilt(EventKind::Sent, communication, "", *at, ""));
    }
    if let Some(at) = draft.v1_deployed_at.take() {
        draft.deployment = Some(Done {
            by: String::new(),
            at,
            recorded_at: at,
        });
        events.push(rebuilt(EventKind::Deployed, "", "", at, ""));
        notices.push(
            "who deployed the fix was not recorded by the earlier version; the record shows it as unknown"
                .into(),
        );
    }
    for (item, at) in std::mem::take(&mut draft.v1_verified).iter() {
        if CHECKLIST.iter().any(|(id, _)| *id == item) {
            draft.checks.insert(
                item.to_string(),
                Done {
                    by: String::new(),
                    at: *at,
                    recorded_at: *at,
                },
            );
            events.push(rebuilt(EventKind::Checked, item, "", *at, ""));
        }
    }
    for (id, at) in draft.follow_ups_done.iter() {
        events.push(rebuilt(EventKind::FollowUpDone, id, "", *at, ""));
    }
    if bound > 0 {
        notices.push(format!(
            "{bound} approval{s}, sign-off{s} or waiver{s} given before were bound to the answers as they are now; \
             check that {they} still hold",
            s = if bound == 1 { "" } else { "s" },
            they = if bound == 1 { "it" } else { "they" },
        ));
    }
    // Format 1 asked yes/no questions as checkboxes: a box never ticked
    // was stored as no answer at all, and meant "no".
    let unticked: Vec<&str> = assessment
        .decision
        .unanswered
        .iter()
        .filter_map(|id| policy.inputs.iter().find(|i| *i.id == **id))
        .filter(|i| matches!(i.kind, InputKind::Bool))
        .map(|i| i.label.as_str())
        .collect();
    if !unticked.is_empty() {
        notices.push(format!(
            "yes/no questions are now answered explicitly; {} left unticked before now show{} as not answered \
             (counted as no until answered): {}",
            if unticked.len() == 1 { "one" } else { "those" },
            if unticked.len() == 1 { "s" } else { "" },
            unticked.join("; ")
        ));
    }
    // Stable by time: what happened first comes first.
    sort_by(&mut events, |a, b| a.at.cmp(&b.at));
    events.push(Event {
        what: EventKind::Upgraded,
        subject: String::new(),
        by: String::new(),
        at: now,
        recorded_at: now,
        decision: digest,
        detail: format!("from draft format {} to {SCHEMA_VERSION}", draft.schema),
    });
    draft.events = events;
    draft.schema = SCHEMA_VERSION;
    notices
}
