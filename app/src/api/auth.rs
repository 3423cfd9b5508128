//! Signing in and out, and what every signed-in person may change about their own account.

use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with `login` and `password`, then goes to `next` (a local path) or home.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(login: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::{errors::internal, request, services, session};
    request::finish(
        async move {
            let state = request::state()?;
            let device = request::cookie(session::DEVICE_COOKIE);
            let signed_in = services::people::auth::login(
                &state.db,
                &login,
                &password,
                request::ctx().client_ip,
                device.as_deref(),
            )
            .await?;
            let s = request::session()?;
            // A new session id at sign-in: a session id planted before sign-in is worthless.
            s.cycle_id()
                .await
                .map_err(|e| internal("session cycle failed", e))?;
            s.insert(session::USER_ID, signed_in.id)
                .await
                .map_err(|e| internal("session write failed", e))?;
            s.insert(session::EPOCH, signed_in.epoch)
                .await
                .map_err(|e| internal("session write failed", e))?;
            request::set_cookie(
                session::DEVICE_COOKIE,
                &signed_in.device,
                365 * 24 * 3600,
                state.config.secure_cookies,
            );
            s.insert(
                session::REFRESHED,
                time::OffsetDateTime::now_utc().unix_timestamp(),
            )
            .await
            .map_err(|e| internal("session write failed", e))?;
            let next = next
                .as_deref()
                .and_then(crate::validate::local_path)
                .unwrap_or("/");
            let next = if next.starts_with("/login") {
                "/"
            } else {
                next
            };
            request::redirect(next);
            Ok(())
        }
        .await,
    )
}

/// Signs out (ends the session) and returns to the sign-in page.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{errors::internal, request};
    request::finish(
        async move {
            let s = request::session()?;
            s.flush()
                .await
                .map_err(|e| internal("session flush failed", e))?;
            // Nothing typed by this person is offered to the next one at this computer.
            let secure = request::state()?.config.secure_cookies;
            request::set_cookie(crate::server::typed::COOKIE, "", 0, secure);
            request::redirect("/login?notice=SignedOut");
            Ok(())
        }
        .await,
    )
}

/// Changes the signed-in person's password.
#[server(prefix = "/api", endpoint = "account/password")]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    use crate::server::{errors::internal, request, services, session};
    request::finish(
        async move {
            let user = request::require_user()?;
            let state = request::state()?;
            let epoch =
                services::people::change_own_password(&state.db, user.id, &current, &new, &confirm)
                    .await?;
            // Every other session has ended; this one carries on under a new id.
            let s = request::session()?;
            s.cycle_id()
                .await
                .map_err(|e| internal("session cycle failed", e))?;
            s.insert(session::EPOCH, epoch)
                .await
                .map_err(|e| internal("session write failed", e))?;
            request::redirect("/account?notice=PasswordChanged");
            Ok(())
        }
        .await,
    )
}

/// Sets the interface language: stored on the account when signed in, in a cookie otherwise.
#[server(prefix = "/api", endpoint = "language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::server::request;
    request::finish(
        async move {
            let lang = crate::validate::language(&lang).map_err(|m| AppError::field("lang", m))?;
            if let Some(user) = request::ctx().user {
                let state = request::state()?;
                crate::server::services::people::set_language(&state.db, user.id, lang).await?;
            }
            let secure = request::state()
                .map(|s| s.config.secure_cookies)
                .unwrap_or(false);
            request::set_cookie(super::LANG_COOKIE, lang.code(), 31_536_000, secure);
            let back = request::parts()
                .and_then(|p| p.headers.get(axum::http::header::REFERER).cloned())
                .and_then(|r| {
                    r.to_str()
                        .ok()
                        .and_then(|r| r.parse::<axum::http::Uri>().ok())
                })
                .and_then(|u| u.path_and_query().map(|pq| pq.as_str().to_owned()))
                .and_then(|p| crate::validate::local_path(&p).map(request::strip_feedback))
                .unwrap_or_else(|| "/".to_owned());
            request::redirect(&back);
            Ok(())
        }
        .await,
    )
}
