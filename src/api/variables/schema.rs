//! Shapes of `/api/v1/variables` and how a stored variable is shown.

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use crate::model::Variable;
use crate::state::AppState;

/// The default type: encrypted at rest, value never shown.
pub const CREDENTIAL: &str = "Credential";
/// Plain-text type, shown to its owner.
pub const GENERIC: &str = "Generic";
/// What every Fernet token starts with.
pub const CIPHERTEXT_PREFIX: &str = "gAAAAA";

/// Provider credentials Langflow validates on save and reports as `is_valid: true`.
const PROVIDER_CREDENTIALS: &[&str] = &[
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GOOGLE_API_KEY",
    "GROQ_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "WATSONX_APIKEY",
    "OPENROUTER_API_KEY",
    "SAMBANOVA_API_KEY",
    "NOVITA_API_KEY",
    "COHERE_API_KEY",
];

/// Body of POST: `default_fields` must be present (it may be `null`).
#[derive(Debug, Deserialize)]
pub struct VariableCreate {
    pub name: String,
    pub value: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "present_nullable")]
    pub default_fields: Option<Vec<String>>,
}

/// Body of PATCH: `id` is required; the rest changes only when given.
#[derive(Debug, Deserialize)]
pub struct VariableUpdate {
    #[allow(dead_code)] // required by Langflow's schema; the path id is the one used
    pub id: Uuid,
    pub name: Option<String>,
    pub value: Option<String>,
    pub default_fields: Option<Vec<String>>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A field that must be present but may be `null` (serde treats a missing field with
/// `deserialize_with` and no `default` as an error).
fn present_nullable<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Vec<String>>, D::Error> {
    Option::<Vec<String>>::deserialize(de)
}

/// `VariableRead`.
#[derive(Debug, Serialize)]
pub struct VariableRead {
    id: Uuid,
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    value: Option<String>,
    has_value: bool,
    default_fields: Option<Vec<String>>,
    is_owner: bool,
    can_manage_shares: bool,
    validation_error: Option<String>,
    is_valid: Option<bool>,
}

/// How the owner sees a stored variable, or `None` when Langflow hides it: internal `__x__`
/// names, empty Generic values, Generic rows holding ciphertext, and values that fail to decrypt.
pub fn read_model(state: &AppState, variable: Variable) -> Option<VariableRead> {
    if variable.name.len() > 4 && variable.name.starts_with("__") && variable.name.ends_with("__") {
        return None;
    }
    let is_credential = variable.kind.as_deref().is_none_or(|k| k == CREDENTIAL);
    let (value, has_value) = if is_credential {
        let plaintext = if variable.value.is_empty() {
            String::new()
        } else {
            state.cipher.decrypt(&variable.value).ok()?
        };
        (None, !plaintext.trim().is_empty())
    } else {
        if variable.value.is_empty() || variable.value.starts_with(CIPHERTEXT_PREFIX) {
            return None;
        }
        let has_value = !variable.value.trim().is_empty();
        (Some(variable.value), has_value)
    };
    let is_valid =
        (is_credential && PROVIDER_CREDENTIALS.contains(&variable.name.as_str())).then_some(true);
    Some(VariableRead {
        id: variable.id,
        name: variable.name,
        kind: variable.kind,
        value,
        has_value,
        default_fields: variable.default_fields,
        is_owner: true,
        can_manage_shares: true,
        validation_error: None,
        is_valid,
    })
}
