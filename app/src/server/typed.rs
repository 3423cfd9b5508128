//! What a person typed into a form the server refused, kept for the page the form comes back
//! to. A refused form post is answered with a redirect to its page and the error (see
//! [`super::request::finish`]); the fields posted go with it in a short-lived cookie, so the
//! page can show the form as it was sent, with the message beside the field at fault, instead
//! of empty again.
//!
//! Only URL-encoded posts of at most [`MAX_BODY`] bytes are kept; the CSRF token and every
//! password field are never kept; the cookie is at most [`MAX_COOKIE`] bytes (fields that do
//! not fit are left out and come back as stored), names the form's action, lives
//! [`MAX_AGE`] seconds and is read only with an error to show (see
//! `components::feedback::Typed`).

use super::cookies;
use axum::http::{HeaderMap, HeaderValue, header};

/// The cookie holding the fields of the last refused form.
pub const COOKIE: &str = "checkpoint_typed";
/// The field naming the form's action inside the cookie.
pub const ACTION: &str = "_action";
/// Largest form body whose fields are kept.
pub const MAX_BODY: usize = 64 * 1024;
/// Largest cookie value written.
pub const MAX_COOKIE: usize = 3_500;
/// Seconds the cookie is kept.
pub const MAX_AGE: u32 = 120;

/// Whether a field named `name` may be kept: never the CSRF token or a password.
pub fn keeps(name: &str) -> bool {
    !(name == super::csrf::FIELD
        || name.contains("password")
        || matches!(name, "current" | "new" | "confirm"))
}

/// The cookie value for a refused post of `body` to `action`: the action first, then every
/// kept field in order while the whole stays within [`MAX_COOKIE`]. `None` when nothing is
/// kept.
pub fn value(action: &str, body: &[u8]) -> Option<String> {
    let pair = |name: &str, text: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair(name, text)
            .finish()
    };
    let mut out = pair(ACTION, action);
    let mut any = false;
    for (name, text) in form_urlencoded::parse(body) {
        let one = pair(&name, &text);
        if keeps(&name) && out.len() + 1 + one.len() <= MAX_COOKIE {
            out.push('&');
            out.push_str(&one);
            any = true;
        }
    }
    any.then_some(out)
}

/// The `Set-Cookie` header keeping `body` (posted to `action`) when `location` (where the
/// refused post is sent back) shows an error.
pub fn set_cookie(
    action: &str,
    body: &[u8],
    location: &str,
    secure: bool,
) -> Option<(header::HeaderName, HeaderValue)> {
    // Someone else saved first: the page shows their version, which a refill would hide (and
    // the next save would overwrite it unseen).
    let refused = form_urlencoded::parse(location.split_once('?')?.1.as_bytes())
        .any(|(k, v)| k == "error" && !v.ends_with("Conflict"));
    if !refused || body.len() > MAX_BODY {
        return None;
    }
    let value = value(action, body)?;
    cookies::set(COOKIE, &value, Some(MAX_AGE), secure).map(|v| (header::SET_COOKIE, v))
}

/// The `Set-Cookie` header that forgets the kept fields (a later post went through).
pub fn clear_cookie(secure: bool) -> Option<(header::HeaderName, HeaderValue)> {
    cookies::set(COOKIE, "", Some(0), secure).map(|v| (header::SET_COOKIE, v))
}

/// The fields kept for the form posted to `action`, from the request's cookie.
pub fn read(headers: &HeaderMap, action: &str) -> Vec<(String, String)> {
    let Some(value) = cookies::read(headers, COOKIE) else {
        return Vec::new();
    };
    let mut fields = form_urlencoded::parse(value.as_bytes()).into_owned();
    match fields.next() {
        Some((k, v)) if k == ACTION && v == action => fields.collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn headers_with(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("{COOKIE}={value}")).unwrap(),
        );
        h
    }

    #[test]
    fn a_refused_post_keeps_its_fields_but_never_a_token_or_a_password() {
        let body = b"csrf_token=abc&input%5Bname%5D=Border+police+%26+co&password=s3cret&input%5Bpassword%5D=x&new=y&tot=on";
        let (name, v) = set_cookie(
            "/api/classes/create",
            body,
            "/classes?error=ErrDatesReversed&field=ends_on",
            false,
        )
        .unwrap();
        assert_eq!(name, header::SET_COOKIE);
        let text = v.to_str().unwrap();
        for secret in ["abc", "s3cret", "csrf", "password", "new="] {
            assert!(!text.contains(secret), "{text}");
        }
        let value = text.split(';').next().unwrap().split_once('=').unwrap().1;
        assert_eq!(
            read(&headers_with(value), "/api/classes/create"),
            vec![
                ("input[name]".to_owned(), "Border police & co".to_owned()),
                ("tot".to_owned(), "on".to_owned())
            ]
        );
        assert!(read(&headers_with(value), "/api/classes/enrol").is_empty());
    }

    #[test]
    fn nothing_is_kept_when_someone_else_saved_first() {
        for code in [
            "ErrScoreConflict",
            "ErrNarrativeConflict",
            "ErrFrameworkConflict",
        ] {
            let back = format!("/assessments/1/elements/x?error={code}&field=version");
            assert!(set_cookie("/api/a", b"input%5Breason%5D=mine", &back, false).is_none());
        }
    }

    #[test]
    fn nothing_is_kept_for_a_post_that_succeeded_or_an_oversized_body() {
        assert!(set_cookie("/api/a", b"x=1", "/classes/3?notice=Saved", false).is_none());
        assert!(set_cookie("/api/a", b"x=1", "/classes/3", false).is_none());
        let big = format!("x={}", "a".repeat(MAX_BODY));
        assert!(set_cookie("/api/a", big.as_bytes(), "/c?error=ErrInvalid", false).is_none());
    }

    #[test]
    fn a_field_too_long_for_the_cookie_is_left_out_and_the_others_kept() {
        let body = format!("a=1&long={}&b=2", "z".repeat(MAX_COOKIE));
        let v = value("/api/x", body.as_bytes()).unwrap();
        assert_eq!(v, "_action=%2Fapi%2Fx&a=1&b=2");
    }

    proptest! {
        #[test]
        fn the_cookie_never_exceeds_its_bound_and_always_goes_in_a_header(
            fields in proptest::collection::vec((".{0,20}", ".{0,400}"), 0..40)
        ) {
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields.iter())
                .finish();
            if let Some(v) = value("/api/x", body.as_bytes()) {
                prop_assert!(v.len() <= MAX_COOKIE);
                prop_assert!(cookies::set(COOKIE, &v, Some(MAX_AGE), true).is_some());
            }
        }
    }
}
