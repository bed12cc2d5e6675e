//! The three cookies Langflow sets, with Starlette's attribute formatting.

use axum::http::{HeaderValue, header::SET_COOKIE};
use axum::response::Response;
use chrono::{Duration, Utc};

use crate::config::Settings;

/// Name of the access-token cookie.
pub const ACCESS: &str = "access_token_lf";
/// Name of the refresh-token cookie.
pub const REFRESH: &str = "refresh_token_lf";
/// Name of the store API key cookie.
pub const API_KEY: &str = "apikey_tkn_lflw";

/// Attributes of one cookie.
pub struct CookieAttrs<'a> {
    pub http_only: bool,
    pub same_site: &'a str,
    pub secure: bool,
    /// Seconds until expiry; `None` = session cookie.
    pub max_age: Option<i64>,
}

impl<'a> CookieAttrs<'a> {
    /// The access cookie's attributes from the settings.
    pub fn access(settings: &'a Settings, max_age: Option<i64>) -> Self {
        Self {
            http_only: settings.langflow_access_httponly,
            same_site: &settings.langflow_access_same_site,
            secure: settings.langflow_access_secure,
            max_age,
        }
    }

    /// The refresh cookie's attributes from the settings.
    pub fn refresh(settings: &'a Settings) -> Self {
        Self {
            http_only: settings.langflow_refresh_httponly,
            same_site: &settings.langflow_refresh_same_site,
            secure: settings.langflow_refresh_secure,
            max_age: Some(settings.langflow_refresh_token_expire_seconds),
        }
    }
}

/// A `Set-Cookie` value as Starlette writes it (`expires=` for timed cookies, `""` for empty values).
pub fn set_cookie(settings: &Settings, name: &str, value: &str, attrs: &CookieAttrs) -> String {
    let expires = attrs
        .max_age
        .map(|seconds| Utc::now() + Duration::seconds(seconds));
    format_cookie(settings, name, value, expires, false, attrs)
}

/// A `Set-Cookie` value that deletes the cookie (expired now, `Max-Age=0`).
pub fn delete_cookie(settings: &Settings, name: &str, attrs: &CookieAttrs) -> String {
    format_cookie(settings, name, "", Some(Utc::now()), true, attrs)
}

/// Starlette's attribute order: expires, Domain, HttpOnly, Max-Age, Path, SameSite, Secure.
fn format_cookie(
    settings: &Settings,
    name: &str,
    value: &str,
    expires: Option<chrono::DateTime<Utc>>,
    expire_now: bool,
    attrs: &CookieAttrs,
) -> String {
    let mut out = format!("{name}={}", if value.is_empty() { "\"\"" } else { value });
    if let Some(at) = expires {
        out.push_str(&format!(
            "; expires={}",
            at.format("%a, %d %b %Y %H:%M:%S GMT")
        ));
    }
    if !settings.langflow_cookie_domain.is_empty() {
        out.push_str(&format!("; Domain={}", settings.langflow_cookie_domain));
    }
    if attrs.http_only {
        out.push_str("; HttpOnly");
    }
    if expire_now {
        out.push_str("; Max-Age=0");
    }
    out.push_str(&format!(
        "; Path=/; SameSite={}",
        attrs.same_site.to_lowercase()
    ));
    if attrs.secure {
        out.push_str("; Secure");
    }
    out
}

/// Appends `Set-Cookie` headers to a response.
pub fn append(response: &mut Response, cookies: &[String]) {
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
}

/// The value of cookie `name` in a `Cookie` request header.
pub fn read(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"').to_string())
        .filter(|v| !v.is_empty())
}
