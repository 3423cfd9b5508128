//! `/verify/:code`: the public page that confirms a certificate (name, course, date only).

use crate::api::quizzes::verify_certificate;
use crate::components::feedback::Feedback;
use crate::components::forms::ErrorView;
use crate::components::page_title::PageTitle;
use crate::i18n::{Msg, show_date, t};
use crate::model::Verification;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The verification page; `/verify?code=…` (the form) works too.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let code = use_params_map()
        .with_untracked(|p| p.get("code"))
        .or_else(|| use_query_map().with_untracked(|q| q.get("code")))
        .unwrap_or_default();
    let data = move || {
        let code = code.clone();
        Suspend::new(async move {
            let result = if code.trim().is_empty() {
                None
            } else {
                Some(verify_certificate(code.clone()).await)
            };
            view! {
                <PageTitle text=t(Msg::VerifyTitle) />
                <h1>{t(Msg::VerifyTitle)}</h1> <Feedback />
                {match result {
                    None => ().into_any(),
                    Some(Ok(Verification::Valid { name, course, issued_on })) => view! {
                        <section class="banner banner-ok" id="verification" role="status">
                            <p><strong>{t(Msg::CertValid)}</strong></p>
                            <dl>
                                <dt>{t(Msg::Holder)}</dt><dd id="holder"><bdi>{name}</bdi></dd>
                                <dt>{t(Msg::Course)}</dt><dd>{course}</dd>
                                <dt>{t(Msg::IssuedOn)}</dt><dd>{show_date(&issued_on)}</dd>
                                <dt>{t(Msg::CertificateCode)}</dt><dd><code>{code.trim().to_ascii_uppercase()}</code></dd>
                            </dl>
                        </section>
                    }.into_any(),
                    Some(Ok(Verification::Revoked { revoked_on })) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_status(410);
                        view! { <p class="banner banner-error" id="verification" role="alert">{t(Msg::CertRevokedOn)} " " {show_date(&revoked_on)} "."</p> }.into_any()
                    }
                    Some(Ok(Verification::Unknown)) => {
                        #[cfg(feature = "ssr")]
                        crate::server::request::set_status(404);
                        view! { <p class="banner banner-error" id="verification" role="alert">{t(Msg::CertUnknown)}</p> }.into_any()
                    }
                    Some(Err(e)) => view! { <ErrorView error=e /> }.into_any(),
                }}
                <form method="get" action="/verify" class="row">
                    <label for="verify-code">{t(Msg::CertificateCode)}</label>
                    <input id="verify-code" name="code" maxlength="32" value=code.clone() autocapitalize="characters" />
                    <button type="submit">{t(Msg::VerifyTitle)}</button>
                </form>
            }
        })
    };
    view! { <Suspense fallback=|| ()>{data}</Suspense> }
}
