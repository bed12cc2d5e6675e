//! Fernet encryption compatible with Langflow's (`services/auth/utils.py`), so values encrypted
//! by Langflow decrypt here and the other way round.
//!
//! Key derivation from `LANGFLOW_SECRET_KEY`:
//! - 32 characters or more: the key itself is URL-safe base64 of 32 bytes (what Langflow's
//!   generated `token_urlsafe(32)` is); Python decodes it leniently, and so do we.
//! - shorter: `urlsafe_b64encode(sha256(key))`. For decryption only, the pre-1.10.1 derivation
//!   (Python's Mersenne Twister seeded with the key) is tried second.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE};
use sha2::{Digest, Sha256, Sha512};

/// Langflow's `MINIMUM_SECRET_KEY_LENGTH`.
const MINIMUM_SECRET_KEY_LENGTH: usize = 32;
/// Every Fernet token starts with this (version byte 0x80 and a timestamp).
const TOKEN_PREFIX: &str = "gAAAAA";

/// Encrypts with the current key and decrypts with the current or legacy key.
pub struct Cipher {
    current: fernet::Fernet,
    legacy: Option<fernet::Fernet>,
}

/// Why a secret key cannot be used for Fernet.
#[derive(Debug, thiserror::Error)]
#[error(
    "a secret key of 32 or more characters must be URL-safe base64 of 32 bytes, as secrets.token_urlsafe(32) produces"
)]
pub struct InvalidKey;

/// A value that does not decrypt with this secret key.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("value does not decrypt with the configured secret key")]
pub struct DecryptError;

impl Cipher {
    /// The cipher Langflow derives from `secret_key`.
    pub fn new(secret_key: &str) -> Result<Self, InvalidKey> {
        if secret_key.chars().count() >= MINIMUM_SECRET_KEY_LENGTH {
            let key = fernet::Fernet::new(&lenient_key(secret_key)?).ok_or(InvalidKey)?;
            return Ok(Self {
                current: key,
                legacy: None,
            });
        }
        let current = URL_SAFE.encode(Sha256::digest(secret_key.as_bytes()));
        let legacy = URL_SAFE.encode(python_random_bytes(secret_key));
        Ok(Self {
            current: fernet::Fernet::new(&current).ok_or(InvalidKey)?,
            legacy: fernet::Fernet::new(&legacy),
        })
    }

    /// A Fernet token of `plaintext`.
    pub fn encrypt(&self, plaintext: &str) -> String {
        self.current.encrypt(plaintext.as_bytes())
    }

    /// The plaintext of a token. Like Langflow, a value that is not a Fernet token is returned as is.
    pub fn decrypt(&self, value: &str) -> Result<String, DecryptError> {
        if !value.starts_with(TOKEN_PREFIX) {
            return Ok(value.to_string());
        }
        let bytes = self
            .current
            .decrypt(value)
            .or_else(|_| {
                self.legacy
                    .as_ref()
                    .ok_or(DecryptError)?
                    .decrypt(value)
                    .map_err(|_| DecryptError)
            })
            .map_err(|_| DecryptError)?;
        String::from_utf8(bytes).map_err(|_| DecryptError)
    }
}

/// Re-encodes a long secret key the way Python's lenient `urlsafe_b64decode` reads it.
fn lenient_key(secret_key: &str) -> Result<String, InvalidKey> {
    let alphabet: String = secret_key
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            other => other,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
        .collect();
    let lenient = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireNone),
    );
    let bytes = lenient.decode(alphabet).map_err(|_| InvalidKey)?;
    if bytes.len() != 32 {
        return Err(InvalidKey);
    }
    Ok(URL_SAFE.encode(bytes))
}

/// `bytes(random.Random(seed).getrandbits(8) for _ in range(32))` in Python 3.
fn python_random_bytes(seed: &str) -> [u8; 32] {
    // random.seed(str) (version 2): int.from_bytes(s + sha512(s), "big"), fed to
    // init_by_array as little-endian 32-bit words.
    let mut material = seed.as_bytes().to_vec();
    material.extend_from_slice(&Sha512::digest(seed.as_bytes()));
    let mut words: Vec<u32> = material
        .rchunks(4)
        .map(|chunk| chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
        .collect();
    while words.len() > 1 && words.last() == Some(&0) {
        words.pop();
    }
    let mut twister = rand_mt::Mt::new_with_key(words);
    let mut out = [0u8; 32];
    for byte in &mut out {
        *byte = (twister.next_u32() >> 24) as u8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_long_and_short_keys() {
        for key in [
            crate::auth::token_urlsafe(32),
            "short".to_string(),
            String::new(),
        ] {
            let cipher = Cipher::new(&key).unwrap();
            let token = cipher.encrypt("sk-secret ✓");
            assert!(token.starts_with(TOKEN_PREFIX));
            assert_eq!(cipher.decrypt(&token).unwrap(), "sk-secret ✓");
        }
    }

    #[test]
    fn other_keys_and_garbage_do_not_decrypt() {
        let token = Cipher::new("one-key").unwrap().encrypt("x");
        assert_eq!(
            Cipher::new("another").unwrap().decrypt(&token),
            Err(DecryptError)
        );
        assert_eq!(
            Cipher::new("k").unwrap().decrypt("gAAAAAnot-a-token"),
            Err(DecryptError)
        );
        assert_eq!(
            Cipher::new("k").unwrap().decrypt("plain value").unwrap(),
            "plain value"
        );
    }

    #[test]
    fn long_keys_must_be_base64_of_32_bytes() {
        assert!(Cipher::new("this is a long passphrase that is not base64 at all!").is_err());
    }
}

#[cfg(test)]
#[path = "fernet_vectors.rs"]
mod vectors;
