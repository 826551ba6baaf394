//! Events: what the root's delegated events mean (`ui::Act`,
//! `ui::FieldRef`) and the wizard action each becomes.

use super::super::browser::{self, now};
use super::super::dom::{self, by_id, value_of};
use super::super::json::BrowserJson;
use super::super::state::{Refused, Screen, TypedStart};
use super::super::ui::{self, Act, FieldRef, Form, slug};
use super::super::view;
use super::{App, Redraw, with_app};
use crate::incident::Answer;
use crate::policy::InputKind;
use crate::wizard::draft::{Draft, DraftJson};
use crate::wizard::sync::Sync;
use crate::wizard::{Action, Given, Refusal, TestStatus};
use crate::wizard::{read, time};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event};

/// How long after a field is left a problem with it is said (see
/// [`App::say_later`]): longer than a click's press.
const SAY_LATER_MS: i32 = 300;

impl App {
    pub(super) fn on_event(&mut self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match event.type_().as_str() {
            "click" => {
                if let Some(act) = dom::clicked_act(&target) {
                    self.on_act(act);
                }
            }
            "input" | "change" => {
                // Text entries were handled on `input`; their `change` comes
                // on blur, and re-rendering then would swallow the click
                // that caused the blur.
                let kind = event.type_();
                let Some(field) = dom::field_of(&target) else {
                    return;
                };
                if field == FieldRef::IncidentStart {
                    // Nothing is re-rendered: a blur's click goes through.
                    self.on_incident_start(value_of(&target), kind == "change");
                } else if kind == "input" || !is_text_entry(&target) {
                    self.on_field(field, &target, &kind);
                }
            }
            "keydown" => {
                // Enter in a one-line field of a form presses its button.
                let key = event
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .map(|k| k.key())
                    .unwrap_or_default();
                if key == "Enter" && target.tag_name() == "INPUT" {
                    if let Some(act) = dom::enter_act(&target) {
                        event.prevent_default();
                        self.on_act(act);
                    }
                }
            }
            "hotgate-file" => {
                // The wizard's own event: it goes no further than its root.
                event.stop_propagation();
                self.import(event);
            }
            _ => {}
        }
    }

