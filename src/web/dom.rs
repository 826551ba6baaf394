//! A tiny element builder over `web_sys`, so views read like the markup
//! they make. Text is always set as text nodes: user text never becomes HTML.

use wasm_bindgen::JsCast;

use super::ui::{Act, FieldRef};
use web_sys::{
    Document, Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement,
};

thread_local! {
    static DOCUMENT: Option<Document> = web_sys::window().and_then(|w| w.document());
}

pub fn document() -> Option<Document> {
    DOCUMENT.with(Clone::clone)
}

/// An element under construction. Builder calls ignore DOM errors: they
/// only fail for invalid attribute names, which are all literals here.
pub struct El(pub Element);

impl El {
    /// A new element. `start` checks for a document before anything is
    /// built, so the throw (a JS exception, not a panic) is unreachable.
    pub fn new(tag: &str) -> El {
        match document().and_then(|d| d.create_element(tag).ok()) {
            Some(element) => El(element),
            None => wasm_bindgen::throw_str("hotgate: no document to build the page in"),
        }
    }

    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets the attribute only when `on`.
    pub fn flag(self, name: &str, on: bool) -> El {
        if on { self.attr(name, "") } else { self }
    }

    pub fn id(self, id: &str) -> El {
        self.attr("id", id)
    }

    pub fn class(self, class: &str) -> El {
        let _ = self.0.class_list().add_1(class);
        self
    }

    /// Appends `text` as a text node (`Element.append` with a string: one
    /// call, and never parsed as HTML).
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_with_str_1(text);
        self
    }

    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }

    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    pub fn maybe(self, child: Option<El>) -> El {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    /// A button that triggers `act` (see `app::on_click`).
    /// A button that does `act`.
    pub fn button(label: &str, act: &Act) -> El {
        El::new("button")
            .attr("type", "button")
            .attr("data-act", &act.attr())
            .text(label)
    }

    /// A field that holds `field`.
    pub fn field(self, field: &FieldRef) -> El {
        self.attr("data-field", &field.attr())
    }

    /// A one-line field in which Enter does `act` (presses its form's button).
    pub fn on_enter(self, act: &Act) -> El {
        self.attr("data-enter", &act.attr())
    }
}

/// What the button `target` is in does ([`El::button`]).
pub fn clicked_act(target: &Element) -> Option<Act> {
    let button = target.closest("[data-act]").ok().flatten()?;
    Act::parse(&button.get_attribute("data-act")?)
}

/// What the field `target` holds ([`El::field`]).
pub fn field_of(target: &Element) -> Option<FieldRef> {
    FieldRef::parse(&target.get_attribute("data-field")?)
}

/// What Enter in the field `target` does ([`El::on_enter`]).
pub fn enter_act(target: &Element) -> Option<Act> {
    Act::parse(&target.get_attribute("data-enter")?)
}

/// Replaces everything inside `parent` with `child`.
pub fn replace_children(parent: &Element, child: El) {
    parent.set_text_content(None);
    let _ = parent.append_child(&child.0);
}

/// Puts `new` in the place of `old`, unless the two are the same (then
/// nothing moves: the focus stays, and nothing is announced again). A
/// control inside `old` that had the focus gives it to its counterpart in
/// `new` ([`FocusMark`]); false if it has none.
pub fn replace_if_changed(old: &Element, new: El) -> bool {
    if old.is_equal_node(Some(&new.0)) {
        return true;
    }
    let mark = FocusMark::take(old);
    if let Some(parent) = old.parent_node() {
        let _ = parent.replace_child(&new.0, old);
    }
    mark.is_none_or(|mark| mark.restore(&new.0))
}

/// Which control has the focus, told so that the same control can be found
/// in a redrawn page: by its id, or else by what it does (`data-act`) and
/// says (two buttons can do the same: a step in the list, a link to it).
pub enum FocusMark {
    Id(String),
    Act { act: String, label: String },
}

impl FocusMark {
    /// The focused control, if it is inside `within` (or is it).
    pub fn take(within: &Element) -> Option<FocusMark> {
        let active = document()?.active_element()?;
        if !within.contains(Some(&active)) {
            return None;
        }
        let id = active.id();
        if !id.is_empty() {
            return Some(FocusMark::Id(id));
        }
        let act = active.get_attribute("data-act")?;
        let label = active.text_content().unwrap_or_default();
        Some(FocusMark::Act { act, label })
    }

    /// Focuses the marked control inside `within`; false if there is none.
    pub fn restore(&self, within: &Element) -> bool {
        let found = match self {
            FocusMark::Id(id) => by_id(id).filter(|e| within.contains(Some(e))),
            FocusMark::Act { act, label } => {
                let does = |e: &Element| e.get_attribute("data-act").as_deref() == Some(act);
                find(within, "[data-act]", |e| {
                    does(e) && e.text_content().as_deref() == Some(label)
                })
                .or_else(|| find(within, "[data-act]", does))
            }
        };
        found.inspect(focus).is_some()
    }
}

/// The first element (`within` itself included) that matches `selector` and `keep`.
fn find(within: &Element, selector: &str, keep: impl Fn(&Element) -> bool) -> Option<Element> {
    if within.matches(selector).unwrap_or(false) && keep(within) {
        return Some(within.clone());
    }
    let all = within.query_selector_all(selector).ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<Element>().ok())
        .find(|e| keep(e))
}

pub fn by_id(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}

/// The value of an input, select or textarea.
pub fn value_of(element: &Element) -> String {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        if input.type_() == "checkbox" {
            return if input.checked() {
                "true".into()
            } else {
                "false".into()
            };
        }
        return input.value();
    }
    if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
        return select.value();
    }
    if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        return area.value();
    }
    String::new()
}

/// (id, value) of each text field under `root` that was typed in since it
/// was rendered: what a redraw must put back.
pub fn typed_fields(root: &Element) -> Vec<(String, String)> {
    let mut typed = Vec::new();
    let Ok(fields) = root.query_selector_all("input, textarea") else {
        return typed;
    };
    for i in 0..fields.length() {
        let Some(node) = fields.item(i) else { continue };
        let changed = if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
            // A file input's value cannot be set back (and needs not be).
            (input.type_() != "file" && input.value() != input.default_value())
                .then(|| (input.id(), input.value()))
        } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
            (area.default_value().ok() != Some(area.value())).then(|| (area.id(), area.value()))
        } else {
            None
        };
        if let Some((id, value)) = changed.filter(|(id, _)| !id.is_empty()) {
            typed.push((id, value));
        }
    }
    typed
}

/// Puts back what [`typed_fields`] kept, into the fields of the same ids.
pub fn restore_fields(typed: &[(String, String)]) {
    for (id, value) in typed {
        let Some(field) = by_id(id) else { continue };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(value);
        }
    }
}

/// The value of the field with `id`, or "".
pub fn value_by_id(id: &str) -> String {
    by_id(id).map(|e| value_of(&e)).unwrap_or_default()
}

pub fn focus(element: &Element) {
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    }
}
