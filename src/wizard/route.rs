//! Where the page is, as a URL fragment: the home view (`#/`) or a step of
//! a draft (`#/draft/ID/approvals`), so that a reload resumes there, back
//! and forward move between views, and a draft opens in a new tab.

use super::step::Step;
use crate::support::text::split_once;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    /// A draft, at a step (`None`: the step it was left at).
    Draft {
        id: String,
        step: Option<Step>,
    },
}

impl Route {
    /// The fragment, with its `#`.
    pub fn hash(&self) -> String {
        match self {
            Route::Home => "#/".to_string(),
            Route::Draft { id, step: None } => format!("#/draft/{id}"),
            Route::Draft {
                id,
                step: Some(step),
            } => format!("#/draft/{id}/{}", step.slug()),
        }
    }

    /// A fragment read back; `None` for one that is not a route (the page
    /// then shows the home view). A draft without a step opens at its own.
    pub fn parse(hash: &str) -> Option<Route> {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        if path.is_empty() {
            return Some(Route::Home);
        }
        let rest = path.strip_prefix("draft/")?;
        let (id, step) = split_once(rest, "/").unwrap_or((rest, ""));
        let valid_id = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid_id {
            return None;
        }
        let step = match step {
            "" => None,
            slug => Some(Step::from_slug(slug)?),
        };
        Some(Route::Draft {
            id: id.to_string(),
            step,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_read_back_what_they_write() {
        for route in [
            Route::Home,
            Route::Draft {
                id: "dmk3x0a1b2c".into(),
                step: Some(Step::Approvals),
            },
            Route::Draft {
                id: "a-b_c".into(),
                step: Some(Step::DeployVerify),
            },
            Route::Draft {
                id: "x".into(),
                step: None,
            },
        ] {
            assert_eq!(Route::parse(&route.hash()), Some(route.clone()));
        }
        assert_eq!(Route::parse(""), Some(Route::Home));
        assert_eq!(Route::parse("#"), Some(Route::Home));
        for bad in [
            "#/elsewhere",
            "#/draft/",
            "#/draft/a%20b/incident",
            "#/draft/x/nowhere",
            "#/draft/<script>/incident",
        ] {
            assert_eq!(Route::parse(bad), None, "{bad}");
        }
    }
}
