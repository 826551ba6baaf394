//! The page's controls as types: what a button does ([`Act`]), which value
//! a field holds ([`FieldRef`]), and which form a control belongs to
//! ([`Form`]). Each is written into the markup (`data-act`, `data-field`,
//! element ids) and read back here, in one place: views never format these
//! strings and the controller never parses them.

use crate::support::text::split_once;
use crate::wizard::Step;

/// An argument carried in an attribute after the verb (`resume:ID`).
trait Arg: Sized {
    fn write(&self) -> String;
    fn read(text: &str) -> Option<Self>;
}

impl Arg for String {
    fn write(&self) -> String {
        self.clone()
    }
    fn read(text: &str) -> Option<String> {
        Some(text.to_string())
    }
}

impl Arg for Step {
    fn write(&self) -> String {
        self.slug().to_string()
    }
    fn read(text: &str) -> Option<Step> {
        Step::from_slug(text)
    }
}

impl Arg for usize {
    fn write(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Option<usize> {
        usize::from_str_radix(text, 10).ok()
    }
}

/// One enum and its attribute form in both directions, from one table of
/// `"verb" => Variant` or `"verb" => Variant(Arg)`.
macro_rules! controls {
    ($(#[$meta:meta])* $name:ident { $( $(#[doc = $doc:literal])* $verb:literal => $variant:ident $(($arg:ty))? ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name { $( $(#[doc = $doc])* $variant $(($arg))? ),* }

        impl $name {
            /// The attribute's value: the verb, then `:` and the argument.
            pub fn attr(&self) -> String {
                match self {
                    $( controls!(@bind $name value $variant $($arg)?) => controls!(@write value $verb $($arg)?), )*
                }
            }

            /// What [`Self::attr`] wrote, read back.
            pub fn parse(attr: &str) -> Option<$name> {
                let (verb, arg) = split_once(attr, ":").unwrap_or((attr, ""));
                match verb {
                    $( $verb => controls!(@read $name arg $variant $($arg)?), )*
                    _ => None,
                }
            }
        }
    };
    (@bind $name:ident $v:ident $variant:ident) => { $name::$variant };
    (@bind $name:ident $v:ident $variant:ident $arg:ty) => { $name::$variant($v) };
    (@write $v:ident $verb:literal) => { String::from($verb) };
    (@write $v:ident $verb:literal $arg:ty) => { format!("{}:{}", $verb, Arg::write($v)) };
    (@read $name:ident $s:ident $variant:ident) => { Some($name::$variant) };
    (@read $name:ident $s:ident $variant:ident $arg:ty) => { <$arg as Arg>::read($s).map($name::$variant) };
}

controls! {
    /// What a button does (`data-act`; also `data-enter`, the button that
    /// Enter in a one-line field presses).
    Act {
        "home" => Home,
        "new" => New,
        "resume" => Resume(String),
        "duplicate" => Duplicate(String),
        "export" => Export(String),
        "export-current" => ExportCurrent,
        /// An entry that could not be read, by storage key.
        "export-raw" => ExportRaw(String),
        /// Asks to confirm deleting a draft (by id) or an unreadable entry (by key).
        "delete" => Delete(String),
        "cancel-delete" => CancelDelete,
        "confirm-delete" => ConfirmDelete,
        "import" => Import,
        /// The imported draft replaces the stored one with its id.
        "import-replace" => ImportReplace,
        /// The imported draft is kept as a draft of its own.
        "import-keep-both" => ImportKeepBoth,
        "import-cancel" => ImportCancel,
        "conflict-theirs" => ConflictTheirs,
        "conflict-copy" => ConflictCopy,
        "dismiss" => Dismiss,
        "goto" => GoTo(Step),
        /// Opens the Incident step at a question, by input id.
        "question" => Question(String),
        "next" => Next,
        "back" => Back,
        "sign-off" => SignOff(String),
        "remove-sign-off" => RemoveSignOff(String),
        "approve" => Approve(String),
        /// By the approval's place in the draft.
        "remove-approval" => RemoveApproval(usize),
        /// The same person confirms an approval (by its place) on the current facts.
        "reconfirm-approval" => ReconfirmApproval(usize),
        "reconfirm-sign-off" => ReconfirmSignOff(String),
        "reconfirm-waiver" => ReconfirmWaiver(String),
        "waive" => Waive(String),
        "test-passed" => TestPassed(String),
        "test-failed" => TestFailed(String),
        /// Back to not done (a result given by mistake, or a waiver withdrawn).
        "test-pending" => TestPending(String),
        "sent" => Sent(String),
        "unsent" => Unsent(String),
        "copy" => Copy(String),
        /// Back to the policy's text of a communication's message.
        "reset-message" => ResetMessage(String),
        "deploy" => Deploy,
        "undeploy" => Undeploy,
        "export-md" => ExportMarkdown,
        "export-json" => ExportJson,
        "print" => Print,
    }
}

controls! {
    /// Which value a field holds (`data-field`).
    FieldRef {
        /// An incident question, by input id.
        "answer" => Answer(String),
        "incident-start" => IncidentStart,
        "author" => Author,
        "record" => Record(String),
        "test-evidence" => TestEvidence(String),
        "verify" => Verify(String),
        "follow-up" => FollowUp(String),
        /// A communication's message, as edited before sending.
        "message" => Message(String),
        /// The file chosen for import.
        "import-file" => ImportFile,
    }
}

/// A form whose refusal is shown next to it.
#[derive(Clone, Debug, PartialEq)]
pub enum Form {
    SignOff(String),
    Approve(String),
    Waive(String),
    Deploy,
    /// Who checks the verification checklist, and when.
    Verify,
}

impl Form {
    /// The form's name, the start of its elements' ids.
    pub fn name(&self) -> String {
        match self {
            Form::SignOff(blocker) => format!("sign-off-{}", slug(blocker)),
            Form::Approve(role) => format!("approve-{}", slug(role)),
            Form::Waive(test) => format!("waive-{}", slug(test)),
            Form::Deploy => "deploy".into(),
            Form::Verify => "verify".into(),
        }
    }

    /// The parts of the form a person types in.
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Form::SignOff(_) | Form::Approve(_) => &["name", "comment", "at"],
            Form::Waive(_) => &["reason", "by", "at"],
            Form::Deploy | Form::Verify => &["by", "at"],
        }
    }

    /// The id (before the wizard's prefix) of the form's `part`: `name`,
    /// `comment`, `reason`, `by`, `at`, or `error` (the refusal's slot).
    pub fn part(&self, part: &str) -> String {
        format!("{}-{part}", self.name())
    }
}

/// The id (before the wizard's prefix) of a test card's `part`
/// (`evidence`).
pub fn test_field(test: &str, part: &str) -> String {
    format!("test-{}-{part}", slug(test))
}

/// The id (before the wizard's prefix) of an incident question's `part`
/// (`""` for the control itself, `-row`, `-help`, `-error`).
pub fn question(input: &str, part: &str) -> String {
    format!("q-{}{part}", slug(input))
}

/// The id (before the wizard's prefix) of a communication's message.
pub fn message(communication: &str) -> String {
    format!("message-{}", slug(communication))
}

/// The id (before the wizard's prefix) of the status line of a
/// communication's *Copy* button.
pub fn copy_status(communication: &str) -> String {
    format!("copy-{}-status", slug(communication))
}

/// `id` as a safe piece of an element id.
pub fn slug(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