    fn on_act(&mut self, act: Act) {
        match act {
            Act::Home => self.go_home(),
            Act::New => {
                let draft = Draft::new(browser::new_id(), &self.page.policy, now());
                self.open(draft);
                self.save_now();
            }
            Act::Resume(id) => match self.drafts.load(&id) {
                Ok(Some(Ok(draft))) => self.open(draft),
                Ok(Some(Err(e))) => self.notice(e.message()),
                Ok(None) => self.notice("that draft is gone (deleted in another tab?)".into()),
                Err(e) => self.notice(e.message()),
            },
            Act::Duplicate(id) => {
                if let Ok(Some(Ok(draft))) = self.drafts.load(&id) {
                    let policy = &self.page.policy;
                    let copy = draft.into_duplicate(policy, browser::new_id(), now());
                    let notice = format!("Duplicated as “{}”.", copy.title(policy));
                    match self.drafts.save(&copy) {
                        Ok(()) => self.page.say(notice),
                        Err(e) => self.page.say(e.message()),
                    }
                    self.go_home();
                }
            }
            Act::Export(id) => {
                if let Ok(Some(Ok(draft))) = self.drafts.load(&id) {
                    self.download_draft(&draft.id, &BrowserJson.to_json(&draft));
                }
            }
            Act::ExportCurrent => {
                if let Some(wizard) = self.wizard() {
                    let (id, text) = (
                        wizard.draft().id.clone(),
                        BrowserJson.to_json(wizard.draft()),
                    );
                    self.download_draft(&id, &text);
                }
            }
            Act::ExportRaw(key) => {
                if let Ok(Some(raw)) = self.drafts.raw(&key) {
                    let name = format!("hotgate-unreadable-{}.json", slug(&key));
                    if let Err(e) = browser::download(&name, "application/json", &raw) {
                        self.notice(e);
                    }
                }
            }
            Act::Delete(target) => {
                self.page.pending_delete = Some(target);
                self.render();
                if let Some(confirm) = by_id(&self.id("confirm-delete")) {
                    dom::focus(&confirm);
                }
            }
            Act::CancelDelete => {
                self.page.pending_delete = None;
                self.render();
                self.focus_heading();
            }
            Act::ConfirmDelete => {
                if let Some(target) = self.page.pending_delete.take() {
                    // Unreadable entries are named by key (`ns.draft.ID`), drafts by id.
                    let result = if crate::support::text::find(&target, ".").is_some() {
                        self.drafts.remove_key(&target)
                    } else {
                        self.drafts.delete(&target)
                    };
                    match result {
                        Ok(()) => self.page.say("Draft deleted.".into()),
                        Err(e) => self.page.say(e.message()),
                    }
                }
                self.go_home();
            }
            Act::ImportReplace | Act::ImportKeepBoth => {
                if let Some(mut draft) = self.page.pending_import.take() {
                    if act == Act::ImportKeepBoth {
                        let policy = self.page.policy.clone();
                        draft = draft.into_copy(&policy, browser::new_id(), "(imported)");
                    }
                    let message = self.save_import(draft);
                    self.page.say(message);
                }
                self.go_home();
            }
            Act::ImportCancel => {
                self.page.pending_import = None;
                self.page.say("Nothing was imported.".into());
                self.go_home();
            }
            Act::Import => {
                if let Some(input) = by_id(&self.id("import-file")) {
                    browser::choose_file(&input);
                }
            }
            Act::ConflictTheirs => {
                let id = self
                    .wizard()
                    .map(|w| w.draft().id.clone())
                    .unwrap_or_default();
                if let Ok(Some(Ok(theirs))) = self.drafts.load(&id) {
                    self.open(theirs);
                    self.page.say(
                        "Showing the other tab's version; the changes made here were dropped."
                            .into(),
                    );
                    self.render_keeping_focus();
                }
            }
            Act::ConflictCopy => {
                // A copy through the draft's JSON text, which reads back as
                // the same draft: the bundle clones no draft anywhere, and
                // a `clone()` here alone would bring the clone code of
                // every field type (0.85 KB after gzip).
                let mine = self
                    .wizard()
                    .map(|w| read::parse(&BrowserJson.to_json(w.draft())));
                if let Some(Ok(mine)) = mine {
                    let mine = mine.into_copy(
                        &self.page.policy,
                        browser::new_id(),
                        "(copy from a second tab)",
                    );
                    self.open(mine);
                    self.page.sync = Sync::unsaved();
                    self.save_now();
                    self.page.say("Your version was saved as a separate copy; the other tab's version is unchanged.".into());
                    self.render_keeping_focus();
                }
            }
            Act::Dismiss => {
                self.page.notices.clear();
                self.render();
                self.focus_heading();
            }
            Act::GoTo(step) => self.go_to(step),
            Act::Question(input) => self.go_to_question(&input),
            Act::Next | Act::Back => {
                if let Some(current) = self.wizard().map(|w| w.draft().step) {
                    let step = if act == Act::Next {
                        current.next()
                    } else {
                        current.previous()
                    };
                    if let Some(step) = step {
                        self.go_to(step);
                    }
                }
            }
            Act::SignOff(blocker) => {
                let form = Form::SignOff(blocker.clone());
                let Some(at) = self.time_of(&form) else {
                    return;
                };
                let action = Action::SignOff {
                    blocker,
                    name: self.form_value(&form, "name"),
                    comment: self.form_value(&form, "comment"),
                    at,
                };
                self.apply(action, Some(form), Redraw::Full);
            }
            Act::RemoveSignOff(blocker) => {
                self.apply(Action::RemoveSignOff { blocker }, None, Redraw::Full)
            }
            Act::Approve(role) => {
                let form = Form::Approve(role.clone());
                let Some(at) = self.time_of(&form) else {
                    return;
                };
                let action = Action::Approve {
                    role,
                    name: self.form_value(&form, "name"),
                    comment: self.form_value(&form, "comment"),
                    at,
                };
                self.apply(action, Some(form), Redraw::Full);
            }
            Act::ReconfirmApproval(index) => self.apply(
                Action::Reconfirm(Given::Approval(index)),
                None,
                Redraw::Full,
            ),
            Act::ReconfirmSignOff(blocker) => self.apply(
                Action::Reconfirm(Given::SignOff(blocker)),
                None,
                Redraw::Full,
            ),
            Act::ReconfirmWaiver(test) => {
                self.apply(Action::Reconfirm(Given::Waiver(test)), None, Redraw::Full)
            }
            Act::RemoveApproval(index) => {
                self.apply(Action::RemoveApproval { index }, None, Redraw::Full)
            }
            Act::Waive(test) => {
                let form = Form::Waive(test.clone());
                let Some(at) = self.time_of(&form) else {
                    return;
                };
                let action = Action::Waive {
                    test,
                    reason: self.form_value(&form, "reason"),
                    by: self.form_value(&form, "by"),
                    at,
                };
                self.apply(action, Some(form), Redraw::Full);
            }
            Act::TestPassed(test) => self.set_test(test, TestStatus::Passed),
            Act::TestFailed(test) => self.set_test(test, TestStatus::Failed),
            Act::TestPending(test) => self.set_test(test, TestStatus::Pending),
            Act::Sent(communication) => self.apply(
                Action::MarkSent {
                    communication,
                    sent: true,
                },
                None,
                Redraw::Full,
            ),
            Act::Unsent(communication) => self.apply(
                Action::MarkSent {
                    communication,
                    sent: false,
                },
                None,
                Redraw::Full,
            ),
            Act::Copy(id) => self.copy_message(&id),
            Act::ResetMessage(communication) => self.apply(
                Action::EditMessage {
                    communication,
                    text: String::new(),
                },
                None,
                Redraw::Full,
            ),
            Act::Deploy => {
                let form = Form::Deploy;
                let Some(at) = self.time_of(&form) else {
                    return;
                };
                let action = Action::MarkDeployed {
                    deployed: true,
                    by: self.form_value(&form, "by"),
                    at,
                };
                self.apply(action, Some(form), Redraw::Full);
            }
            Act::Undeploy => self.apply(
                Action::MarkDeployed {
                    deployed: false,
                    by: String::new(),
                    at: None,
                },
                Some(Form::Deploy),
                Redraw::Full,
            ),
            Act::ExportMarkdown => self.export_record(true),
            Act::ExportJson => self.export_record(false),
            Act::Print => {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }
        }
    }

