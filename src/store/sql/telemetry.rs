//! `TransactionStore` and `VertexBuildStore`: tables `transaction` and `vertex_build`, pruned to
//! their caps in the same transaction as the insert.
//!
//! Under concurrent writers the caps hold because writers of the same flow are serialised:
//! SQLite's `BEGIN IMMEDIATE` (see `in_tx!`) takes the database write lock up front, PostgreSQL
//! takes transaction-scoped advisory locks (per flow, plus one global key for the total build cap)
//! before inserting, so each prune sees every row committed before it.

use std::collections::BTreeSet;

use async_trait::async_trait;
use uuid::Uuid;

use super::SqlStore;
use super::message_query::window;
use super::monitor_rows::{TRANSACTION_COLS, TransactionRow};
use super::rows::JsonText;
use crate::model::Transaction;
use crate::store::{StoreResult, TransactionStore};

/// Advisory lock namespaces: the first key of `pg_advisory_xact_lock(int4, int4)`.
const LOCK_TRANSACTIONS: i32 = 0x4C46_5458; // "LFTX"
pub(super) const LOCK_BUILDS: i32 = 0x4C46_5642; // "LFVB"
/// The one key every writer enforcing the global build cap takes (before any flow key).
pub(super) const LOCK_BUILDS_TOTAL: (i32, i32) = (0x4C46_5654, 0); // "LFVT"

/// Waits for the advisory lock `($1, $2)`, held until the transaction ends (PostgreSQL only).
pub(super) const LOCK: &str = "SELECT pg_advisory_xact_lock($1, $2)";

const INSERT_TRANSACTION: &str = r#"INSERT INTO "transaction" (id, timestamp, vertex_id,
    target_id, inputs, outputs, status, error, flow_id, user_id, session_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#;

/// Keeps the newest `$2` transactions of flow `$1` (ties broken by id).
const PRUNE_TRANSACTIONS: &str = r#"DELETE FROM "transaction" WHERE flow_id = $1 AND id NOT IN
    (SELECT id FROM "transaction" WHERE flow_id = $1 ORDER BY timestamp DESC, id DESC LIMIT $2)"#;

/// A flow id folded into the second advisory-lock key; a collision only serialises more.
fn lock_key(flow: Uuid) -> i32 {
    let v = flow.as_u128();
    ((v ^ (v >> 32) ^ (v >> 64) ^ (v >> 96)) as u32) as i32
}

/// The distinct lock keys of `flows`, sorted, so every writer locks in the same order.
pub(super) fn lock_keys(flows: impl Iterator<Item = Uuid>) -> BTreeSet<i32> {
    flows.map(lock_key).collect()
}

pub(super) fn cap(keep: u64) -> i64 {
    i64::try_from(keep).unwrap_or(i64::MAX)
}

#[async_trait]
impl TransactionStore for SqlStore {
    async fn append_transactions(
        &self,
        transactions: &[Transaction],
        keep_per_flow: u64,
    ) -> StoreResult<()> {
        if transactions.is_empty() {
            return Ok(());
        }
        let postgres = matches!(self, SqlStore::Pg(_));
        let flows: BTreeSet<Uuid> = transactions.iter().map(|t| t.flow_id).collect();
        in_tx!(self, |tx| {
            if postgres {
                for key in lock_keys(flows.iter().copied()) {
                    let lock = sqlx::query(LOCK).bind(LOCK_TRANSACTIONS).bind(key);
                    lock.execute(&mut *tx).await?;
                }
            }
            for t in transactions {
                sqlx::query(INSERT_TRANSACTION)
                    .bind(t.id)
                    .bind(t.timestamp)
                    .bind(&t.vertex_id)
                    .bind(&t.target_id)
                    .bind(JsonText::opt(&t.inputs))
                    .bind(JsonText::opt(&t.outputs))
                    .bind(&t.status)
                    .bind(&t.error)
                    .bind(t.flow_id)
                    .bind(t.user_id)
                    .bind(&t.session_id)
                    .execute(&mut *tx)
                    .await?;
            }
            if keep_per_flow > 0 {
                for flow in &flows {
                    let prune = sqlx::query(PRUNE_TRANSACTIONS).bind(*flow);
                    prune.bind(cap(keep_per_flow)).execute(&mut *tx).await?;
                }
            }
        });
        Ok(())
    }

    async fn page_transactions(
        &self,
        flow_id: Uuid,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<Transaction>, u64)> {
        const COUNT: &str = r#"SELECT COUNT(*) FROM "transaction" WHERE flow_id = $1"#;
        let page = format!(
            r#"SELECT {TRANSACTION_COLS} FROM "transaction" WHERE flow_id = $1
               ORDER BY timestamp DESC, id DESC LIMIT $2 OFFSET $3"#
        );
        let (limit, offset) = window(limit, offset);
        let (total, rows) = on_pool!(self, |p| {
            let total = sqlx::query_scalar::<_, i64>(COUNT)
                .bind(flow_id)
                .fetch_one(p)
                .await?;
            sqlx::query_as::<_, TransactionRow>(sqlx::AssertSqlSafe(page.clone()))
                .bind(flow_id)
                .bind(limit)
                .bind(offset)
                .fetch_all(p)
                .await
                .map(|rows| (total, rows))
        })?;
        let items = rows.into_iter().map(Transaction::from).collect();
        Ok((items, u64::try_from(total).unwrap_or_default()))
    }
}
