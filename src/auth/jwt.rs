//! HS256 JWTs with Langflow's claims: `sub` (user id), `type` (`access` | `refresh`), `exp`.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The claims Langflow puts in its tokens.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub exp: i64,
}

/// Why a token was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    Expired,
    Invalid,
    WrongType,
}

/// Signs and checks tokens with the service's secret key.
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl JwtKeys {
    /// Keys for HS256 with `secret`; an empty secret is refused.
    pub fn new(secret: &str) -> Result<Self, jsonwebtoken::errors::Error> {
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes())?,
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
        })
    }

    /// A token of `kind` for `user_id` that expires after `ttl_seconds`.
    pub fn issue(&self, user_id: Uuid, kind: &str, ttl_seconds: i64) -> String {
        let claims = Claims {
            sub: user_id.to_string(),
            kind: kind.to_string(),
            exp: chrono::Utc::now().timestamp() + ttl_seconds,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// The user id of a valid token of `kind`.
    pub fn verify(&self, token: &str, kind: &str) -> Result<Uuid, TokenError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.validate_aud = false;
        validation.set_required_spec_claims(&["exp", "sub"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).map_err(
            |e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                _ => TokenError::Invalid,
            },
        )?;
        if data.claims.kind != kind {
            return Err(TokenError::WrongType);
        }
        Uuid::parse_str(&data.claims.sub).map_err(|_| TokenError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_with_their_type_only() {
        let keys = JwtKeys::new("k").unwrap();
        let id = Uuid::new_v4();
        let access = keys.issue(id, "access", 60);
        assert_eq!(keys.verify(&access, "access"), Ok(id));
        assert_eq!(keys.verify(&access, "refresh"), Err(TokenError::WrongType));
    }

    #[test]
    fn expired_wrong_key_and_garbage_are_refused() {
        let keys = JwtKeys::new("k").unwrap();
        let id = Uuid::new_v4();
        assert_eq!(
            keys.verify(&keys.issue(id, "access", -5), "access"),
            Err(TokenError::Expired)
        );
        assert_eq!(
            JwtKeys::new("other")
                .unwrap()
                .verify(&keys.issue(id, "access", 60), "access"),
            Err(TokenError::Invalid)
        );
        assert_eq!(keys.verify("garbage", "access"), Err(TokenError::Invalid));
    }

    #[test]
    fn alg_none_is_refused() {
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let exp = chrono::Utc::now().timestamp() + 60;
        let token = format!(
            "{}.{}.",
            b64(r#"{"alg":"none","typ":"JWT"}"#),
            b64(&format!(
                r#"{{"sub":"{}","type":"access","exp":{exp}}}"#,
                Uuid::new_v4()
            ))
        );
        assert_eq!(
            JwtKeys::new("k").unwrap().verify(&token, "access"),
            Err(TokenError::Invalid)
        );
    }
}
