//! The rule that keeps two tabs from silently overwriting each other, as
//! a pure state machine: each tab remembers the `updated_at` of the stored
//! version of the open draft it last read or wrote. Before saving it looks
//! at storage: another version there means another tab changed the draft,
//! and this tab saves nothing until the user chooses. When another tab
//! writes the open draft, a tab with no unsaved change follows it; a tab
//! with unsaved changes stops saving and asks.

/// What one tab knows of the stored version of its open draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sync {
    /// `updated_at` of the version this tab last read or wrote; `None`:
    /// none yet (a copy not saved yet, or a draft deleted elsewhere).
    synced: Option<i64>,
    /// Another tab changed the draft while this one had changes.
    conflict: bool,
}

/// What to do when another tab wrote the open draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// Show the other tab's version: this tab had nothing unsaved.
    Follow,
    /// Keep this tab's version on screen, save nothing, and ask.
    Conflict,
    /// It was deleted there: keep it open here; the next save stores it again.
    Deleted,
}

impl Sync {
    /// A draft just read from storage (or saved) at `updated_at`.
    pub fn opened(updated_at: i64) -> Sync {
        Sync {
            synced: Some(updated_at),
            conflict: false,
        }
    }

    /// A draft that storage does not hold yet (a new copy).
    pub fn unsaved() -> Sync {
        Sync::default()
    }

    pub fn conflict(&self) -> bool {
        self.conflict
    }

    /// Whether to write now, given the `updated_at` of what storage holds
    /// for the draft (`None`: nothing readable). Another version there
    /// than the one this tab knows is a conflict: nothing is written.
    pub fn may_save(&mut self, stored: Option<i64>) -> bool {
        if self.conflict {
            return false;
        }
        if stored.is_some() && stored != self.synced {
            self.conflict = true;
            return false;
        }
        true
    }

    /// The draft was written at `updated_at`.
    pub fn saved(&mut self, updated_at: i64) {
        self.synced = Some(updated_at);
    }

    /// Another tab wrote the open draft: `newer` is the `updated_at` of
    /// what it wrote (`None`: it deleted it); `unsaved` whether this tab
    /// has a change not saved yet.
    pub fn changed_elsewhere(&mut self, newer: Option<i64>, unsaved: bool) -> Elsewhere {
        if unsaved || self.conflict {
            self.conflict = true;
            return Elsewhere::Conflict;
        }
        match newer {
            Some(at) => {
                self.synced = Some(at);
                Elsewhere::Follow
            }
            None => {
                self.synced = None;
                Elsewhere::Deleted
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_saves_over_its_own_version_only() {
        let mut sync = Sync::opened(10);
        assert!(sync.may_save(Some(10)));
        sync.saved(20);
        assert!(sync.may_save(Some(20)));
        // Nothing stored (deleted, or unreadable): saving stores it again.
        assert!(sync.may_save(None));
        // Another version is there: a conflict, and it lasts.
        assert!(!sync.may_save(Some(15)));
        assert!(sync.conflict());
        assert!(!sync.may_save(Some(20)));
    }

    #[test]
    fn a_new_copy_is_saved_unless_something_is_already_there() {
        let mut sync = Sync::unsaved();
        assert!(sync.may_save(None));
        assert!(!Sync::unsaved().may_save(Some(1)));
    }

    #[test]
    fn another_tabs_change_is_followed_only_without_unsaved_changes() {
        let mut sync = Sync::opened(10);
        assert_eq!(sync.changed_elsewhere(Some(30), false), Elsewhere::Follow);
        assert!(sync.may_save(Some(30)), "the followed version is known");

        let mut busy = Sync::opened(10);
        assert_eq!(busy.changed_elsewhere(Some(30), true), Elsewhere::Conflict);
        assert!(!busy.may_save(Some(30)));
        // Once in conflict, later changes elsewhere stay a conflict.
        assert_eq!(busy.changed_elsewhere(Some(40), false), Elsewhere::Conflict);

        let mut gone = Sync::opened(10);
        assert_eq!(gone.changed_elsewhere(None, false), Elsewhere::Deleted);
        assert!(gone.may_save(None));
    }
}
