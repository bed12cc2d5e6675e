//! Message attachments must stay inside the caller's storage namespaces (`<namespace>/<file>`
//! keys whose namespace is the user's id or the message's flow id), as Langflow enforces.

use crate::error::{ApiError, ApiResult};

/// 400 when any attachment path leaves the allowed namespaces.
pub fn check_scope(files: &[String], namespaces: &[String]) -> ApiResult<()> {
    if files.iter().all(|f| allowed(f, namespaces)) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "Message attachment is outside the permitted storage scope.",
        ))
    }
}

fn allowed(file: &str, namespaces: &[String]) -> bool {
    let normalized = file.replace('\\', "/");
    if normalized.starts_with('/')
        || normalized.split('/').any(|segment| segment == "..")
        || has_drive(file)
    {
        return false;
    }
    let Some((namespace, name)) = normalized.split_once('/') else {
        return false;
    };
    if namespace.is_empty() || name.is_empty() || name.contains('/') || name.contains('\0') {
        return false;
    }
    namespaces.iter().any(|n| n.eq_ignore_ascii_case(namespace))
}

fn has_drive(file: &str) -> bool {
    let bytes = file.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_own_namespaces_without_traversal() {
        let ns = vec!["user-1".to_string(), "flow-9".to_string()];
        assert!(check_scope(&["user-1/a.png".into(), "FLOW-9/b.txt".into()], &ns).is_ok());
        for bad in [
            "other/a.png",
            "user-1/../other/a",
            "/etc/passwd",
            "C:/x/y",
            "user-1",
            "user-1/a/b",
            "../x",
        ] {
            assert!(
                check_scope(&[bad.to_string()], &ns).is_err(),
                "{bad} accepted"
            );
        }
        assert!(check_scope(&[], &ns).is_ok());
    }
}