    fn on_field(&mut self, field: FieldRef, target: &Element, kind: &str) {
        let value = value_of(target);
        // Typing changes no structure: most fields update the live parts only.
        let mut redraw = Redraw::Live;
        let action = match field {
            FieldRef::Answer(input) => {
                let Some(question) = self.page.policy.inputs.iter().find(|i| *i.id == *input)
                else {
                    return;
                };
                let answer = match &question.kind {
                    InputKind::Bool => Answer::Bool(value == "true"),
                    InputKind::Int { .. } if value.trim().is_empty() => Answer::Null,
                    InputKind::Int { .. } => match i64::from_str_radix(value.trim(), 10) {
                        Ok(i) => Answer::Int(i),
                        Err(_) => Answer::Text(value),
                    },
                    InputKind::Choice { .. } | InputKind::Text { .. } if value.is_empty() => {
                        Answer::Null
                    }
                    InputKind::Choice { .. } | InputKind::Text { .. } => Answer::Text(value),
                };
                Action::Answer {
                    input,
                    value: answer,
                }
            }
            FieldRef::IncidentStart => return self.on_incident_start(value, kind == "change"),
            FieldRef::Author => Action::SetAuthor(value),
            FieldRef::Record(field) => Action::SetRecord { field, text: value },
            FieldRef::TestEvidence(test) => {
                let Some(action) = self.test_action(test, None) else {
                    return;
                };
                action
            }
            FieldRef::Verify(item) => {
                let form = Form::Verify;
                let Some(at) = self.time_of(&form) else {
                    return;
                };
                let action = Action::Verify {
                    item,
                    done: value == "true",
                    by: self.form_value(&form, "by"),
                    at,
                };
                return self.apply(action, Some(form), Redraw::Full);
            }
            FieldRef::FollowUp(id) => {
                redraw = Redraw::Full;
                Action::FollowUpDone {
                    id,
                    done: value == "true",
                }
            }
            FieldRef::Message(communication) => Action::EditMessage {
                communication,
                text: value,
            },
            FieldRef::ImportFile => {
                if kind == "change" {
                    browser::read_file(target);
                }
                return;
            }
        };
        self.apply(action, None, redraw);
    }

