//! Saving: the debounced autosave, flushing, and the two-tab rule
//! (`wizard::sync`) applied to storage events.

use super::super::browser;
use super::super::json::BrowserJson;
use super::super::state::Screen;
use super::{App, SAVE_DELAY_MS, with_app};
use crate::wizard::Wizard;
use crate::wizard::draft::DraftJson;
use crate::wizard::read;
use crate::wizard::sync::Elsewhere;

impl App {
    pub(super) fn schedule_save(&mut self) {
        if let Some(wizard) = self.wizard() {
            super::super::panic::snapshot(&BrowserJson.to_json(wizard.draft()));
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
    pub(super) fn flush(&mut self) {
        if let Some(timer) = self.save_timer.take() {
            browser::clear_timeout(timer);
            self.save_now();
        }
    }

    pub(super) fn save_now(&mut self) {
        let Screen::Wizard(wizard) = &self.page.screen else {
            return;
        };
        let draft = wizard.draft();
        let stored = match self.drafts.load(&draft.id) {
            Ok(Some(Ok(stored))) => Some(stored.updated_at),
            _ => None,
        };
        // Never overwrite another tab's version unasked.
        if !self.page.sync.may_save(stored) {
            return;
        }
        match self.drafts.save(draft) {
            Ok(()) => {
                self.page.save_problem = None;
                self.page.sync.saved(draft.updated_at);
            }
            Err(error) => self.page.save_problem = Some(error.message()),
        }
    }

    /// Another tab wrote to storage. The rule: a tab never silently
    /// overwrites newer data. With no unsaved change here, the open draft
    /// follows the other tab's version; with unsaved changes, this tab
    /// stops saving and the user chooses (keep theirs, or keep mine as a copy).
    pub(super) fn on_storage(&mut self, event: &web_sys::StorageEvent) {
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
                let unsaved = self.save_timer.is_some();
                let newer = event.new_value().map(|text| read::parse(&text));
                if let Some(Err(error)) = &newer {
                    if !unsaved && !self.page.sync.conflict() {
                        self.notice(error.message());
                        return;
                    }
                }
                let at = match &newer {
                    Some(Ok(draft)) => Some(draft.updated_at),
                    _ => None,
                };
                match self.page.sync.changed_elsewhere(at, unsaved) {
                    Elsewhere::Conflict => self.render_live(),
                    Elsewhere::Follow => {
                        let Some(Ok(mut newer)) = newer else { return };
                        if let Some(step) = self.wizard().map(|w| w.draft().step) {
                            newer.step = step;
                        }
                        let (wizard, _) = Wizard::open(self.page.policy.clone(), newer, super::super::browser::now());
                        self.page.screen = Screen::Wizard(Box::new(wizard));
                        self.page.say(
                            "This draft was changed in another tab; this tab now shows that version.".into(),
                        );
                        self.render_keeping_focus();
                    }
                    Elsewhere::Deleted => self.notice(
                        "This draft was deleted in another tab. It stays open here; your next change saves it again."
                            .into(),
                    ),
                }
            }
            Some(_) => {}
        }
    }
}
