//! Evaluation: a policy and an incident's facts → a decision that explains
//! itself. [`walk`](walk::walk) takes every decision's choices once and
//! feeds a sink; [`explained`] is the sink that builds the serde
//! [`Decision`] (the JSON contract of the CLI and the JS API); [`assess`]
//! decides live while an incident is being entered.

pub mod assess;
pub mod explained;
pub mod walk;

pub use assess::{Assessment, assess};
pub use explained::{
    ApproverItem, BlockerItem, CommunicationItem, DeadlineItem, Decision, FollowUpItem, PolicyRef,
    RecordFieldItem, TestItem, Why, WhyInputs, decide, explain_outcome,
};
