//! `/api/v1/api_key` (spec sections 1.3 and 6, transcript 07-api-keys): keys shown once, stored
//! as Fernet ciphertext with a SHA-256 hash, listed masked, honoured, counted and deleted.

mod authentication;
mod crud;
mod store;
