//! The WHERE / ORDER BY of a flow listing, built from a [`FlowFilter`] with numbered placeholders.

use uuid::Uuid;

use crate::model::{FlowFilter, FlowOrder};

/// A value bound to one placeholder of a dynamically built statement.
pub(super) enum Arg {
    Uuid(Uuid),
    Bool(bool),
    Text(String),
    Int(i64),
}

/// Binds `$args` (an iterator of `&Arg`) in order onto `$query`.
macro_rules! bind_args {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                $crate::store::sql::flow_query::Arg::Uuid(v) => query.bind(*v),
                $crate::store::sql::flow_query::Arg::Bool(v) => query.bind(*v),
                $crate::store::sql::flow_query::Arg::Text(v) => query.bind(v.as_str()),
                $crate::store::sql::flow_query::Arg::Int(v) => query.bind(*v),
            };
        }
        query
    }};
}
pub(super) use bind_args;

/// ` WHERE ...` (possibly empty), ` ORDER BY ...`, and the arguments for `$1..$n`.
pub(super) struct FilterSql {
    pub where_clause: String,
    pub order_by: &'static str,
    pub args: Vec<Arg>,
}

impl FilterSql {
    pub(super) fn new(filter: &FlowFilter, postgres: bool) -> Self {
        let mut conds: Vec<String> = Vec::new();
        let mut args: Vec<Arg> = Vec::new();
        let mut bind = |arg: Arg| {
            args.push(arg);
            format!("${}", args.len())
        };
        match (filter.user_id, filter.include_ownerless) {
            (Some(user), false) => conds.push(format!("user_id = {}", bind(Arg::Uuid(user)))),
            (Some(user), true) => conds.push(format!(
                "(user_id = {} OR user_id IS NULL)",
                bind(Arg::Uuid(user))
            )),
            (None, true) => conds.push("user_id IS NULL".to_string()),
            (None, false) => {}
        }
        if let Some(folder) = filter.folder_id {
            conds.push(format!("folder_id = {}", bind(Arg::Uuid(folder))));
        }
        if let Some(ids) = &filter.ids {
            let list: Vec<String> = ids.iter().map(|id| bind(Arg::Uuid(*id))).collect();
            conds.push(if list.is_empty() {
                "FALSE".to_string()
            } else {
                format!("id IN ({})", list.join(", "))
            });
        }
        if let Some(folder) = filter.exclude_folder_id {
            conds.push(format!(
                "(folder_id IS NULL OR folder_id <> {})",
                bind(Arg::Uuid(folder))
            ));
        }
        if let Some(is_component) = filter.is_component {
            conds.push(format!(
                "COALESCE(is_component, FALSE) = {}",
                bind(Arg::Bool(is_component))
            ));
        }
        if let Some(flow_type) = &filter.flow_type {
            conds.push(format!(
                "flow_type = {}",
                bind(Arg::Text(flow_type.clone()))
            ));
        }
        if let Some(part) = &filter.name_contains {
            if postgres {
                let pattern = format!("%{}%", escape_like(part));
                conds.push(format!(
                    r"name LIKE {} ESCAPE '\'",
                    bind(Arg::Text(pattern))
                ));
            } else {
                // SQLite's LIKE ignores ASCII case; instr is a literal, case-sensitive match.
                conds.push(format!(
                    "instr(name, {}) > 0",
                    bind(Arg::Text(part.clone()))
                ));
            }
        }
        let where_clause = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        let order_by = match filter.order {
            FlowOrder::Id => " ORDER BY id",
            FlowOrder::UpdatedDesc => " ORDER BY updated_at DESC NULLS LAST, id",
        };
        Self {
            where_clause,
            order_by,
            args,
        }
    }

    /// Appends ` LIMIT $n OFFSET $n+1` for one page.
    pub(super) fn page(&mut self, offset: u64, limit: u64) -> String {
        self.args
            .push(Arg::Int(i64::try_from(limit).unwrap_or(i64::MAX)));
        self.args
            .push(Arg::Int(i64::try_from(offset).unwrap_or(i64::MAX)));
        let n = self.args.len();
        format!(" LIMIT ${} OFFSET ${}", n - 1, n)
    }
}

/// Escapes `\`, `%` and `_` so a LIKE pattern with `ESCAPE '\'` matches them literally.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
