//! Password hashing: argon2id for new hashes; bcrypt hashes (Langflow's) still verify.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Hashes a password as an argon2id PHC string.
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .expect("argon2 hashing with default parameters cannot fail")
}

/// Whether `password` matches `stored` (argon2 PHC or bcrypt `$2b$` hash). Unknown formats never match.
pub fn verify_password(password: &str, stored: &str) -> bool {
    if is_bcrypt(stored) {
        // Langflow (passlib) hashed only the first 72 bytes.
        let bytes = password.as_bytes();
        let truncated = &bytes[..bytes.len().min(72)];
        return bcrypt::verify(truncated, stored).unwrap_or(false);
    }
    match argon2::password_hash::phc::PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Whether a stored hash should be replaced by an argon2 hash at the next successful login.
pub fn needs_upgrade(stored: &str) -> bool {
    is_bcrypt(stored)
}

fn is_bcrypt(stored: &str) -> bool {
    stored.starts_with("$2a$") || stored.starts_with("$2b$") || stored.starts_with("$2y$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2_round_trip() {
        let hash = hash_password("s3cret");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("s3cret", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!needs_upgrade(&hash));
    }

    #[test]
    fn bcrypt_hashes_from_langflow_verify_and_ask_for_upgrade() {
        let hash = bcrypt::hash("legacy-pass", 4).unwrap();
        assert!(verify_password("legacy-pass", &hash));
        assert!(!verify_password("other", &hash));
        assert!(needs_upgrade(&hash));
    }

    #[test]
    fn garbage_hash_never_matches() {
        assert!(!verify_password("x", "not-a-hash"));
        assert!(!verify_password("", ""));
    }
}
