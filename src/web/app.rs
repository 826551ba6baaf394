//! The page controller: one mounted wizard per root element. Events are
//! delegated from the root to [`App::on_event`], turned into wizard
//! [`Action`]s, and the views re-rendered from state. Drafts autosave
//! (debounced) and are flushed when the page is hidden or closed.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlInputElement};

use super::browser::{self, now};
use super::dom::{self, by_id, value_of};
use super::json::{self, BrowserJson};
use super::state::{PageState, Screen};
use super::storage::{LocalStore, PageStore};
use super::view;
use crate::incident::Answer;
use crate::policy::{InputKind, Policy};
use crate::wizard::draft::{Draft, DraftJson};
use crate::wizard::idmap::IdMap;
use crate::wizard::read;
use crate::wizard::record;
use crate::wizard::store::{Drafts, Listing, MemoryStore};
use crate::wizard::{Action, Step, TestStatus, Wizard};

/// Autosave delay after the last change.
const SAVE_DELAY_MS: i32 = 400;

pub struct App {
    /// This app's place in `APPS`, for callbacks.
    index: usize,
    pub root: Element,
    /// What the views show.
    page: PageState,
    pub drafts: Drafts<PageStore, BrowserJson>,
    pub save_timer: Option<i32>,
    ticker: Option<(i32, Closure<dyn FnMut()>)>,
    listeners: Vec<Listener>,
    callbacks: Callbacks,
    /// Whether the open draft was ready to deploy at the last change.
    was_ready: bool,
    /// `updated_at` of the stored version of the open draft this tab last
    /// read or wrote: if storage holds another, another tab changed it.
    synced: Option<i64>,
}

/// A portal's callbacks (see `MountOptions` in the TypeScript types).
#[derive(Default)]
pub struct Callbacks {
    pub on_change: Option<js_sys::Function>,
    pub on_ready: Option<js_sys::Function>,
}

/// An event listener the app added, kept so that unmounting removes it.
type Listener = (
    web_sys::EventTarget,
    &'static str,
    Closure<dyn FnMut(Event)>,
);

