//! The store as a whole: identity, health check, reopening an existing database.

use std::sync::Arc;

use langflow_persistence::store::Store;

use crate::common::TestDb;
use crate::support::{flow, seed_folder, seed_user};

contract!(ping_works);
contract!(db: backend_names_itself, reopening_keeps_data);

async fn ping_works(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
    store.ping().await.unwrap();
}

async fn backend_names_itself(db: &TestDb) {
    assert_eq!(db.store().await.backend(), db.backend);
}

async fn reopening_keeps_data(db: &TestDb) {
    let first = db.store().await;
    let alice = seed_user(&first, "Alice").await;
    let folder = seed_folder(&first, Some(alice.id), "Kept").await;
    let kept = first
        .create_flow(&flow(Some(alice.id), Some(folder.id), "kept"))
        .await
        .unwrap();

    // A second store on the same database while the first is still open: migrations and
    // indexes must be idempotent, and both see the same data.
    let second = db.store().await;
    assert_eq!(
        second.get_user_by_username("alice").await.unwrap(),
        Some(alice.clone())
    );
    assert_eq!(second.get_flow(kept.id).await.unwrap(), Some(kept.clone()));
    drop(first);
    drop(second);

    // And once more from scratch: data and constraints are still there.
    let third = db.store().await;
    assert_eq!(third.get_folder(folder.id).await.unwrap(), Some(folder));
    assert_eq!(third.get_flow(kept.id).await.unwrap(), Some(kept));
    crate::support::assert_conflict(
        third.create_user(&crate::support::user("ALICE")).await,
        "user_username_lower",
    );
    crate::support::assert_conflict(
        third.create_flow(&flow(Some(alice.id), None, "kept")).await,
        "unique_flow_name",
    );
}

contract!(db: newer_schema_is_refused);

/// A database written by a newer binary (an unknown SQL migration, or a higher Mongo
/// `schema_version`) makes `connect` fail with a message that says so, and changes nothing.
async fn newer_schema_is_refused(db: &TestDb) {
    let store = db.store().await;
    let alice = seed_user(&store, "Alice").await;
    drop(store);
    mark_schema_newer(db).await;
    let error = match langflow_persistence::store::connect(&db.config).await {
        Ok(_) => panic!("a newer schema must be refused"),
        Err(error) => error.to_string(),
    };
    assert!(error.contains("newer"), "unclear message: {error}");
    assert!(
        error.contains("upgrade the binary"),
        "unclear message: {error}"
    );
    unmark_schema_newer(db).await;
    let store = db.store().await;
    assert_eq!(
        store.get_user(alice.id).await.unwrap(),
        Some(alice),
        "refusal must not touch data"
    );
}

const FUTURE_VERSION: i64 = 99_990_101_000_000;

async fn mark_schema_newer(db: &TestDb) {
    match db.backend {
        "mongo" => mongo_meta(db, 999).await,
        "postgres" => sql_exec(db, &format!("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ({FUTURE_VERSION}, 'future', TRUE, '\\x00'::bytea, 0)")).await,
        _ => sql_exec(db, &format!("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ({FUTURE_VERSION}, 'future', TRUE, X'00', 0)")).await,
    }
}

async fn unmark_schema_newer(db: &TestDb) {
    match db.backend {
        "mongo" => mongo_meta(db, langflow_persistence::store::mongo::SCHEMA_VERSION).await,
        _ => {
            sql_exec(
                db,
                &format!("DELETE FROM _sqlx_migrations WHERE version = {FUTURE_VERSION}"),
            )
            .await
        }
    }
}

async fn sql_exec(db: &TestDb, statement: &str) {
    use sqlx::Connection;
    let url = &db.config.database_url;
    let statement = sqlx::AssertSqlSafe(statement.to_string());
    if url.starts_with("postgres") {
        let mut conn = sqlx::PgConnection::connect(url).await.expect("pg connect");
        sqlx::raw_sql(statement)
            .execute(&mut conn)
            .await
            .expect("pg exec");
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url)
            .await
            .expect("sqlite connect");
        sqlx::raw_sql(statement)
            .execute(&mut conn)
            .await
            .expect("sqlite exec");
    }
}

async fn mongo_meta(db: &TestDb, version: i64) {
    use mongodb::bson::doc;
    let client = mongodb::Client::with_uri_str(&db.config.mongo_url)
        .await
        .expect("mongo client");
    client
        .database(&db.config.mongo_database)
        .collection::<mongodb::bson::Document>("meta")
        .update_one(
            doc! { "_id": "schema" },
            doc! { "$set": { "schema_version": version } },
        )
        .await
        .expect("set schema_version");
}

contract!(db: reopening_adds_no_schema_objects);

/// Restarts apply nothing twice: the number of indexes and recorded migrations stays the same.
async fn reopening_adds_no_schema_objects(db: &TestDb) {
    drop(db.store().await);
    let before = schema_objects(db).await;
    assert!(
        before.0 > 0,
        "no indexes found at all: the count below would prove nothing"
    );
    for _ in 0..3 {
        drop(db.store().await);
    }
    assert_eq!(schema_objects(db).await, before);
}

/// (indexes, recorded migrations or schema documents) of the test database.
async fn schema_objects(db: &TestDb) -> (i64, i64) {
    use sqlx::Connection;
    let url = &db.config.database_url;
    match db.backend {
        "mongo" => {
            use mongodb::bson::{Document, doc};
            let client = mongodb::Client::with_uri_str(&db.config.mongo_url)
                .await
                .expect("mongo client");
            let database = client.database(&db.config.mongo_database);
            let mut indexes = 0;
            for name in database.list_collection_names().await.expect("collections") {
                indexes += database
                    .collection::<Document>(&name)
                    .list_index_names()
                    .await
                    .expect("indexes")
                    .len() as i64;
            }
            let metas = database
                .collection::<Document>("meta")
                .count_documents(doc! {})
                .await
                .expect("meta") as i64;
            (indexes, metas)
        }
        "postgres" => {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("pg connect");
            let indexes: i64 =
                sqlx::query_scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
                    .fetch_one(&mut conn)
                    .await
                    .expect("pg indexes");
            let migrations: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
                .fetch_one(&mut conn)
                .await
                .expect("pg migrations");
            (indexes, migrations)
        }
        _ => {
            let mut conn = sqlx::SqliteConnection::connect(url)
                .await
                .expect("sqlite connect");
            let indexes: i64 =
                sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index'")
                    .fetch_one(&mut conn)
                    .await
                    .expect("sqlite indexes");
            let migrations: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
                .fetch_one(&mut conn)
                .await
                .expect("sqlite migrations");
            (indexes, migrations)
        }
    }
}
