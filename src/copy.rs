//! Moving everything from one store to another, empty one (`langflow-persistence copy`).
//!
//! Rows are read page by page in primary-key order ([`ExportStore`]) and written with the
//! ordinary create/append methods, which store values verbatim: ids, timestamps, JSON, password
//! hashes and Fernet ciphertexts (API keys, variables, store keys) arrive unchanged, so the
//! target must be served with the same `LANGFLOW_SECRET_KEY`. Monitor rows are appended without
//! caps, so nothing is pruned on the way. Folders are inserted without their parent first and
//! re-parented in a second pass, so a child never waits for a parent that sorts after it.
//!
//! The copy is not atomic: after a failure the target holds part of the data, and a re-run is
//! refused until the operator empties it (drop and recreate the database).

use anyhow::{Context, bail};

use crate::store::{AggregateCounts, ExportStore, Store};

/// What [`copy_all`] copied; equal to the counts read back from the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyReport {
    pub copied: AggregateCounts,
}

impl std::fmt::Display for CopyReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, count) in self.copied.entries() {
            writeln!(f, "{name}: {count}")?;
        }
        write!(f, "total: {}", self.copied.total())
    }
}

/// Reads every page of one aggregate from `$from` and hands each non-empty page to `$write`;
/// evaluates to the number of rows copied.
macro_rules! copy_pages {
    ($batch:expr, $what:literal, $read:ident, $key:expr, |$page:ident| $write:expr) => {{
        let limit = $batch as u64;
        let mut after = None;
        let mut copied = 0u64;
        loop {
            let $page = $read(after, limit)
                .await
                .with_context(|| format!("reading {} from the source", $what))?;
            let Some(last) = $page.last() else { break };
            after = Some($key(last));
            let len = $page.len();
            copied += len as u64;
            $write.with_context(|| format!("writing {} to the target", $what))?;
            if (len as u64) < limit {
                break;
            }
        }
        copied
    }};
}

/// Copies every aggregate of `from` into `to`, `batch` rows per read and per bulk write.
///
/// Refuses (before writing anything) when `to` is not empty, and fails when the counts read
/// back from `to` afterwards differ from what was copied.
pub async fn copy_all(
    from: &dyn ExportStore,
    to: &dyn Store,
    batch: usize,
) -> anyhow::Result<CopyReport> {
    let batch = batch.max(1);
    let existing = to.count_all().await.context("counting the target")?;
    if existing.total() > 0 {
        let held: Vec<String> = existing
            .entries()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("{n} {name}"))
            .collect();
        bail!(
            "the target {} database is not empty (it holds {}); copy only into an empty database",
            to.backend(),
            held.join(", ")
        );
    }
    let mut c = AggregateCounts::default();

    let read = |a, l| from.export_users(a, l);
    c.users = copy_pages!(
        batch,
        "users",
        read,
        |u: &crate::model::User| u.id,
        |page| { write_each(&page, |u| to.create_user(u)).await }
    );

    let read = |a, l| from.export_folders(a, l);
    c.folders = copy_pages!(
        batch,
        "folders",
        read,
        |f: &crate::model::Folder| f.id,
        |page| {
            write_each(&page, |f| {
                let mut root = f.clone();
                root.parent_id = None;
                async move { to.create_folder(&root).await }
            })
            .await
        }
    );
    let read = |a, l| from.export_folders(a, l);
    copy_pages!(
        batch,
        "folder parents",
        read,
        |f: &crate::model::Folder| f.id,
        |page| {
            let children: Vec<_> = page.iter().filter(|f| f.parent_id.is_some()).collect();
            write_each(&children, |f| to.update_folder(f)).await
        }
    );

    let read = |a, l| from.export_flows(a, l);
    c.flows = copy_pages!(
        batch,
        "flows",
        read,
        |f: &crate::model::Flow| f.id,
        |page| { to.create_flows(&page).await }
    );

    let read = |a, l| from.export_api_keys(a, l);
    c.api_keys = copy_pages!(
        batch,
        "API keys",
        read,
        |k: &crate::model::ApiKey| k.id,
        |page| { write_each(&page, |k| to.create_api_key(k)).await }
    );

    let read = |a, l| from.export_variables(a, l);
    c.variables = copy_pages!(
        batch,
        "variables",
        read,
        |v: &crate::model::Variable| v.id,
        |page| { write_each(&page, |v| to.create_variable(v)).await }
    );

    let read = |a, l| from.export_messages(a, l);
    c.messages = copy_pages!(
        batch,
        "messages",
        read,
        |m: &crate::model::Message| m.id,
        |page| { to.append_messages(&page).await }
    );

    let read = |a, l| from.export_transactions(a, l);
    let key = |t: &crate::model::Transaction| t.id;
    c.transactions = copy_pages!(batch, "transactions", read, key, |page| {
        to.append_transactions(&page, 0).await
    });

    let read = |a, l| from.export_vertex_builds(a, l);
    let key = |b: &crate::model::VertexBuild| b.build_id;
    c.vertex_builds = copy_pages!(batch, "vertex builds", read, key, |page| {
        to.append_vertex_builds(&page, 0, 0).await
    });

    let deletions = from
        .export_user_deletions()
        .await
        .context("reading pending user deletions from the source")?;
    write_each(&deletions, |d| to.request_user_deletion(d))
        .await
        .context("writing pending user deletions to the target")?;
    c.user_deletions = deletions.len() as u64;

    let landed = to.count_all().await.context("counting the target")?;
    if landed != c {
        bail!("verification failed: copied {c:?} but the target now holds {landed:?}");
    }
    Ok(CopyReport { copied: c })
}

/// Writes the items one by one, stopping at the first error.
async fn write_each<'a, T: 'a, R, F, Fut>(
    items: &'a [T],
    mut write: F,
) -> crate::store::StoreResult<()>
where
    F: FnMut(&'a T) -> Fut,
    Fut: std::future::Future<Output = crate::store::StoreResult<R>>,
{
    for item in items {
        write(item).await?;
    }
    Ok(())
}