thread_local! {
    static APPS: RefCell<Vec<Option<App>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on app `index` unless it is gone or busy (a nested event).
pub fn with_app(index: usize, f: impl FnOnce(&mut App)) {
    APPS.with(|apps| {
        if let Ok(mut apps) = apps.try_borrow_mut() {
            if let Some(Some(app)) = apps.get_mut(index) {
                f(app);
            }
        }
    });
}

/// Mounts a wizard for `policy` into `root`, storing drafts under
/// `namespace`; refuses an element that already holds one.
pub fn mount(
    root: Element,
    policy: Policy,
    namespace: &str,
    callbacks: Callbacks,
) -> Result<usize, String> {
    let taken = APPS.with(|apps| {
        apps.borrow()
            .iter()
            .flatten()
            .any(|app| js_sys::Object::is(&app.root, &root))
    });
    if taken {
        return Err("this element already holds a Hotgate wizard; unmount it first".into());
    }
    let (store, storage_problem) = match LocalStore::open() {
        Ok(store) => (PageStore::Local(store), None),
        Err(problem) => (
            PageStore::Memory(MemoryStore::default()),
            Some(problem.message()),
        ),
    };
    let index = APPS.with(|apps| apps.borrow().len());
    let mut app = App {
        index,
        root: root.clone(),
        page: PageState {
            prefix: format!("hg{index}-"),
            policy: Rc::new(policy),
            screen: Screen::Home(Listing::default()),
            storage_problem,
            save_problem: None,
            notices: Vec::new(),
            refusal: None,
            pending_delete: None,
            conflict: false,
            rows: IdMap::new(),
        },
        drafts: Drafts::new(store, namespace, BrowserJson),
        save_timer: None,
        ticker: None,
        listeners: Vec::new(),
        callbacks,
        was_ready: false,
        synced: None,
    };
    super::panic::install();
    super::panic::register(&root, &format!("{namespace}.draft."));
    app.show_home();
    app.listen(index);
    APPS.with(|apps| apps.borrow_mut().push(Some(app)));
    Ok(index)
}

/// Flushes and removes app `index`; its root is emptied.
pub fn unmount(index: usize) -> bool {
    APPS.with(|apps| {
        let Ok(mut apps) = apps.try_borrow_mut() else {
            return false;
        };
        let Some(slot) = apps.get_mut(index) else {
            return false;
        };
        let Some(mut app) = slot.take() else {
            return false;
        };
        app.flush();
        for (target, kind, listener) in app.listeners.drain(..) {
            let _ =
                target.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        if let Some((id, _)) = app.ticker.take() {
            browser::clear_interval(id);
        }
        super::panic::unregister(&app.root);
        app.root.set_text_content(None);
        true
    })
}

impl App {
    fn id(&self, name: &str) -> String {
        self.page.id(name)
    }

    /// The value of the field `name` of the form `form` (see `view::steps`).
    fn form_value(&self, form: &str, name: &str) -> String {
        dom::value_by_id(&self.id(&format!("{form}-{name}")))
    }

    fn listen(&mut self, index: usize) {
        // `hotgate-file`: a file chosen for import was read (`browser.js`).
        let on_root = ["click", "input", "change", "keydown", "hotgate-file"];
        for kind in on_root {
            let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                with_app(index, |app| app.on_event(&event));
            });
            let target: web_sys::EventTarget = self.root.clone().into();
            let _ =
                target.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
            self.listeners.push((target, kind, listener));
        }
        // Flush pending saves when the page is hidden or closed.
        if let Some(window) = web_sys::window() {
            let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                    with_app(index, |app| app.on_storage(event));
                }
            });
            let target: web_sys::EventTarget = window.clone().into();
            let _ = target
                .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
            self.listeners.push((target, "storage", listener));
            for kind in ["pagehide", "visibilitychange", "beforeunload"] {
                let listener = Closure::<dyn FnMut(Event)>::new(move |_event: Event| {
                    with_app(index, App::flush);
                });
                let target: web_sys::EventTarget = window.clone().into();
                let _ = target
                    .add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
                self.listeners.push((target, kind, listener));
            }
        }
        // Deadline countdowns tick every 15 seconds.
        let tick = Closure::<dyn FnMut()>::new(move || with_app(index, |app| app.render_live()));
        if let Some(id) = browser::set_interval(15_000, &tick) {
            self.ticker = Some((id, tick));
        }
    }

    // ---- screens ----

    pub fn go_home(&mut self) {
        self.show_home();
        self.focus_heading();
    }

    /// The home view, without moving focus: what a page shows when the
    /// wizard is mounted (it must not pull focus, or scroll the page, to
    /// itself on load).
    fn show_home(&mut self) {
        self.flush();
        let listing = match self.drafts.list() {
            Ok(listing) => listing,
            Err(e) => {
                self.page.notices.push(e.message());
                Listing::default()
            }
        };
        self.page.screen = Screen::Home(listing);
        self.page.pending_delete = None;
        self.page.refusal = None;
        self.render();
    }

    fn open(&mut self, draft: Draft) {
        self.synced = Some(draft.updated_at);
        self.page.conflict = false;
        let (wizard, changes) = Wizard::open(self.page.policy.clone(), draft);
        if !changes.is_empty() {
            let mut notice = String::from("The policy in force has changed: ");
            notice.push_str(&changes.join("; "));
            notice.push('.');
            self.page.notices.push(notice);
        }
        self.was_ready = wizard.status().ready_to_deploy;
        self.page.screen = Screen::Wizard(Box::new(wizard));
        self.page.refusal = None;
        if !changes.is_empty() {
            self.save_now();
        }
        self.render();
        self.focus_heading();
    }

    fn wizard(&self) -> Option<&Wizard> {
        self.page.wizard()
    }

    // ---- saving ----

    fn schedule_save(&mut self) {
        if let Some(wizard) = self.wizard() {
            super::panic::snapshot(&BrowserJson.to_json(wizard.draft()));
        }
        if let Some(timer) = self.save_timer.take() {
            browser::clear_timeout(timer);
        }
        let index = self.index;
        self.save_timer = browser::set_timeout(
            SAVE_DELAY_MS,
            Box::new(move || {
                with_app(index, |app| {
                    app.save_timer = None;
                    app.save_now();
                    app.render_live();
                });
            }),
        );
    }

    /// Saves a pending change now.
    pub fn flush(&mut self) {
        if let Some(timer) = self.save_timer.take() {
            browser::clear_timeout(timer);
            self.save_now();
        }
    }

    fn save_now(&mut self) {
        let Screen::Wizard(wizard) = &self.page.screen else {
            return;
        };
        if self.page.conflict {
            return; // never overwrite the other tab's version unasked
        }
        let draft = wizard.draft();
        if let Ok(Some(Ok(stored))) = self.drafts.load(&draft.id) {
            if Some(stored.updated_at) != self.synced {
                self.page.conflict = true;
                return;
            }
        }
        match self.drafts.save(draft) {
            Ok(()) => {
                self.page.save_problem = None;
                self.synced = Some(draft.updated_at);
            }
            Err(error) => self.page.save_problem = Some(error.message()),
        }
    }

    /// Another tab wrote to storage. The rule: a tab never silently
    /// overwrites newer data. With no unsaved change here, the open draft
    /// follows the other tab's version; with unsaved changes, this tab
    /// stops saving and the user chooses (keep theirs, or keep mine as a copy).
    fn on_storage(&mut self, event: &web_sys::StorageEvent) {
        let Some(key) = event.key() else { return };
        let open_key = self.wizard().map(|w| self.drafts.key(&w.draft().id));
        match open_key {
            None => {
                if key.starts_with(&self.drafts.key("")) {
                    if let Ok(listing) = self.drafts.list() {
                        self.page.screen = Screen::Home(listing);
                        self.render_keeping_focus();
                    }
                }
            }
            Some(open_key) if open_key == key => {
                if self.save_timer.is_some() || self.page.conflict {
                    self.page.conflict = true;
                    self.render_live();
                    return;
                }
                match event.new_value().map(|text| read::parse(&text)) {
                    Some(Ok(mut newer)) => {
                        if let Some(step) = self.wizard().map(|w| w.draft().step) {
                            newer.step = step;
                        }
                        self.synced = Some(newer.updated_at);
                        let (wizard, _) = Wizard::open(self.page.policy.clone(), newer);
                        self.page.screen = Screen::Wizard(Box::new(wizard));
                        self.page.notices.push(
                            "This draft was changed in another tab; this tab now shows that version.".into(),
                        );
                        self.render_keeping_focus();
                    }
                    Some(Err(error)) => self.notice(error.message()),
                    None => {
                        self.synced = None;
                        self.notice(
                            "This draft was deleted in another tab. It stays open here; your next change saves it again."
                                .into(),
                        );
                    }
                }
            }
            Some(_) => {}
        }
    }

    // ---- events ----

    fn on_event(&mut self, event: &Event) {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match event.type_().as_str() {
            "click" => {
                if let Ok(Some(button)) = target.closest("[data-act]") {
                    let act = button.get_attribute("data-act").unwrap_or_default();
                    self.on_act(&act);
                }
            }
            "input" | "change" => {
                // Text entries were handled on `input`; their `change` comes
                // on blur, and re-rendering then would swallow the click
                // that caused the blur.
                let kind = event.type_();
                if kind == "change" && is_text_entry(&target) {
                    return;
                }
                if let Some(field) = target.get_attribute("data-field") {
                    self.on_field(&field, &target, &kind);
                }
            }
            "keydown" => {
                // Enter in a one-line field of a form presses its button.
                let key = event
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .map(|k| k.key())
                    .unwrap_or_default();
                if key == "Enter" && target.tag_name() == "INPUT" {
                    if let Some(act) = target.get_attribute("data-enter") {
                        event.prevent_default();
                        self.on_act(&act);
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

    fn on_act(&mut self, act: &str) {
        let (verb, arg) = crate::support::text::split_once(act, ":").unwrap_or((act, ""));
        match verb {
            "home" => self.go_home(),
            "new" => {
                let draft = Draft::new(browser::new_id(), &self.page.policy, now());
                self.open(draft);
                self.save_now();
            }
            "resume" => match self.drafts.load(arg) {
                Ok(Some(Ok(draft))) => self.open(draft),
                Ok(Some(Err(e))) => self.notice(e.message()),
                Ok(None) => self.notice("that draft is gone (deleted in another tab?)".into()),
                Err(e) => self.notice(e.message()),
            },
            "duplicate" => {
                if let Ok(Some(Ok(mut draft))) = self.drafts.load(arg) {
                    let at = now();
                    draft.id = browser::new_id();
                    draft.created_at = at;
                    draft.updated_at = at;
                    draft
                        .answers
                        .set("title", Answer::Text(format!("Copy of {}", draft.title())));
                    draft.approvals.clear();
                    draft.sign_offs.clear();
                    draft.tests.clear();
                    draft.sent.clear();
                    draft.deployed_at = None;
                    draft.verified.clear();
                    draft.follow_ups_done.clear();
                    draft.step = Step::Incident;
                    match self.drafts.save(&draft) {
                        Ok(()) => self
                            .page
                            .notices
                            .push(format!("Duplicated as “{}”.", draft.title())),
                        Err(e) => self.page.notices.push(e.message()),
                    }
                    self.go_home();
                }
            }
            "export" => {
                if let Ok(Some(Ok(draft))) = self.drafts.load(arg) {
                    self.download_draft(&draft.id, &BrowserJson.to_json(&draft));
                }
            }
            "export-current" => {
                if let Some(wizard) = self.wizard() {
                    let (id, text) = (
                        wizard.draft().id.clone(),
                        BrowserJson.to_json(wizard.draft()),
                    );
                    self.download_draft(&id, &text);
                }
            }
            "export-raw" => {
                if let Ok(Some(raw)) = self.drafts.raw(arg) {
                    let name = format!("hotgate-unreadable-{}.json", dom::slug(arg));
                    if let Err(e) = browser::download(&name, "application/json", &raw) {
                        self.notice(e);
                    }
                }
            }
            "delete" => {
                self.page.pending_delete = Some(arg.to_string());
                self.render();
                if let Some(confirm) = by_id(&self.id("confirm-delete")) {
                    dom::focus(&confirm);
                }
            }
            "cancel-delete" => {
                self.page.pending_delete = None;
                self.render();
                self.focus_heading();
            }
            "confirm-delete" => {
                if let Some(target) = self.page.pending_delete.take() {
                    let result = if crate::support::text::find(&target, ".").is_some() {
                        self.drafts.remove_key(&target)
                    } else {
                        self.drafts.delete(&target)
                    };
                    match result {
                        Ok(()) => self.page.notices.push("Draft deleted.".into()),
                        Err(e) => self.page.notices.push(e.message()),
                    }
                }
                self.go_home();
            }
            "import" => {
                if let Some(input) = by_id(&self.id("import-file"))
                    .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                {
                    input.click();
                }
            }
            "conflict-theirs" => {
                let id = self
                    .wizard()
                    .map(|w| w.draft().id.clone())
                    .unwrap_or_default();
                if let Ok(Some(Ok(theirs))) = self.drafts.load(&id) {
                    self.open(theirs);
                    self.page.notices.push(
                        "Showing the other tab's version; the changes made here were dropped."
                            .into(),
                    );
                    self.render_keeping_focus();
                }
            }
            "conflict-copy" => {
                // A copy through the draft's JSON text, which reads back as
                // the same draft: the bundle clones no draft anywhere, and
                // a `clone()` here alone would bring the clone code of
                // every field type (0.85 KB after gzip).
                let mine = self
                    .wizard()
                    .map(|w| read::parse(&BrowserJson.to_json(w.draft())));
                if let Some(Ok(mut mine)) = mine {
                    mine.id = browser::new_id();
                    mine.answers.set(
                        "title",
                        Answer::Text(format!("{} (copy from a second tab)", mine.title())),
                    );
                    self.open(mine);
                    self.synced = None;
                    self.save_now();
                    self.page.notices.push("Your version was saved as a separate copy; the other tab's version is unchanged.".into());
                    self.render_keeping_focus();
                }
            }
            "dismiss" => {
                self.page.notices.clear();
                self.render();
                self.focus_heading();
            }
            "goto" => {
                if let Some(step) = Step::from_slug(arg) {
                    self.go_to(step);
                }
            }
            "next" | "back" => {
                if let Some(current) = self.wizard().map(|w| w.draft().step) {
                    let step = if verb == "next" {
                        current.next()
                    } else {
                        current.previous()
                    };
                    if let Some(step) = step {
                        self.go_to(step);
                    }
                }
            }
            "sign-off" => {
                let form = format!("sign-off-{}", dom::slug(arg));
                let action = Action::SignOff {
                    blocker: arg.to_string(),
                    name: self.form_value(&form, "name"),
                    comment: self.form_value(&form, "comment"),
                };
                self.apply(action, &form, true);
            }
            "remove-sign-off" => self.apply(
                Action::RemoveSignOff {
                    blocker: arg.to_string(),
                },
                "",
                true,
            ),
            "approve" => {
                let form = format!("approve-{}", dom::slug(arg));
                let action = Action::Approve {
                    role: arg.to_string(),
                    name: self.form_value(&form, "name"),
                    comment: self.form_value(&form, "comment"),
                };
                self.apply(action, &form, true);
            }
            "remove-approval" => {
                if let Ok(index) = usize::from_str_radix(arg, 10) {
                    self.apply(Action::RemoveApproval { index }, "", true);
                }
            }
            "waive" => {
                let form = format!("waive-{}", dom::slug(arg));
                let action = Action::Waive {
                    test: arg.to_string(),
                    reason: self.form_value(&form, "reason"),
                    by: self.form_value(&form, "by"),
                };
                self.apply(action, &form, true);
            }
            "sent" | "unsent" => {
                let action = Action::MarkSent {
                    communication: arg.to_string(),
                    sent: verb == "sent",
                };
                self.apply(action, "", true);
            }
            "copy" => self.copy_message(arg),
            "deploy" | "undeploy" => {
                self.apply(Action::MarkDeployed(verb == "deploy"), "deploy", true)
            }
            "export-md" | "export-json" => self.export_record(verb == "export-md"),
            "print" => {
                if let Some(window) = web_sys::window() {
                    let _ = window.print();
                }
            }
            _ => {}
        }
    }

    fn on_field(&mut self, field: &str, target: &Element, kind: &str) {
        let (what, arg) = crate::support::text::split_once(field, ":").unwrap_or((field, ""));
        let value = value_of(target);
        let action = match what {
            "answer" => {
                let Some(input) = self.page.policy.inputs.iter().find(|i| *i.id == *arg) else {
                    return;
                };
                let answer = match &input.kind {
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
                    input: arg.to_string(),
                    value: answer,
                }
            }
            "incident-start" => Action::SetIncidentStart(browser::parse_datetime_local(&value)),
            "author" => Action::SetAuthor(value),
            "record" => Action::SetRecord {
                field: arg.to_string(),
                text: value,
            },
            "test-status" | "test-evidence" => {
                let status_id = self.id(&format!("test-{}-status", dom::slug(arg)));
                let evidence_id = self.id(&format!("test-{}-evidence", dom::slug(arg)));
                let status = match dom::value_by_id(&status_id).as_str() {
                    "passed" => TestStatus::Passed,
                    "failed" => TestStatus::Failed,
                    "waived" => {
                        // The waiver form sets this status; choosing it
                        // points there.
                        if let Some(reason) =
                            by_id(&self.id(&format!("waive-{}-reason", dom::slug(arg))))
                        {
                            dom::focus(&reason);
                        }
                        return;
                    }
                    _ => TestStatus::Pending,
                };
                Action::SetTest {
                    test: arg.to_string(),
                    status,
                    evidence: dom::value_by_id(&evidence_id),
                }
            }
            "verify" => Action::Verify {
                item: arg.to_string(),
                done: value == "true",
            },
            "follow-up" => Action::FollowUpDone {
                id: arg.to_string(),
                done: value == "true",
            },
            "import-file" => {
                if kind == "change" {
                    browser::read_file(target);
                }
                return;
            }
            _ => return,
        };
        // Typing changes no structure: update the live parts only.
        let structural = matches!(what, "test-status" | "verify" | "follow-up");
        self.apply(action, "", structural);
    }

    /// Applies an action to the open draft; a refusal is shown at `form`.
    fn apply(&mut self, action: Action, form: &str, full_render: bool) {
        let Screen::Wizard(wizard) = &mut self.page.screen else {
            return;
        };
        match wizard.apply(action, now()) {
            Ok(()) => {
                self.page.refusal = None;
                self.schedule_save();
                self.notify();
                if full_render {
                    self.render_keeping_focus();
                } else {
                    self.render_live();
                }
            }
            Err(refusal) => {
                self.page.refusal = Some((form.to_string(), refusal.message));
                self.render_keeping_focus();
                if let Some(slot) = by_id(&self.id(&format!("{form}-error"))) {
                    dom::focus(&slot);
                }
            }
        }
    }

    /// Tells the portal about the change; `onReadyToDeploy` fires when the
    /// draft becomes ready. A throwing callback does not stop the wizard.
    fn notify(&mut self) {
        let Some(wizard) = self.wizard() else { return };
        let status = wizard.status();
        let assessment = wizard.assessment();
        let event = js_sys::Object::new();
        let verdict = if assessment.errors.is_empty() {
            assessment.decision.verdict.as_str()
        } else {
            "incomplete"
        };
        let fields: [(&str, JsValue); 6] = [
            ("draftId", wizard.draft().id.as_str().into()),
            ("title", wizard.draft().title().into()),
            ("verdict", verdict.into()),
            ("readyToDeploy", status.ready_to_deploy.into()),
            ("blockers", JsValue::from(status.blockers.len() as u32)),
            ("step", wizard.draft().step.slug().into()),
        ];
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&event, &key.into(), &value);
        }
        let became_ready = status.ready_to_deploy && !self.was_ready;
        self.was_ready = status.ready_to_deploy;
        if let Some(f) = &self.callbacks.on_change {
            let _ = f.call1(&JsValue::NULL, &event);
        }
        if became_ready {
            if let Some(f) = &self.callbacks.on_ready {
                let _ = f.call1(&JsValue::NULL, &event);
            }
        }
    }

    fn go_to(&mut self, step: Step) {
        let Screen::Wizard(wizard) = &mut self.page.screen else {
            return;
        };
        if wizard.apply(Action::GoTo(step), now()).is_ok() {
            self.page.refusal = None;
            self.schedule_save();
            self.render();
            self.focus_heading();
        }
    }

    fn notice(&mut self, message: String) {
        self.page.notices.push(message);
        self.render_keeping_focus();
    }

    /// A file chosen for import was read (a `hotgate-file` event).
    fn import(&mut self, event: &Event) {
        let (name, result) = browser::file_read(event);
        let message = match result
            .map_err(|e| format!("cannot read “{name}”: {e}"))
            .and_then(|text| {
                read::parse(&text)
                    .map_err(|e| format!("“{name}” was not imported: {}", e.message()))
            }) {
            Ok(mut draft) => {
                // An import never replaces a stored draft silently.
                if matches!(self.drafts.load(&draft.id), Ok(Some(_))) {
                    draft.id = browser::new_id();
                }
                match self.drafts.save(&draft) {
                    Ok(()) => format!("Imported “{}”.", draft.title()),
                    Err(e) => e.message(),
                }
            }
            Err(message) => message,
        };
        self.page.notices.push(message);
        self.go_home();
    }

    /// Downloads the JSON `text` of draft `id`.
    fn download_draft(&mut self, id: &str, text: &str) {
        let name = format!("hotgate-draft-{}.json", dom::slug(id));
        if let Err(e) = browser::download(&name, "application/json", text) {
            self.notice(format!("export failed: {e}"));
        }
    }

    fn export_record(&mut self, markdown: bool) {
        let Some(wizard) = self.wizard() else { return };
        let id = dom::slug(&wizard.draft().id);
        let result = if markdown {
            browser::download(
                &format!("hotfix-record-{id}.md"),
                "text/markdown",
                &record::markdown(wizard),
            )
        } else {
            browser::download(
                &format!("hotfix-record-{id}.json"),
                "application/json",
                &json::record(wizard),
            )
        };
        if let Err(e) = result {
            self.notice(format!("export failed: {e}"));
        }
    }

    fn copy_message(&mut self, id: &str) {
        let Some(message) = self
            .wizard()
            .and_then(|w| {
                w.assessment()
                    .decision
                    .communications
                    .iter()
                    .find(|c| *c.id == *id)
            })
            .map(|c| c.message.clone())
        else {
            return;
        };
        let status_id = self.id(&format!("copy-{}-status", dom::slug(id)));
        browser::copy(
            &message,
            &status_id,
            "Copied.",
            "Copy failed: select the text and copy it.",
        );
    }

    // ---- rendering ----

    pub fn render(&mut self) {
        self.page.refresh_rows(view::home_facts);
        let page = view::page(&self.page);
        dom::replace_children(&self.root, page);
    }

    /// Re-renders and puts focus back on the element that had it.
    fn render_keeping_focus(&mut self) {
        let active = dom::document()
            .and_then(|d| d.active_element())
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        self.render();
        match active.and_then(|id| by_id(&id)) {
            Some(element) => dom::focus(&element),
            None => self.focus_heading(),
        }
    }

    /// Updates what changes while typing, without touching the fields.
    pub fn render_live(&mut self) {
        view::update_live(&self.page);
    }

    fn focus_heading(&self) {
        if let Some(heading) = by_id(&self.id("heading")) {
            dom::focus(&heading);
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
