//! Langflow's sanitising of transaction inputs and outputs (on write and on read): secret-like
//! keys masked, `code` dropped, long strings and lists truncated.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

/// Keys masked whatever their value.
const SENSITIVE_KEY_NAMES: &[&str] = &[
    "api_key",
    "api-key",
    "apikey",
    "password",
    "passwd",
    "secret",
    "token",
    "auth_token",
    "access_token",
    "api_token",
    "bearer_token",
    "credential",
    "credentials",
    "auth",
    "authorization",
    "bearer",
    "private_key",
    "private-key",
    "access_key",
    "access-key",
    "openai_api_key",
    "anthropic_api_key",
];

/// Keys ending with a sensitive suffix.
static SENSITIVE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^.*[_-]?(api[_-]?key|password|secret|token|credential|auth|bearer|private[_-]?key|access[_-]?key)$")
        .expect("valid regex")
});

/// Values up to this length are fully redacted; longer ones keep 4 characters at each end.
const MIN_LENGTH_FOR_PARTIAL_MASK: usize = 12;

/// The truncation limits (`LANGFLOW_MAX_TEXT_LENGTH`, `LANGFLOW_MAX_ITEMS_LENGTH`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_text_length: usize,
    pub max_items_length: usize,
}

impl Limits {
    /// The configured limits.
    pub fn from_settings(settings: &crate::config::Settings) -> Self {
        Limits {
            max_text_length: settings.langflow_max_text_length,
            max_items_length: settings.langflow_max_items_length,
        }
    }

    /// Masks, drops and truncates as Langflow does; non-object values are only truncated.
    pub fn sanitize(&self, value: Value) -> Value {
        let masked = match value {
            Value::Object(map) => Value::Object(sanitize_object(map)),
            other => other,
        };
        self.truncate(masked)
    }

    fn truncate(&self, value: Value) -> Value {
        match value {
            Value::String(s) if s.chars().count() > self.max_text_length => Value::String(format!(
                "{}...",
                s.chars().take(self.max_text_length).collect::<String>()
            )),
            Value::Array(items) => {
                let total = items.len();
                let mut kept: Vec<Value> = items.into_iter().take(self.max_items_length).collect();
                if total > self.max_items_length {
                    kept.push(Value::String(format!(
                        "... [truncated {} items]",
                        total - self.max_items_length
                    )));
                }
                Value::Array(kept.into_iter().map(|v| self.truncate(v)).collect())
            }
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, self.truncate(v)))
                    .collect(),
            ),
            other => other,
        }
    }
}

fn is_sensitive(key: &str) -> bool {
    let lower = key.to_lowercase();
    SENSITIVE_KEY_NAMES.contains(&lower.as_str()) || SENSITIVE_SUFFIX.is_match(&lower)
}

fn mask(value: &Value) -> Value {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() > MIN_LENGTH_FOR_PARTIAL_MASK => {
            let chars: Vec<char> = s.chars().collect();
            let head: String = chars[..4].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            Value::String(format!("{head}...{tail}"))
        }
        _ => Value::String("***REDACTED***".into()),
    }
}

fn sanitize_object(map: Map<String, Value>) -> Map<String, Value> {
    map.into_iter()
        .filter(|(key, _)| key != "code")
        .map(|(key, value)| {
            let value = if is_sensitive(&key) {
                mask(&value)
            } else {
                sanitize_nested(value)
            };
            (key, value)
        })
        .collect()
}

fn sanitize_nested(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(sanitize_object(map)),
        Value::Array(items) => Value::Array(items.into_iter().map(sanitize_nested).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const LIMITS: Limits = Limits {
        max_text_length: 30,
        max_items_length: 2,
    };

    #[test]
    fn masks_secret_keys_and_drops_code() {
        let out = LIMITS.sanitize(json!({
            "api_key": "sk-1234567890abcdef", "password": "short", "max_tokens": 5,
            "nested": {"openai_api_key": "", "code": "print()"}, "code": "x"
        }));
        assert_eq!(out["api_key"], "sk-1...cdef");
        assert_eq!(out["password"], "***REDACTED***");
        assert_eq!(out["max_tokens"], 5);
        assert_eq!(out["nested"], json!({"openai_api_key": "***REDACTED***"}));
        assert!(out.get("code").is_none());
    }

    #[test]
    fn truncates_long_text_and_lists() {
        let out =
            LIMITS.sanitize(json!({"t": "abcdefghijklmnopqrstuvwxyz0123XYZ", "l": [1, 2, 3, 4]}));
        assert_eq!(out["t"], "abcdefghijklmnopqrstuvwxyz0123...");
        assert_eq!(out["l"], json!([1, 2, "... [truncated 2 items]"]));
    }
}