    /// The incident's start typed (`left`: and the field left): taken when
    /// it is a time the draft accepts, else kept as typed and, once worth
    /// saying, why not, beside the field. Only the live parts are redrawn.
    fn on_incident_start(&mut self, text: String, left: bool) {
        // Its `input` events took what was typed: leaving the field adds
        // nothing then (and must not record the same start again).
        if left && self.page.typed_start.is_none() {
            return;
        }
        let Screen::Wizard(wizard) = &mut self.page.screen else {
            return;
        };
        let taken = browser::typed_time(&text).and_then(|start| {
            wizard
                .apply(Action::SetIncidentStart(start), now())
                .map_err(|refusal| refusal.message_with(&browser::local_time))
        });
        self.page.typed_start = match taken {
            Ok(()) => {
                self.schedule_save();
                self.notify();
                None
            }
            Err(why) => {
                let why = format!("Not taken: {why}.");
                if time::parse_utc(&text).is_some() {
                    Some(TypedStart {
                        text,
                        why: Some(why),
                    })
                } else {
                    if left {
                        self.say_later(text.clone(), why);
                    }
                    Some(TypedStart { text, why: None })
                }
            }
        };
        self.render_live();
        view::update_start(&self.page);
    }

    /// Says why the half-typed start `text` is not taken, a moment after
    /// the field was left: at once, the line it adds would move the button
    /// whose press left the field, before its release.
    fn say_later(&self, text: String, why: String) {
        let index = self.index;
        browser::set_timeout(
            SAY_LATER_MS,
            Box::new(move || {
                with_app(index, |app| {
                    if let Some(typed) = app.page.typed_start.as_mut().filter(|t| t.text == text) {
                        typed.why = Some(why);
                        view::update_start(&app.page);
                    }
                })
            }),
        );
    }

    /// The result of `test` as its status and evidence fields say; `None`
    /// when "waived" is chosen, which points to the waiver form instead.
    fn set_test(&mut self, test: String, status: TestStatus) {
        if let Some(action) = self.test_action(test, Some(status)) {
            self.apply(action, None, Redraw::Full);
        }
    }

    /// The test's result as `status` (`None`: as it is) with the evidence typed.
    fn test_action(&self, test: String, status: Option<TestStatus>) -> Option<Action> {
        let current = self
            .wizard()
            .and_then(|w| w.draft().tests.get(&test).map(|r| r.status))
            .unwrap_or_default();
        let status = status.unwrap_or(current);
        // A waiver keeps its evidence; it is changed by removing the waiver.
        if status == TestStatus::Waived {
            return None;
        }
        let evidence = dom::value_by_id(&self.id(&ui::test_field(&test, "evidence")));
        Some(Action::SetTest {
            test,
            status,
            evidence,
        })
    }

    /// Applies an action to the open draft; a refusal is shown at `form`.
    pub(super) fn apply(&mut self, action: Action, form: Option<Form>, redraw: Redraw) {
        let Screen::Wizard(wizard) = &mut self.page.screen else {
            return;
        };
        match wizard.apply(action, now()) {
            Ok(()) => {
                self.page.refusal = None;
                self.schedule_save();
                self.notify();
                match redraw {
                    Redraw::Full => self.render_keeping_focus(),
                    Redraw::Live => self.render_live(),
                }
            }
            Err(refusal) => self.refuse(form, refusal),
        }
    }

    /// The time typed in `form`'s `at` field: `Some(None)` for now, `None`
    /// (and the form's refusal shown) when it is not a time.
    fn time_of(&mut self, form: &Form) -> Option<Option<i64>> {
        match browser::typed_time(&self.form_value(form, "at")) {
            Ok(at) => Some(at),
            Err(message) => {
                self.refuse(Some(form.clone()), Refusal::new(message));
                None
            }
        }
    }

    /// Shows why `form`'s action was refused, keeping what was typed in it.
    fn refuse(&mut self, form: Option<Form>, refusal: Refusal) {
        if form.is_none() {
            // No form of its own (a field, a button on a card): a notice.
            return self.notice(format!(
                "Not changed: {}.",
                refusal.message_with(&browser::local_time)
            ));
        }
        let slot = form.as_ref().map(|f| self.id(&f.part("error")));
        self.page.refusal = form.map(|form| {
            let typed = form
                .fields()
                .iter()
                .map(|&part| (part, self.form_value(&form, part)))
                .collect();
            Refused {
                form,
                message: refusal.message_with(&browser::local_time),
                typed,
            }
        });
        self.render_keeping_focus();
        if let Some(slot) = slot.and_then(|id| by_id(&id)) {
            dom::focus(&slot);
        }
    }
}

/// A field typed into (its `input` events carry every change).
fn is_text_entry(element: &Element) -> bool {
    match element.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default();
            !matches!(kind.as_str(), "checkbox" | "radio" | "file")
        }
        _ => false,
    }
}
