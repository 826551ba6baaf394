//! `localStorage` through gloo-storage, behind the engine's `DraftStore`
//! trait. Availability is checked first (disabled storage throws on
//! access); errors become `StoreError`s the page can explain.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

use super::browser::{describe, error_name};
use crate::wizard::store::{DraftStore, MemoryStore, StoreError};

/// `localStorage`, known to be reachable (the `Storage` object is kept:
/// fetching it again for every key of a long list adds up).
pub struct LocalStore {
    storage: web_sys::Storage,
}

impl LocalStore {
    /// `localStorage` if this page may use it, or why not.
    pub fn open() -> Result<LocalStore, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(storage)) => {
                // Some browsers allow the object but refuse writes.
                let probe = "hotgate.probe";
                storage.set_item(probe, "1").map_err(to_store_error)?;
                let _ = storage.remove_item(probe);
                Ok(LocalStore {
                    storage: LocalStorage::raw(),
                })
            }
            Ok(None) => Err(StoreError::Unavailable("localStorage is disabled".into())),
            Err(error) => Err(StoreError::Unavailable(describe(error))),
        }
    }
}

fn to_store_error(error: JsValue) -> StoreError {
    match error_name(&error).as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full(describe(error)),
        "SecurityError" => StoreError::Unavailable(describe(error)),
        _ => StoreError::Other(describe(error)),
    }
}

impl DraftStore for LocalStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let length = self.storage.length().map_err(to_store_error)?;
        Ok((0..length)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect())
    }

    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(to_store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(to_store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(to_store_error)
    }
}

/// The page's store: `localStorage`, or memory when it is unavailable.
pub enum PageStore {
    Local(LocalStore),
    Memory(MemoryStore),
}

impl DraftStore for PageStore {
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        match self {
            PageStore::Local(s) => s.keys(),
            PageStore::Memory(s) => s.keys(),
        }
    }

    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            PageStore::Local(s) => s.get(key),
            PageStore::Memory(s) => s.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            PageStore::Local(s) => s.set(key, value),
            PageStore::Memory(s) => s.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        match self {
            PageStore::Local(s) => s.remove(key),
            PageStore::Memory(s) => s.remove(key),
        }
    }
}
