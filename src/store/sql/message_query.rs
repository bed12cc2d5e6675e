//! The FROM / WHERE of scoped message statements, built with numbered placeholders.
//!
//! Reads join `flow` for [`MessageScope::OwnedBy`] (messages of missing flows never show);
//! writes use the same scope as an `IN (SELECT ...)` condition on the bare table.

use super::flow_query::Arg;
use super::monitor_rows::message_cols;
use crate::model::{MessageFilter, MessageScope};

/// `(limit, offset)` as bound; `limit` 0 means no limit, bound as the largest value because
/// SQLite only takes an OFFSET after a LIMIT.
pub(super) fn window(limit: u64, offset: u64) -> (i64, i64) {
    let to_i64 = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    let limit = if limit == 0 { i64::MAX } else { to_i64(limit) };
    (limit, to_i64(offset))
}

/// ` FROM message m ... WHERE ...` of a scoped read, and its arguments `$1..$n`.
pub(super) struct ScopedRead {
    pub from_where: String,
    pub args: Vec<Arg>,
}

impl ScopedRead {
    /// The messages in `scope`, narrowed by every set field of `filter`.
    pub(super) fn new(scope: &MessageScope, filter: &MessageFilter) -> Self {
        let mut read = match scope {
            MessageScope::OwnedBy(user) => ScopedRead {
                from_where: " FROM message m JOIN flow f ON f.id = m.flow_id WHERE f.user_id = $1"
                    .to_string(),
                args: vec![Arg::Uuid(*user)],
            },
            MessageScope::VirtualFlow(flow) => ScopedRead {
                from_where: " FROM message m WHERE m.flow_id = $1".to_string(),
                args: vec![Arg::Uuid(*flow)],
            },
        };
        if let Some(flow) = filter.flow_id {
            read.and("m.flow_id", Arg::Uuid(flow));
        }
        if let Some(owner) = filter.user_id {
            read.and("m.user_id", Arg::Uuid(owner));
        }
        let texts = [
            ("m.session_id", &filter.session_id),
            ("m.sender", &filter.sender),
            ("m.sender_name", &filter.sender_name),
        ];
        for (column, value) in texts {
            if let Some(value) = value {
                read.and(column, Arg::Text(value.clone()));
            }
        }
        read
    }

    /// Adds ` AND column = $n`.
    pub(super) fn and(&mut self, column: &str, value: Arg) {
        self.args.push(value);
        self.from_where
            .push_str(&format!(" AND {column} = ${}", self.args.len()));
    }

    /// ` LIMIT $n OFFSET $n+1`, pushing both arguments.
    pub(super) fn window(&mut self, offset: u64, limit: u64) -> String {
        let (limit, offset) = window(limit, offset);
        self.args.extend([Arg::Int(limit), Arg::Int(offset)]);
        let n = self.args.len();
        format!(" LIMIT ${} OFFSET ${}", n - 1, n)
    }
}

/// The newest-first page query `list_messages` runs, with its arguments.
pub(super) fn list_query(
    scope: &MessageScope,
    filter: &MessageFilter,
    offset: u64,
    limit: u64,
) -> (String, Vec<Arg>) {
    let mut read = ScopedRead::new(scope, filter);
    let window = read.window(offset, limit);
    let sql = format!(
        "SELECT {}{} ORDER BY m.timestamp DESC, m.id DESC{window}",
        message_cols!(m),
        read.from_where
    );
    (sql, read.args)
}

/// The exact statement `list_messages` runs for `scope` and `filter`, e.g. to `EXPLAIN` it.
///
/// Placeholders: `$1` is the scope's id (owner or virtual flow), then one per set filter field in
/// the order flow_id, user_id, session_id, sender, sender_name, then LIMIT and OFFSET.
pub fn list_messages_sql(scope: &MessageScope, filter: &MessageFilter) -> String {
    list_query(scope, filter, 0, 0).0
}

/// `flow_id IN (SELECT id FROM flow WHERE user_id = $n)` or `flow_id = $n` on the bare
/// `message` table, for updates and deletes; `n` is the placeholder number to use.
pub(super) fn scope_condition(scope: &MessageScope, n: usize) -> (String, Arg) {
    match scope {
        MessageScope::OwnedBy(user) => (
            format!("flow_id IN (SELECT id FROM flow WHERE user_id = ${n})"),
            Arg::Uuid(*user),
        ),
        MessageScope::VirtualFlow(flow) => (format!("flow_id = ${n}"), Arg::Uuid(*flow)),
    }
}
