//! Login, tokens, cookies and the 401/403 table (spec section 1).

mod credentials;
mod login;
mod session;
