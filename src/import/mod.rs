//! Reading an existing Langflow database (`copy --from-backend langflow`).
//!
//! [`LangflowSource`] opens Langflow's own SQLite or PostgreSQL database read-only (no
//! migrations, no writes) and serves the paged [`ExportStore`](crate::store::ExportStore) reads
//! that `copy_all` needs, decoding Langflow's physical schema: its table and column names,
//! SQLAlchemy's UUID, datetime, boolean and JSON representations. Only the columns a table
//! actually has are read, so databases of older Langflow versions import too; columns this
//! service does not keep are ignored. Password hashes and Fernet ciphertexts are carried over
//! verbatim: serve the target with Langflow's `LANGFLOW_SECRET_KEY`.

mod columns;
mod record;
mod source;
mod tables;

pub use source::LangflowSource;
