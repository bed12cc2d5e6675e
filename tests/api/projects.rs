//! Projects and the legacy folders redirects (spec section 3).
