//! Backend-neutral domain types. Nothing here knows about sqlx, bson or axum.

mod flow;
mod folder;
mod monitor;
mod user;

pub use flow::{Flow, FlowFilter, FlowOrder};
pub use folder::Folder;
pub use monitor::{Message, MessageFilter, MessageScope, Transaction, VertexBuild};
pub use user::{ApiKey, User, UserDeletion, UserFilter, Variable};

use chrono::{DateTime, SubsecRound, Utc};

/// The current time truncated to milliseconds, the precision every backend keeps.
///
/// PostgreSQL and MongoDB (milliseconds!) lose precision differently; storing a value that
/// already has the coarsest common precision makes round trips exact on all three.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(3)
}
