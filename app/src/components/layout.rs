//! The page frame: header with navigation for the person's roles, language switch, main area.

use crate::app::use_page;
use crate::components::forms::PostForm;
use crate::i18n::{Lang, Msg, t, use_lang};
use crate::model::Role;
use leptos::prelude::*;

/// Frames every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let page = use_page();
    let user = page.user.clone();
    let is_admin = user.as_ref().is_some_and(|u| u.has(Role::Admin));
    let is_author = user
        .as_ref()
        .is_some_and(|u| u.has(Role::Trainer) || u.has(Role::Admin));
    let is_assessor = user
        .as_ref()
        .is_some_and(|u| u.has(Role::Assessor) || u.has(Role::Admin));
    let sees_progress = user.as_ref().is_some_and(|u| {
        [Role::Trainer, Role::Admin, Role::FocalPoint, Role::Manager]
            .into_iter()
            .any(|r| u.has(r))
    });
    let is_analyst = user
        .as_ref()
        .is_some_and(|u| u.has(Role::Analyst) || u.has(Role::Admin));
    let current = use_lang();
    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                {t(Msg::AppName)}
            </a>
            // On a phone the navigation folds behind this button (an HTML popover: no script);
            // a browser without popovers shows the navigation as on a wide screen.
            <button type="button" class="menu-button" id="menu-button" popovertarget="site-nav" aria-controls="site-nav">
                <span aria-hidden="true">"☰ "</span>{t(Msg::NavMenu)}
            </button>
            <nav class="site-nav" id="site-nav" popover="auto" aria-label=t(Msg::NavMenu)>
                    <ul class="nav-list">
                        {user.as_ref().map(|_| view! {
                            <li><a href="/">{t(Msg::NavHome)}</a></li>
                            <li><a href="/courses">{t(Msg::NavCourses)}</a></li>
                        })}
                        {is_author.then(|| view! {
                            <li><a href="/classes">{t(Msg::NavClasses)}</a></li>
                            <li><a href="/author">{t(Msg::NavAuthoring)}</a></li>
                        })}
                        {sees_progress.then(|| view! {
                            <li><a href="/progress">{t(Msg::NavProgress)}</a></li>
                        })}
                        {is_assessor.then(|| view! {
                            <li><a href="/assessments">{t(Msg::NavAssessments)}</a></li>
                        })}
                        {is_analyst.then(|| view! {
                            <li><a href="/tna">{t(Msg::NavTna)}</a></li>
                        })}
                        {user.as_ref().map(|_| view! { <li><a href="/surveys">{t(Msg::NavSurveys)}</a></li> })}
                        {is_admin.then(|| view! {
                            <li><a href="/admin/agencies">{t(Msg::NavAgencies)}</a></li>
                            <li><a href="/admin/people">{t(Msg::NavPeople)}</a></li>
                            <li><a href="/admin/countries">{t(Msg::NavCountries)}</a></li>
                        })}
                        {user.as_ref().map(|_| view! { <li><a href="/account">{t(Msg::NavAccount)}</a></li> })}
                    </ul>
                    <div class="nav-tools">
                        <PostForm action="/api/language" class="lang-switch">
                            {Lang::ALL
                                .into_iter()
                                .filter(|l| *l != current)
                                .map(|l| view! {
                                    <button type="submit" name="lang" value=l.code() lang=l.code() class="link-button">
                                        {l.native_name()}
                                    </button>
                                })
                                .collect_view()}
                        </PostForm>
                        {match user {
                            Some(u) => view! {
                                <span class="whoami">
                                    <span class="visually-hidden">{t(Msg::SignedInAs)} " "</span>
                                    <bdi>{u.display_name}</bdi>
                                </span>
                                <PostForm action="/api/logout" class="inline">
                                    <button type="submit" class="link-button" id="sign-out">{t(Msg::SignOut)}</button>
                                </PostForm>
                            }.into_any(),
                            None => view! { <a href="/login">{t(Msg::SignIn)}</a> }.into_any(),
                        }}
                    </div>
            </nav>
        </header>
        <main id="main" class="page" tabindex="-1">{children()}</main>
    }
}
