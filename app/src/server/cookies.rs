//! Reading and writing cookies with the `cookie` crate (the one the session layer uses): every
//! `Cookie` header of a request is read (HTTP/2 clients may send several), quoted values and
//! stray spaces are handled as the RFC says, and every cookie Checkpoint sets is whole-site,
//! HttpOnly and SameSite=Lax, `Secure` when served over HTTPS.

use axum::http::{HeaderMap, HeaderValue, header};
use tower_sessions::cookie::{Cookie, SameSite, time::Duration};

/// The value of the first cookie called `name` the request sent.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value_trimmed().to_owned())
}

/// A `Set-Cookie` value for `name` = `value`: whole site, HttpOnly, SameSite=Lax, `Secure`
/// when `secure`; kept `max_age` seconds, or for the browser session when `None`. `None` when
/// the value cannot go in a header.
pub fn set(name: &str, value: &str, max_age: Option<u32>, secure: bool) -> Option<HeaderValue> {
    let mut cookie = Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Some(seconds) = max_age {
        cookie = cookie.max_age(Duration::seconds(i64::from(seconds)));
    }
    HeaderValue::from_str(&cookie.build().to_string()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::COOKIE, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn every_cookie_header_is_read() {
        let h = headers(&["a=1; checkpoint_csrf=abc", "checkpoint_lang=fr"]);
        assert_eq!(read(&h, "checkpoint_csrf").as_deref(), Some("abc"));
        assert_eq!(read(&h, "checkpoint_lang").as_deref(), Some("fr"));
        assert_eq!(read(&h, "c"), None);
        let quoted = headers(&["checkpoint_lang=\"es\" ;  x=1"]);
        assert_eq!(read(&quoted, "checkpoint_lang").as_deref(), Some("es"));
        assert_eq!(
            read(&headers(&["=; ;;checkpoint_csrf"]), "checkpoint_csrf"),
            None
        );
    }

    #[test]
    fn cookies_are_set_site_wide_http_only_and_lax() {
        let v = set("checkpoint_lang", "fr", Some(60), true).unwrap();
        let text = v.to_str().unwrap();
        for part in [
            "checkpoint_lang=fr",
            "Path=/",
            "HttpOnly",
            "SameSite=Lax",
            "Secure",
            "Max-Age=60",
        ] {
            assert!(text.contains(part), "{text}");
        }
        let session = set("checkpoint_csrf", "abc", None, false).unwrap();
        assert!(!session.to_str().unwrap().contains("Max-Age"));
        assert!(!session.to_str().unwrap().contains("Secure"));
    }
}
