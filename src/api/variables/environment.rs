//! Credential variables imported from the process environment at startup and login
//! (`LANGFLOW_VARIABLES_TO_GET_FROM_ENVIRONMENT`, `LANGFLOW_STORE_ENVIRONMENT_VARIABLES`).

use uuid::Uuid;

use super::schema::CREDENTIAL;
use crate::model::{Variable, now};
use crate::state::AppState;
use crate::store::StoreResult;

/// Creates or refreshes the user's environment-managed Credential variables. Variables the user
/// created or edited themselves (`is_environment_managed = false`) are never overwritten.
pub async fn import_for_user(state: &AppState, user_id: Uuid) -> StoreResult<usize> {
    let settings = &state.settings;
    if !settings.langflow_store_environment_variables {
        return Ok(0);
    }
    let mut imported = 0;
    for (name, value) in settings.environment_variables() {
        if is_placeholder(&name, &value) {
            continue;
        }
        match state.store.find_variable_by_name(user_id, &name).await? {
            Some(existing)
                if existing.kind.as_deref() != Some(CREDENTIAL)
                    || existing.is_environment_managed == Some(false) => {}
            Some(mut existing) => {
                existing.value = state.cipher.encrypt(&value);
                existing.is_environment_managed = Some(true);
                existing.updated_at = Some(now());
                state.store.update_variable(&existing).await?;
                imported += 1;
            }
            None => {
                let at = now();
                let variable = Variable {
                    id: Uuid::new_v4(),
                    name,
                    value: state.cipher.encrypt(&value),
                    default_fields: Some(Vec::new()),
                    kind: Some(CREDENTIAL.to_string()),
                    created_at: Some(at),
                    updated_at: Some(at),
                    is_environment_managed: Some(true),
                    user_id,
                };
                state.store.create_variable(&variable).await?;
                imported += 1;
            }
        }
    }
    Ok(imported)
}

/// Langflow skips the test placeholder `dummy` for secret provider variables.
fn is_placeholder(name: &str, value: &str) -> bool {
    let secret = ["KEY", "TOKEN", "SECRET"].iter().any(|s| name.contains(s));
    secret && value.eq_ignore_ascii_case("dummy")
}
