//! What the views show: the page's state, owned and changed by the
//! controller (`app`), read by the views (`view`), which never reach back
//! into the controller.

use std::rc::Rc;

use super::ui::Form;
use crate::policy::Policy;
use crate::wizard::draft::Draft;
use crate::wizard::idmap::IdMap;
use crate::wizard::store::Listing;
use crate::wizard::sync::Sync;
use crate::wizard::{Step, Wizard};

/// The view on screen.
pub enum Screen {
    Home(Listing),
    Wizard(Box<Wizard>),
}

pub struct PageState {
    /// Prefix of every element id, so two wizards can share a page.
    pub prefix: String,
    pub policy: Rc<Policy>,
    pub screen: Screen,
    /// Why drafts live only in memory, if they do.
    pub storage_problem: Option<String>,
    /// The last save failed: the draft lives only in this tab.
    pub save_problem: Option<String>,
    /// Messages for the user (policy changes, imports, save problems): the
    /// latest news only, set by [`PageState::say`], never a growing pile.
    pub notices: Vec<String>,
    /// A refusal shown next to the form it concerns.
    pub refusal: Option<Refused>,
    /// A draft (or unreadable key) awaiting delete confirmation.
    pub pending_delete: Option<String>,
    /// An imported draft whose id is already stored, awaiting the choice
    /// to replace the stored one or keep both.
    pub pending_import: Option<Draft>,
    /// What this tab knows of the stored version of the open draft (the
    /// two-tab rule); in conflict, nothing is saved until the user chooses.
    pub sync: Sync,
    /// By draft id: the stored text of each listed draft and its line of
    /// facts on the home view, made by [`PageState::refresh_rows`].
    pub rows: IdMap<(String, String)>,
    /// Whether the wizard owns the page's URL fragment (`mount`'s `url`
    /// option; the page itself does, a portal's wizard does not).
    pub urls: bool,
    /// The step a *Change* or blocker link left for a question: the
    /// Incident step offers the way back there (GOV.UK's "Check your
    /// answers" returns to the summary), until the next step change.
    pub back_to: Option<Step>,
    /// The incident's start as typed, while what is typed is not taken.
    pub typed_start: Option<TypedStart>,
}

/// An incident start that is typed but not taken: kept as typed (a redraw
/// must not put the stored time back under the user's cursor), and why.
pub struct TypedStart {
    pub text: String,
    /// Why it is not taken, once that is worth saying: at once for a
    /// complete time (in the future, or an hour the clocks skip), and for
    /// a half-typed one only when the field is left.
    pub why: Option<String>,
}

/// A form whose action was refused: why, and what was typed in it (kept,
/// so that nothing has to be typed again).
pub struct Refused {
    pub form: Form,
    pub message: String,
    /// (part, value) of each of the form's fields.
    pub typed: Vec<(&'static str, String)>,
}

impl PageState {
    /// Shows `message` in place of the notices shown so far.
    pub fn say(&mut self, message: String) {
        self.notices = vec![message];
    }

    /// What was typed in `part` of `form` before it was refused, or "".
    pub fn typed(&self, form: &Form, part: &str) -> &str {
        self.refusal
            .as_ref()
            .filter(|r| r.form == *form)
            .and_then(|r| r.typed.iter().find(|(p, _)| *p == part))
            .map_or("", |(_, value)| value.as_str())
    }

    /// The refusal of `form`, if it was refused.
    pub fn refusal_of(&self, form: &Form) -> Option<&str> {
        self.refusal
            .as_ref()
            .filter(|r| r.form == *form)
            .map(|r| r.message.as_str())
    }

    /// The element id for `name` in this wizard.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    pub fn wizard(&self) -> Option<&Wizard> {
        match &self.screen {
            Screen::Wizard(w) => Some(w),
            Screen::Home(_) => None,
        }
    }

    /// Before the home view is shown: each listed draft's line of facts,
    /// made by `line` only for drafts whose stored text changed since the
    /// last listing (one evaluation and a date format each); drafts no
    /// longer listed are forgotten.
    pub fn refresh_rows(&mut self, line: impl Fn(&Policy, &crate::wizard::Draft) -> String) {
        let Screen::Home(listing) = &self.screen else {
            return;
        };
        let mut previous = std::mem::replace(&mut self.rows, IdMap::new());
        for listed in &listing.drafts {
            let facts = match previous.remove(&listed.draft.id) {
                Some((seen, facts)) if seen == listed.raw => facts,
                _ => line(&self.policy, &listed.draft),
            };
            self.rows
                .insert(listed.draft.id.clone(), (listed.raw.clone(), facts));
        }
    }
}
