//! Authentication: password hashing, JWTs, cookies, the current-user extractor and the login limiter.

pub mod cookies;
pub mod current_user;
pub mod fernet;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod redact;

use sha2::{Digest, Sha256};

/// SHA-256 hex digest, the lookup key Langflow stores for API keys.
pub fn sha256_hex(input: &str) -> String {
    Sha256::digest(input.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random URL-safe token of `bytes` random bytes (Python's `secrets.token_urlsafe`).
pub fn token_urlsafe(bytes: usize) -> String {
    use base64::Engine;
    let mut buf = vec![0u8; bytes];
    rand::fill(&mut buf[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}
