//! Cross-site request forgery protection: the double-submit cookie pattern.
//!
//! Every response to a browser without one sets a random token in an HttpOnly, SameSite=Lax
//! cookie. Pages render the same token into their forms (`csrf_token` field) and the page
//! `<meta name="csrf-token">` for scripts (`X-CSRF-Token` header). A state-changing request is
//! accepted only when the value it sends equals its cookie: another site can make a browser
//! send the cookie but cannot read it to put it in the form. Anonymous visitors get a token too
//! (the sign-in form needs it) without any session being stored.

use argon2::password_hash::rand_core::{OsRng, RngCore};

/// Name of the CSRF cookie.
pub const COOKIE: &str = "checkpoint_csrf";
/// Name of the form field carrying the token.
pub const FIELD: &str = "csrf_token";
/// Name of the header carrying the token.
pub const HEADER: &str = "x-csrf-token";

/// A new random token (128 bits, hex).
pub fn new_token() -> String {
    random_hex(16)
}

/// `n` random bytes as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `sent` matches the cookie's `expected` token, compared in constant time.
pub fn matches(expected: &str, sent: &str) -> bool {
    if expected.is_empty() || expected.len() != sent.len() {
        return false;
    }
    expected
        .bytes()
        .zip(sent.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

/// Whether a cookie value looks like one of our tokens (so a forged cookie cannot inject
/// arbitrary text into pages).
pub fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let a = new_token();
        assert!(well_formed(&a));
        assert_ne!(a, new_token());
        assert!(!well_formed("<script>alert(1)</script>"));
    }

    #[test]
    fn comparison_requires_an_exact_match() {
        let a = new_token();
        assert!(matches(&a, &a));
        assert!(!matches(&a, &a[..31]));
        assert!(!matches(&a, &new_token()));
        assert!(!matches("", ""));
    }
}
