//! The plain routes of the border desk: a trainer's new scenario, a trainee starting a shift and
//! deciding each traveller (forms that work without script), and a traveller's images.

use super::{Author, Form, Path, Require, Upload, after_post, render_with};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::server::services::desk::{images, scenarios, shifts};
use crate::server::state::AppState;
use assessments::desk::shift::CaseKind;
use assessments::desk::stay::Rule;
use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .upload("/author/courses/{slug}/desk", create, super::UPLOAD_LIMIT)
        .post("/desk/scenarios/{id}/start", start)
        .post("/desk/shifts/{id}/decide", decide)
        .get("/desk/shifts/{id}/images/{traveller}/{file}", image)
}

/// `POST /author/courses/{slug}/desk`: a new shift scenario, with the trainer's own watch list
/// as an optional CSV file (`watch_csv`). A list with any bad row imports nothing: the editor
/// comes back listing every bad row and why, and no scenario is stored.
async fn create(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Require(user, _): Require<Author>,
    parts: Parts,
    upload: Upload,
) -> Response {
    let back = format!("/author/courses/{slug}");
    let (_, csv) = upload.file("watch_csv");
    let own_list = if csv.is_empty() {
        Vec::new()
    } else {
        let text = String::from_utf8_lossy(&csv);
        match content::desk::alerts::read_watch_csv(text.trim_start_matches('\u{feff}')) {
            Ok(entries) => entries,
            Err(rows) => {
                if let Err(e) = crate::server::services::learn::authoring::editable_course(
                    &state.db, &user, &slug,
                )
                .await
                {
                    return e.into_response();
                }
                let report = crate::model::desk::DeskListReport {
                    rows: rows
                        .into_iter()
                        .map(|r| (r.line, r.column, r.message))
                        .collect(),
                };
                return render_with(
                    &state,
                    parts,
                    Some(&back),
                    report,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    };
    let form = Form(
        upload
            .0
            .iter()
            .filter(|(name, _)| *name != "watch_csv")
            .map(|(name, (_, bytes))| (name.clone(), String::from_utf8_lossy(bytes).into_owned()))
            .collect(),
    );
    let result = match scenario_from(&form) {
        Ok(input) => {
            let input = scenarios::ScenarioInput { own_list, ..input };
            scenarios::create(&state.db, &user, &slug, input).await
        }
        // Someone who may not edit the course learns only that.
        Err(e) => {
            crate::server::services::learn::authoring::editable_course(&state.db, &user, &slug)
                .await
                .and(Err(e))
        }
    };
    // The course editor holds other forms with fields of the same names (a module's title, an
    // exercise's seed): this form's errors are named apart.
    let result = result.map_err(|e| match e {
        AppError::Validation(errors) => AppError::Validation(
            errors
                .into_iter()
                .map(|mut f| {
                    f.field = format!("desk_{}", f.field);
                    f
                })
                .collect(),
        ),
        other => other,
    });
    after_post(
        &back,
        result.map(|_| {
            crate::server::request::with_feedback(&back, "notice", Msg::Saved.code(), None)
                + "#desk"
        }),
    )
}

/// Decodes the scenario form; what the numbers mean is checked by the service.
fn scenario_from(form: &Form) -> Result<scenarios::ScenarioInput, AppError> {
    fn number<T: std::str::FromStr>(
        form: &Form,
        name: &'static str,
        msg: Msg,
    ) -> Result<T, AppError> {
        form.get(name)
            .trim()
            .parse()
            .map_err(|_| AppError::field(name, msg))
    }
    /// A day count of the stay rule; empty: the usual rule's.
    fn or_default(form: &Form, name: &'static str, usual: u32) -> Result<u32, AppError> {
        match form.get(name).trim() {
            "" => Ok(usual),
            n => n
                .parse()
                .map_err(|_| AppError::field(name, Msg::ErrDeskRule)),
        }
    }
    let mut rates = Vec::new();
    let mut fixed = Vec::new();
    for kind in CaseKind::ALL
        .into_iter()
        .filter(|k| *k != CaseKind::Genuine)
    {
        let code = crate::model::desk::code_of(&kind);
        let rate = form.get(&format!("rate_{code}")).trim();
        if !rate.is_empty() {
            let r: f64 = rate
                .parse()
                .map_err(|_| AppError::field("travellers", Msg::ErrDeskSpec))?;
            if r > 0.0 {
                rates.push((kind, r));
            }
        }
        let n = form.get(&format!("fixed_{code}")).trim();
        if !n.is_empty() {
            let n: u32 = n
                .parse()
                .map_err(|_| AppError::field("travellers", Msg::ErrDeskSpec))?;
            if n > 0 {
                fixed.push((kind, n));
            }
        }
    }
    let today = time::Date::parse(
        form.get("today").trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| AppError::field("today", Msg::ErrDate))?;
    Ok(scenarios::ScenarioInput {
        title: form.get("title").to_string(),
        travellers: number(form, "travellers", Msg::ErrDeskSpec)?,
        seed: number(form, "seed", Msg::ErrSeed)?,
        rates,
        fixed,
        rule: Rule {
            max_days: or_default(form, "stay_max_days", Rule::NINETY_IN_ONE_EIGHTY.max_days)?,
            window_days: or_default(
                form,
                "stay_window_days",
                Rule::NINETY_IN_ONE_EIGHTY.window_days,
            )?,
        },
        time_limit_minutes: number(form, "time_limit_minutes", Msg::ErrDeskTimeLimit)?,
        list_size: number(form, "list_size", Msg::ErrDeskSpec)?,
        today,
        class_id: match form.get("class").trim() {
            "" => None,
            k => Some(
                k.parse()
                    .map_err(|_| AppError::field("class", Msg::ErrUnknownFilter))?,
            ),
        },
        own_list: Vec::new(),
        exit_share: match form.get("exit_percent").trim() {
            "" => 0.0,
            p => match p.parse::<u32>() {
                Ok(p) if p <= 100 => f64::from(p) / 100.0,
                _ => return Err(AppError::field("exit_percent", Msg::ErrDeskExitShare)),
            },
        },
    })
}

/// `POST /desk/scenarios/{id}/start`: a new shift, or the one still open.
async fn start(State(state): State<AppState>, Path(id): Path<i64>, user: CurrentUser) -> Response {
    let result = shifts::start(&state.db, &user, id)
        .await
        .map(|shift| format!("/desk/shifts/{shift}"));
    after_post("/courses", result)
}

/// `POST /desk/shifts/{id}/decide`: the decision for the traveller at the desk. Each candidate
/// the query returned comes as `hit:<entry id>` = `confirm`, `dismiss` or empty, and a
/// dismissal's reason as `why:<entry id>`.
async fn decide(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    form: Form,
) -> Response {
    let queried = form.get("queried") == "1";
    let back = if queried {
        format!("/desk/shifts/{id}?query=1")
    } else {
        format!("/desk/shifts/{id}")
    };
    // Someone else's shift, or none, is refused before anything in the form is read.
    if let Err(e) = shifts::own_shift(&state.db, &user, id).await {
        return e.into_response();
    }
    let Ok(traveller) = form.get("traveller").trim().parse::<u32>() else {
        return AppError::BadRequest("traveller".into()).into_response();
    };
    let (mut confirmed, mut dismissed) = (Vec::new(), Vec::new());
    for (name, value) in &form.0 {
        if let Some(entry) = name.strip_prefix("hit:") {
            match value.as_str() {
                "confirm" => confirmed.push(entry.to_string()),
                "dismiss" => dismissed.push(entry.to_string()),
                _ => {}
            }
        }
    }
    // A reason is read for the candidates dismissed only (the form sends one per candidate).
    let reasons = form
        .0
        .iter()
        .filter_map(|(name, value)| {
            let entry = name.strip_prefix("why:")?;
            (dismissed.iter().any(|d| d == entry) && !value.is_empty())
                .then(|| (entry.to_string(), value.clone()))
        })
        .collect();
    let input = shifts::DecisionInput {
        traveller,
        queried,
        confirmed,
        dismissed,
        reasons,
        decision: form.get("decision").to_string(),
        ground: Some(form.get("ground").to_string()).filter(|g| !g.is_empty()),
        note: form.get("note").to_string(),
    };
    let result = shifts::decide(&state.db, &user, id, input)
        .await
        .map(|over| {
            if over {
                format!("/desk/shifts/{id}/results")
            } else {
                crate::server::request::with_feedback(
                    &format!("/desk/shifts/{id}"),
                    "notice",
                    Msg::DeskDecided.code(),
                    None,
                )
            }
        });
    after_post(&back, result)
}

/// `GET /desk/shifts/{id}/images/{traveller}/{light}.jpg`: the document under `visible`, `uv`
/// or `ir` light, or the `bearer`'s photo.
async fn image(
    State(state): State<AppState>,
    Path((id, traveller, file)): Path<(i64, u32, String)>,
    user: CurrentUser,
) -> Response {
    let Some(light) = file.strip_suffix(".jpg") else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    if !matches!(light, "visible" | "uv" | "ir" | "bearer") {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    match images::of_traveller(&state.db, &user, id, traveller).await {
        Ok(drawn) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_owned()),
                (header::CACHE_CONTROL, "private, max-age=86400".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
            ],
            drawn.get(light).unwrap_or_default().to_vec(),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
