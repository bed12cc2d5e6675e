//! `VertexBuildStore`: table `vertex_build`, capped per (flow, vertex) and in total, pruned in the
//! insert's transaction under the locks described in `telemetry.rs`.

use std::collections::BTreeSet;

use async_trait::async_trait;
use uuid::Uuid;

use super::SqlStore;
use super::monitor_rows::{VERTEX_BUILD_COLS, VertexBuildRow};
use super::rows::JsonText;
use super::telemetry::{LOCK, LOCK_BUILDS, LOCK_BUILDS_TOTAL, cap, lock_keys};
use crate::model::VertexBuild;
use crate::store::{StoreResult, VertexBuildStore};

const INSERT_BUILD: &str = "INSERT INTO vertex_build (build_id, id, timestamp, data, artifacts, \
    params, valid, flow_id, job_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Keeps the newest `$3` builds of vertex `$2` of flow `$1` (ties broken by build_id).
const PRUNE_VERTEX_BUILDS: &str = "DELETE FROM vertex_build WHERE flow_id = $1 AND id = $2 \
    AND build_id NOT IN (SELECT build_id FROM vertex_build WHERE flow_id = $1 AND id = $2 \
    ORDER BY timestamp DESC, build_id DESC LIMIT $3)";

/// Keeps the newest `$1` builds overall (ties broken by build_id).
const PRUNE_ALL_BUILDS: &str = "DELETE FROM vertex_build WHERE build_id NOT IN \
    (SELECT build_id FROM vertex_build ORDER BY timestamp DESC, build_id DESC LIMIT $1)";

#[async_trait]
impl VertexBuildStore for SqlStore {
    async fn append_vertex_builds(
        &self,
        builds: &[VertexBuild],
        keep_total: u64,
        keep_per_vertex: u64,
    ) -> StoreResult<()> {
        if builds.is_empty() {
            return Ok(());
        }
        let postgres = matches!(self, SqlStore::Pg(_));
        let vertices: BTreeSet<(Uuid, &str)> =
            builds.iter().map(|b| (b.flow_id, b.id.as_str())).collect();
        in_tx!(self, |tx| {
            if postgres {
                // The global key first, then flow keys in order: every writer locks alike.
                if keep_total > 0 {
                    let (ns, key) = LOCK_BUILDS_TOTAL;
                    sqlx::query(LOCK)
                        .bind(ns)
                        .bind(key)
                        .execute(&mut *tx)
                        .await?;
                }
                for key in lock_keys(vertices.iter().map(|(flow, _)| *flow)) {
                    let lock = sqlx::query(LOCK).bind(LOCK_BUILDS).bind(key);
                    lock.execute(&mut *tx).await?;
                }
            }
            for b in builds {
                sqlx::query(INSERT_BUILD)
                    .bind(b.build_id)
                    .bind(&b.id)
                    .bind(b.timestamp)
                    .bind(JsonText::opt(&b.data))
                    .bind(JsonText::opt(&b.artifacts))
                    .bind(&b.params)
                    .bind(b.valid)
                    .bind(b.flow_id)
                    .bind(b.job_id)
                    .execute(&mut *tx)
                    .await?;
            }
            if keep_per_vertex > 0 {
                for (flow, vertex) in &vertices {
                    let prune = sqlx::query(PRUNE_VERTEX_BUILDS).bind(*flow).bind(*vertex);
                    prune.bind(cap(keep_per_vertex)).execute(&mut *tx).await?;
                }
            }
            if keep_total > 0 {
                let prune = sqlx::query(PRUNE_ALL_BUILDS).bind(cap(keep_total));
                prune.execute(&mut *tx).await?;
            }
        });
        Ok(())
    }

    async fn latest_vertex_builds(&self, flow_id: Uuid) -> StoreResult<Vec<VertexBuild>> {
        let sql = format!(
            "SELECT {VERTEX_BUILD_COLS} FROM vertex_build b WHERE flow_id = $1 \
             AND timestamp = (SELECT MAX(l.timestamp) FROM vertex_build l \
                              WHERE l.flow_id = b.flow_id AND l.id = b.id) \
             ORDER BY timestamp, id, build_id LIMIT 1000"
        );
        let rows = on_pool!(self, |p| sqlx::query_as::<_, VertexBuildRow>(
            sqlx::AssertSqlSafe(sql.clone())
        )
        .bind(flow_id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(VertexBuild::from).collect())
    }

    async fn delete_vertex_builds(&self, flow_id: Uuid) -> StoreResult<u64> {
        const SQL: &str = "DELETE FROM vertex_build WHERE flow_id = $1";
        let deleted = on_pool!(self, |p| sqlx::query(SQL)
            .bind(flow_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(deleted)
    }
}
