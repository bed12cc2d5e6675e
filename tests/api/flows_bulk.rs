//! Many-flow endpoints: bulk delete, batch, upload, download, examples and public flows.
