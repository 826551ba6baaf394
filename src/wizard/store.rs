//! Draft storage behind a small trait: `localStorage` in the browser
//! (`web::storage`), memory in tests. This module holds the rules that do
//! not depend on where bytes live: key names, which keys are ours, how
//! unreadable entries are kept aside, never overwriting a newer draft.

use super::draft::{Draft, DraftError, DraftJson};
use super::idmap::IdMap;
use super::read;
use std::cell::RefCell;
use std::rc::Rc;

/// Why storage failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is disabled or refused (private mode, `SecurityError`).
    Unavailable(String),
    /// The quota is exhausted.
    Full(String),
    /// Anything else the storage said.
    Other(String),
}

impl StoreError {
    pub fn message(&self) -> String {
        match self {
            StoreError::Unavailable(detail) => format!(
                "browser storage is not available ({detail}); drafts live only in this tab until exported"
            ),
            StoreError::Full(detail) => format!(
                "browser storage is full ({detail}); the draft is kept in this tab — export it to keep it safe"
            ),
            StoreError::Other(detail) => format!(
                "saving failed ({detail}); the draft is kept in this tab — export it to keep it safe"
            ),
        }
    }
}

/// Raw key-value storage.
pub trait DraftStore {
    /// Every key in the store (ours or not).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
}

/// In-memory storage, for tests and for when the browser's is unavailable.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    pub entries: IdMap<String>,
    /// When set, `set` fails with this error (to test full storage).
    pub fail_with: Option<StoreError>,
}

impl DraftStore for MemoryStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.entries.keys().cloned().collect())
    }

    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(error) = &self.fail_with {
            return Err(error.clone());
        }
        self.entries.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.entries.remove(key);
        Ok(())
    }
}

/// A stored entry that is not a usable draft, kept aside with its raw text
/// so the user can export it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    pub raw: String,
    pub error: DraftError,
}

/// A readable draft and the text it was read from: listings compare
/// texts to tell what changed, which is exact and cheaper than comparing
/// drafts.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// Shared with the store's cache of what it read.
    pub draft: Rc<Draft>,
    pub raw: String,
}

/// What the store holds under one namespace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Listing {
    /// Newest first.
    pub drafts: Vec<Listed>,
    pub unreadable: Vec<Unreadable>,
}

/// Drafts under a namespace (so two wizards on one page never share
/// drafts), written as JSON by `J`.
pub struct Drafts<S, J> {
    pub store: S,
    pub json: J,
    prefix: String,
    /// What each key held when last listed, and what it read as: listing
    /// again (every return to the home view) parses only what changed.
    parsed: RefCell<IdMap<Read>>,
}

/// A stored text and what it read as.
type Read = (String, Result<Rc<Draft>, DraftError>);

impl<S: DraftStore, J: DraftJson> Drafts<S, J> {
    pub fn new(store: S, namespace: &str, json: J) -> Drafts<S, J> {
        Drafts {
            store,
            json,
            prefix: format!("{namespace}.draft."),
            parsed: RefCell::new(IdMap::new()),
        }
    }

    pub fn key(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }

    /// Every draft of ours; keys of others are left alone.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let mut listing = Listing::default();
        let mut previous = self.parsed.take();
        let mut parsed = IdMap::new();
        for key in self.store.keys()? {
            if !key.starts_with(&self.prefix) {
                continue;
            }
            let Some(raw) = self.store.get(&key)? else {
                continue;
            };
            let result = match previous.remove(&key) {
                Some((text, result)) if text == raw => result,
                _ => read::parse(&raw).map(Rc::new),
            };
            parsed.insert(key.clone(), (raw.clone(), result.clone()));
            match result {
                Ok(draft) if self.key(&draft.id) == key => {
                    listing.drafts.push(Listed { draft, raw })
                }
                Ok(_) => listing.unreadable.push(Unreadable {
                    key,
                    raw,
                    error: DraftError::Malformed("its id does not match its storage key".into()),
                }),
                Err(error) => listing.unreadable.push(Unreadable { key, raw, error }),
            }
        }
        self.parsed.replace(parsed);
        crate::support::sort::sort_by(
            &mut listing.drafts,
            |Listed { draft: a, .. }, Listed { draft: b, .. }| {
                b.updated_at
                    .cmp(&a.updated_at)
                    .then_with(|| a.id.cmp(&b.id))
            },
        );
        Ok(listing)
    }

    pub fn load(&self, id: &str) -> Result<Option<Result<Draft, DraftError>>, StoreError> {
        Ok(self.store.get(&self.key(id))?.map(|raw| read::parse(&raw)))
    }

    /// Saves `draft`, unless the stored entry was written by a newer version
    /// (never overwritten) — then the save is refused with that reason.
    pub fn save(&mut self, draft: &Draft) -> Result<(), SaveError> {
        let key = self.key(&draft.id);
        if let Some(raw) = self.store.get(&key).map_err(SaveError::Store)? {
            if let Err(error @ DraftError::NewerSchema { .. }) = read::parse(&raw) {
                return Err(SaveError::Refused(error));
            }
        }
        self.store
            .set(&key, &self.json.to_json(draft))
            .map_err(SaveError::Store)
    }

    pub fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        self.store.remove(&self.key(id))
    }

    /// The raw text under one of our keys (to export an unreadable entry).
    pub fn raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        if !key.starts_with(&self.prefix) {
            return Ok(None);
        }
        self.store.get(key)
    }

    /// Removes one of our keys (an unreadable entry); others are left alone.
    pub fn remove_key(&mut self, key: &str) -> Result<(), StoreError> {
        if key.starts_with(&self.prefix) {
            self.store.remove(key)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveError {
    Store(StoreError),
    Refused(DraftError),
}

impl SaveError {
    pub fn message(&self) -> String {
        match self {
            SaveError::Store(e) => e.message(),
            SaveError::Refused(e) => e.message(),
        }
    }
}
