//! The page controller: one mounted wizard per root element. Events are
//! delegated from the root to [`App::on_event`], turned into wizard
//! [`Action`]s, and the views re-rendered from state. Drafts autosave
//! (debounced) and are flushed when the page is hidden or closed.

mod events;
mod files;
mod saving;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event};

use super::browser::{self, now};
use super::dom::{self, El, FocusMark, by_id};
use super::json::BrowserJson;
use super::state::{PageState, Screen};
use super::storage::{LocalStore, PageStore};
use super::ui::{self, Form};
use super::view;
use crate::policy::Policy;
use crate::wizard::draft::Draft;
use crate::wizard::idmap::IdMap;
use crate::wizard::route::Route;
use crate::wizard::store::{Drafts, Listing, MemoryStore};
use crate::wizard::sync::Sync;
use crate::wizard::{Action, Step, Wizard, record};

/// What to re-render after a change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Redraw {
    /// Only what changes while typing (panel, step list, inline errors):
    /// the field being typed in stays as it is.
    Live,
    /// The whole view, keeping focus where it was.
    Full,
}

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
    /// Whether the URL was set once (later changes add history entries).
    url_shown: bool,
    /// While following the URL: the views it passes through add no entries.
    url_held: bool,
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
/// `namespace`, owning the URL fragment if `urls`; refuses an element that
/// already holds one.
pub fn mount(
    root: Element,
    policy: Policy,
    namespace: &str,
    callbacks: Callbacks,
    urls: bool,
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
            pending_import: None,
            sync: Sync::unsaved(),
            rows: IdMap::new(),
            urls,
            back_to: None,
            typed_start: None,
        },
        drafts: Drafts::new(store, namespace, BrowserJson),
        save_timer: None,
        ticker: None,
        listeners: Vec::new(),
        callbacks,
        was_ready: false,
        url_shown: false,
        url_held: false,
    };
    super::panic::install();
    super::panic::register(&root, &format!("{namespace}.draft."));
    // The home view first, without touching the URL: it names where to go.
    app.url_held = true;
    app.show_home();
    app.url_held = false;
    app.listen(index);
    if urls {
        // Where the URL says: a reload resumes there.
        app.follow_url();
        app.show_url();
        app.url_shown = true;
    }
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

    /// The value of the field `part` of `form`.
    fn form_value(&self, form: &Form, part: &str) -> String {
        dom::value_by_id(&self.id(&form.part(part)))
    }

    /// Calls `handler` with app `index` on each `kind` event at `target`,
    /// until unmounted.
    fn on(
        &mut self,
        target: web_sys::EventTarget,
        kind: &'static str,
        index: usize,
        handler: impl Fn(&mut App, &Event) + 'static,
    ) {
        let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            with_app(index, |app| handler(app, &event));
        });
        let _ = target.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        self.listeners.push((target, kind, listener));
    }

    fn listen(&mut self, index: usize) {
        // `hotgate-file`: a file chosen for import was read (`browser.js`).
        for kind in ["click", "input", "change", "keydown", "hotgate-file"] {
            self.on(self.root.clone().into(), kind, index, App::on_event);
        }
        if let Some(window) = web_sys::window() {
            self.on(window.clone().into(), "storage", index, |app, event| {
                if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                    app.on_storage(event);
                }
            });
            if self.page.urls {
                // Back and forward.
                self.on(window.clone().into(), "hashchange", index, |app, _| {
                    app.follow_url();
                });
            }
            // Printing from any step prints the record.
            self.on(window.clone().into(), "beforeprint", index, |app, _| {
                app.before_print();
            });
            self.on(window.clone().into(), "afterprint", index, |app, _| {
                app.after_print();
            });
            // Flush pending saves when the page is hidden or closed.
            for kind in ["pagehide", "visibilitychange", "beforeunload"] {
                self.on(window.clone().into(), kind, index, |app, _| app.flush());
            }
        }
        // Deadline countdowns tick every 15 seconds.
        let tick = Closure::<dyn FnMut()>::new(move || with_app(index, App::tick));
        if let Some(id) = browser::set_interval(15_000, &tick) {
            self.ticker = Some((id, tick));
        }
    }

    /// Before printing a step other than the Record: the record, laid out
    /// for the print only (the print style shows nothing else).
    fn before_print(&mut self) {
        self.after_print();
        let Screen::Wizard(wizard) = &self.page.screen else {
            return;
        };
        if wizard.draft().step == Step::Record {
            return;
        }
        let copy = El::new("div")
            .class("hg-print")
            .child(view::record_laid_out(&record::document(wizard)));
        if let Some(page) = self.root.first_element_child() {
            let _ = page.append_child(&copy.0);
        }
    }

    fn after_print(&mut self) {
        if let Ok(Some(copy)) = self.root.query_selector(".hg-print") {
            copy.remove();
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
                self.page.say(e.message());
                Listing::default()
            }
        };
        self.page.screen = Screen::Home(listing);
        self.page.pending_delete = None;
        self.page.refusal = None;
        self.render();
    }

    fn open(&mut self, draft: Draft) {
        self.page.sync = Sync::opened(draft.updated_at);
        self.page.back_to = None;
        self.page.typed_start = None;
        let (wizard, changes) = Wizard::open(self.page.policy.clone(), draft, now());
        if !changes.is_empty() {
            self.page.notices.clear();
        }
        if !changes.upgraded.is_empty() {
            let mut notice = String::from("About this draft: ");
            notice.push_str(&changes.upgraded.join("; "));
            notice.push('.');
            self.page.notices.push(notice);
        }
        if !changes.policy.is_empty() {
            let mut notice = String::from("The policy in force has changed: ");
            notice.push_str(&changes.policy.join("; "));
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

    /// Tells the portal about the change; `onReadyToDeploy` fires when the
    /// draft becomes ready. A throwing callback does not stop the wizard.
    fn notify(&mut self) {
        let Some(wizard) = self.wizard() else { return };
        let status = wizard.status();
        let assessment = wizard.assessment();
        let event = js_sys::Object::new();
        let verdict = if crate::wizard::verdict_stands(&wizard.policy, assessment) {
            assessment.decision.verdict.as_str()
        } else {
            "incomplete"
        };
        let fields: [(&str, JsValue); 8] = [
            ("draftId", wizard.draft().id.as_str().into()),
            ("title", wizard.draft().title(&wizard.policy).into()),
            ("verdict", verdict.into()),
            ("readyToDeploy", status.ready_to_deploy.into()),
            ("blockers", JsValue::from(status.blockers.len() as u32)),
            ("step", wizard.draft().step.slug().into()),
            ("stage", status.stage.as_str().into()),
            (
                "stageText",
                status.stage_text(&crate::wizard::time::format_utc).into(),
            ),
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
        self.go_to_from(step, None);
    }

    /// [`App::go_to`], offering the way back to `back_to` on the new step.
    fn go_to_from(&mut self, step: Step, back_to: Option<Step>) {
        let Screen::Wizard(wizard) = &mut self.page.screen else {
            return;
        };
        if wizard.apply(Action::GoTo(step), now()).is_ok() {
            self.page.refusal = None;
            self.page.back_to = back_to;
            self.schedule_save();
            self.render();
            self.focus_heading();
        }
    }

    /// Opens the Incident step with focus on question `input` (its first
    /// choice, for a yes/no question), offering the way back to the step
    /// the link was on.
    fn go_to_question(&mut self, input: &str) {
        let from = self.wizard().map(|w| w.draft().step);
        self.go_to_from(Step::Incident, from.filter(|s| *s != Step::Incident));
        let control = by_id(&self.id(&ui::question(input, "-yes")))
            .or_else(|| by_id(&self.id(&ui::question(input, ""))));
        if let Some(control) = control {
            dom::focus(&control);
        }
    }

    pub(super) fn notice(&mut self, message: String) {
        self.page.say(message);
        self.render_keeping_focus();
    }

    // ---- rendering ----

    pub fn render(&mut self) {
        self.page.refresh_rows(view::home_facts);
        let page = view::page(&self.page);
        dom::replace_children(&self.root, page);
        self.show_url();
    }

    /// Where the page is now.
    fn route(&self) -> Route {
        match &self.page.screen {
            Screen::Home(_) => Route::Home,
            Screen::Wizard(w) => Route::Draft {
                id: w.draft().id.clone(),
                step: Some(w.draft().step),
            },
        }
    }

    /// Puts the current view in the URL: a new history entry, so that back
    /// returns to the view before (the first, on mounting, replaces).
    fn show_url(&mut self) {
        if !self.page.urls || self.url_held {
            return;
        }
        let want = self.route().hash();
        if browser::url_hash() != want {
            browser::set_url_hash(&want, !std::mem::replace(&mut self.url_shown, true));
        }
    }

    /// Shows what the URL names (on mounting, and after back or forward).
    pub fn follow_url(&mut self) {
        let Some(route) = Route::parse(&browser::url_hash()) else {
            return self.show_url();
        };
        if route == self.route() {
            return;
        }
        self.url_held = true;
        self.follow(route);
        self.url_held = false;
        // The URL named the view: it stays the entry, as the view says it.
        let shown = self.route().hash();
        if browser::url_hash() != shown {
            browser::set_url_hash(&shown, true);
        }
        self.url_shown = true;
    }

    fn follow(&mut self, route: Route) {
        match route {
            Route::Home => {
                if !matches!(self.page.screen, Screen::Home(_)) {
                    self.go_home();
                }
            }
            Route::Draft { id, step } => {
                let open = self.wizard().map(|w| w.draft().id.clone());
                if open.as_deref() != Some(id.as_str()) {
                    match self.drafts.load(&id) {
                        Ok(Some(Ok(draft))) => self.open(draft),
                        Ok(Some(Err(e))) => return self.notice(e.message()),
                        _ => {
                            self.page.say(
                                "The link is to a draft that is not stored in this browser.".into(),
                            );
                            return self.go_home();
                        }
                    }
                }
                if let Some(step) = step {
                    self.go_to(step);
                }
            }
        }
    }

    /// Re-renders and puts focus back on the element that had it.
    fn render_keeping_focus(&mut self) {
        let mark = FocusMark::take(&self.root);
        self.render();
        if !mark.is_some_and(|mark| mark.restore(&self.root)) {
            self.focus_heading();
        }
    }

    /// Every 15 seconds: countdowns and deadlines move on, and a control
    /// that opens at a time (the monitoring check, `data-opens-at`) opens
    /// then, without losing what was typed in any field.
    fn tick(&mut self) {
        let opens_at = self
            .root
            .query_selector("[data-opens-at]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("data-opens-at"))
            .and_then(|at| i64::from_str_radix(&at, 10).ok());
        if opens_at.is_none_or(|at| now() < at) {
            self.render_live();
            return;
        }
        let typed = dom::typed_fields(&self.root);
        self.render_keeping_focus();
        dom::restore_fields(&typed);
    }

    /// Updates what changes while typing, without touching the fields.
    pub fn render_live(&mut self) {
        if !view::update_live(&self.page) {
            self.focus_heading();
        }
    }

    fn focus_heading(&self) {
        if let Some(heading) = by_id(&self.id("heading")) {
            dom::focus(&heading);
        }
    }
}
