//! Fuzzes draft import: arbitrary bytes as a draft file. Whatever parses is
//! opened in the wizard under the default policy, rendered as a record and
//! saved again, and audited (as a draft, an exported record, or whatever
//! the bytes are); none of it may panic.
#![no_main]

use std::rc::Rc;

use hotgate::policy::{self, Policy};
use hotgate::wizard::audit::Until;
use hotgate::wizard::{Action, Step, Wizard, read as draft, record};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Policies share texts through `Rc`, so they live per thread.
    static POLICY: Rc<Policy> =
        Rc::new(policy::load(include_str!("../../policies/default.toml")).expect("the default policy loads"));
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // What an auditor runs on it (a draft or an exported record).
    let _ = hotgate::api::audit(&POLICY.with(Rc::clone), text, Until::Closed, 3);
    let Ok(draft) = draft::parse(text) else { return };
    let (mut wizard, _changes) = Wizard::open(POLICY.with(Rc::clone), draft, 0);
    let _ = wizard.status();
    let _ = wizard.deadlines(0);
    let _ = record::markdown(&wizard);
    let _ = record::json(&wizard);
    for step in Step::ALL {
        let _ = wizard.apply(Action::GoTo(step), 1);
    }
    let _ = wizard.apply(
        Action::MarkDeployed {
            deployed: true,
            by: "Dee".into(),
            at: None,
        },
        2,
    );
    let _ = hotgate::api::audit(&POLICY.with(Rc::clone), &record::json(&wizard), Until::Ready, 3);
    let saved = wizard.draft().to_json();
    assert!(draft::parse(&saved).is_ok(), "a saved draft reads back");
});
