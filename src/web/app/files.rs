//! Files: importing a draft, downloading drafts and records, copying messages.

use super::super::browser;
use super::super::json;
use super::super::ui::{self, slug};
use super::App;
use crate::wizard::read;
use crate::wizard::record;
use web_sys::Event;

impl App {
    /// A file chosen for import was read (a `hotgate-file` event).
    pub(super) fn import(&mut self, event: &Event) {
        let (name, result) = browser::file_read(event);
        let message = match result
            .map_err(|e| format!("cannot read “{name}”: {e}"))
            .and_then(|text| {
                read::parse(&text)
                    .map_err(|e| format!("“{name}” was not imported: {}", e.message()))
            }) {
            Ok(draft) => match self.drafts.load(&draft.id) {
                // The same draft again: nothing to do.
                Ok(Some(Ok(stored))) if stored == draft => format!(
                    "“{}” is already here, unchanged; nothing was imported.",
                    draft.title(&self.page.policy)
                ),
                // An import never replaces a stored draft silently: ask.
                Ok(Some(_)) => {
                    self.page.pending_import = Some(draft);
                    self.page.notices.clear();
                    return self.go_home();
                }
                _ => self.save_import(draft),
            },
            Err(message) => message,
        };
        self.page.say(message);
        self.go_home();
    }

    /// Saves an imported draft; what to tell the user.
    pub(super) fn save_import(&mut self, draft: crate::wizard::Draft) -> String {
        match self.drafts.save(&draft) {
            Ok(()) => format!("Imported “{}”.", draft.title(&self.page.policy)),
            Err(e) => e.message(),
        }
    }

    /// Downloads the JSON `text` of draft `id`.
    pub(super) fn download_draft(&mut self, id: &str, text: &str) {
        let name = format!("hotgate-draft-{}.json", slug(id));
        if let Err(e) = browser::download(&name, "application/json", text) {
            self.notice(format!("export failed: {e}"));
        }
    }

    pub(super) fn export_record(&mut self, markdown: bool) {
        let Some(wizard) = self.wizard() else { return };
        let id = slug(&wizard.draft().id);
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

    pub(super) fn copy_message(&mut self, id: &str) {
        // As edited, or the policy's text.
        let Some(message) = self.wizard().and_then(|w| {
            w.draft().messages.get(id).cloned().or_else(|| {
                w.assessment()
                    .decision
                    .communications
                    .iter()
                    .find(|c| *c.id == *id)
                    .map(|c| c.message.clone())
            })
        }) else {
            return;
        };
        let status_id = self.id(&ui::copy_status(id));
        browser::copy(
            &message,
            &status_id,
            "Copied.",
            "Copy failed: select the text and copy it.",
        );
    }
}
