//! The plain routes of document-examination exercises: image uploads and editor changes for
//! authors, the answer form for trainees (which works without script: the marker island only
//! fills its fields), and the exercise images themselves.

use super::{Author, Form, Path, Require, Upload, after_post, back_with_notice};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::model::CurrentUser;
use crate::model::exercise::{
    ExerciseAnswer, ExerciseChange, ExerciseEdit, MRZ_FIELDS, Spot, VizField,
};
use crate::server::services::exercises::{self, images as exercise_images};
use crate::server::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Largest exercise image upload, with room for the form's other fields.
const IMAGE_UPLOAD_LIMIT: usize = content::images::MAX_BYTES + 64 * 1024;

/// The routes, merged into the application router.
pub fn routes() -> super::Routes {
    super::Routes::new()
        .upload(
            "/author/courses/{slug}/exercises",
            create,
            IMAGE_UPLOAD_LIMIT,
        )
        .post("/author/courses/{slug}/exercises/generate", generate)
        .upload(
            "/classes/{id}/exercises",
            create_for_class,
            IMAGE_UPLOAD_LIMIT,
        )
        .post("/classes/{id}/exercises/generate", generate_for_class)
        .post("/author/exercises/{id}/edit", edit)
        .upload(
            "/author/exercises/{id}/images",
            add_image,
            IMAGE_UPLOAD_LIMIT,
        )
        .post("/author/exercises/{id}/delete", delete)
        .post("/exercises/{id}/answer", answer)
        .get("/media/exercises/{hash}/{file}", image)
}

/// `POST /author/courses/{slug}/exercises`: kind, title and the document image.
async fn create(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Require(user, _): Require<Author>,
    upload: Upload,
) -> Response {
    let (_, image) = upload.file("file");
    let result = exercises::create(
        &state.db,
        &user,
        &slug,
        &upload.text("kind"),
        &upload.text("title"),
        image.to_vec(),
    )
    .await
    .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code()));
    after_post(&format!("/author/courses/{slug}"), result)
}

/// `POST /classes/{id}/exercises`: the same for class `id` alone (its trainers).
async fn create_for_class(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Author>,
    upload: Upload,
) -> Response {
    let (_, image) = upload.file("file");
    let result = exercises::create_for_class(
        &state.db,
        &user,
        id,
        &upload.text("kind"),
        &upload.text("title"),
        image.to_vec(),
    )
    .await
    .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code()));
    after_post(&format!("/classes/{id}/exercises"), result)
}

/// The seed typed in a generate form: empty draws a new one.
fn seed_from(form: &Form) -> Result<Option<u64>, AppError> {
    match form.get("seed").trim() {
        "" => Ok(None),
        s => s
            .parse::<u64>()
            .map(Some)
            .map_err(|_| AppError::field("seed", Msg::ErrSeed)),
    }
}

/// `POST /author/courses/{slug}/exercises/generate`: a draft exercise of the chosen kind
/// from a newly drawn specimen (seed optional: the same seed draws the same specimen).
async fn generate(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Require(user, _): Require<Author>,
    form: Form,
) -> Response {
    let result = match seed_from(&form) {
        Ok(seed) => exercises::generated::generate_for(
            &state.db,
            &user,
            &slug,
            form.get("kind").trim(),
            seed,
        )
        .await
        .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code())),
        Err(e) => Err(e),
    };
    after_post(&format!("/author/courses/{slug}"), result)
}

/// `POST /classes/{id}/exercises/generate`: the same for class `id` alone (its trainers).
async fn generate_for_class(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Author>,
    form: Form,
) -> Response {
    let result = match seed_from(&form) {
        Ok(seed) => exercises::generated::generate_for_class(
            &state.db,
            &user,
            id,
            form.get("kind").trim(),
            seed,
        )
        .await
        .map(|id| format!("/author/exercises/{id}?notice={}", Msg::Saved.code())),
        Err(e) => Err(e),
    };
    after_post(&format!("/classes/{id}/exercises"), result)
}

/// `POST /author/exercises/{id}/edit`: one change from the editor.
async fn edit(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Author>,
    form: Form,
) -> Response {
    let back = format!("/author/exercises/{id}");
    let result = match change_from(&form) {
        Ok(change) => exercises::edit(&state.db, &user, id, change).await,
        // Someone who may not edit it learns only that, not what was wrong with the form.
        Err(e) => exercises::check_editor(&state.db, &user, id)
            .await
            .and(Err(e)),
    };
    back_with_notice(&back, Msg::Saved, result)
}

/// Decodes one editor change: `op` names it, `version` is the version the editor showed, and
/// the other fields are the change's. A number that does not parse refuses the change here;
/// what the numbers and words mean is checked by the service.
fn change_from(form: &Form) -> Result<ExerciseChange, AppError> {
    let text = |name: &str| form.get(name).to_owned();
    let index = |name: &str| {
        form.get(name)
            .trim()
            .parse::<usize>()
            .map_err(|_| AppError::NotFound)
    };
    let version = form
        .get("version")
        .trim()
        .parse::<i32>()
        .map_err(|_| AppError::field("version", Msg::ErrExerciseConflict))?;
    let edit = match form.get("op") {
        "meta" => ExerciseEdit::Meta {
            title: text("title"),
            module: match form.get("module").trim() {
                "" => None,
                m => Some(
                    m.parse()
                        .map_err(|_| AppError::field("module", Msg::ErrInvalid))?,
                ),
            },
            penalty: match form.get("penalty").trim() {
                "" => None,
                p => Some(
                    p.parse()
                        .map_err(|_| AppError::field("penalty", Msg::ErrPenalty))?,
                ),
            },
            time_limit: match form.get("time_limit").trim() {
                "" => None,
                t => Some(
                    t.parse()
                        .map_err(|_| AppError::field("time_limit", Msg::ErrTimeLimit))?,
                ),
            },
            instructions: text("instructions"),
            explanation: text("explanation"),
        },
        "region" => ExerciseEdit::Region {
            id: Some(text("region")).filter(|r| !r.is_empty()),
            shape: text("shape"),
            coords: text("coords"),
            anomaly: form.get("anomaly") == "1",
            feature: text("feature"),
            label: text("label"),
            explanation: text("explanation"),
        },
        "region_delete" => ExerciseEdit::RegionDelete { id: text("region") },
        "view" => ExerciseEdit::View {
            index: index("view")?,
            question: text("question"),
            options: text("options"),
            correct: form.get("correct").trim().parse().ok(),
            feature: text("feature"),
            explanation: text("explanation"),
        },
        "view_delete" => ExerciseEdit::ViewDelete {
            index: index("view")?,
        },
        "verdict" => ExerciseEdit::Verdict {
            verdict: text("verdict"),
            forgery: text("forgery"),
            features: text("features"),
        },
        "mrz" => ExerciseEdit::Mrz {
            lines: text("mrz_lines"),
            viz: exercises::VIZ_FIELDS
                .iter()
                .map(|f| VizField {
                    field: (*f).to_owned(),
                    value: text(&format!("viz_{f}")),
                })
                .collect(),
        },
        "impostor" => ExerciseEdit::Impostor {
            same: match form.get("same") {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            reasons: text("reasons"),
        },
        "bearer_delete" => ExerciseEdit::BearerDelete {
            index: index("bearer")?,
        },
        "publish" => ExerciseEdit::Publish,
        "unpublish" => ExerciseEdit::Unpublish,
        _ => return Err(AppError::field("op", Msg::ErrInvalid)),
    };
    Ok(ExerciseChange { version, edit })
}

/// `POST /author/exercises/{id}/images`: a light view, reference, bearer photo or new image.
async fn add_image(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Author>,
    upload: Upload,
) -> Response {
    let back = format!("/author/exercises/{id}");
    let (_, image) = upload.file("file");
    let result =
        exercises::add_image(&state.db, &user, id, &upload.text("role"), image.to_vec()).await;
    back_with_notice(&back, Msg::ImageUploaded, result)
}

/// `POST /author/exercises/{id}/delete`.
async fn delete(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Require(user, _): Require<Author>,
    _: Form,
) -> Response {
    let result = exercises::delete(&state.db, &user, id)
        .await
        .map(|list| format!("{list}?notice=Deleted"));
    after_post(&format!("/author/exercises/{id}"), result)
}

/// Reads an answer from the exercise form (what the numbers and words mean is checked when
/// it is graded). Markers come as `x,y` pairs separated by `;`.
fn answer_from(form: &Form) -> Result<ExerciseAnswer, AppError> {
    let markers_text = form.get("markers");
    let pairs: Vec<&str> = markers_text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if pairs.len() > assessments::exercise::MAX_MARKERS {
        return Err(AppError::field("markers", Msg::ErrTooManyMarkers));
    }
    let markers = pairs
        .iter()
        .map(|p| {
            let (x, y) = p.split_once(',')?;
            let (x, y) = (x.trim().parse::<f64>().ok()?, y.trim().parse::<f64>().ok()?);
            (x.is_finite() && y.is_finite()).then_some(Spot { x, y })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or(AppError::field("markers", Msg::ErrMarkerOutside))?;
    let view_texts = (0..exercises::PARTS_MAX)
        .map(|i| {
            let text = form.get(&format!("view{i}")).trim();
            (!text.is_empty()).then(|| text.chars().take(500).collect())
        })
        .collect();
    let yes_no = |name: &str| match form.get(name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    Ok(ExerciseAnswer {
        markers,
        views: Vec::new(),
        view_texts,
        verdict: form.get("verdict").to_owned(),
        forgery: form.get("forgery").to_owned(),
        checked: form
            .all("check")
            .filter_map(|v| v.parse().ok())
            .take(exercises::PARTS_MAX)
            .collect(),
        consistent: yes_no("consistent"),
        wrong_fields: form
            .all("wrong")
            .filter(|v| MRZ_FIELDS.iter().any(|(c, _)| c == v))
            .map(str::to_owned)
            .collect(),
        same_person: yes_no("same"),
    })
}

/// `POST /exercises/{id}/answer`: grades the answer and shows its result.
async fn answer(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    user: CurrentUser,
    form: Form,
) -> Response {
    let result = match answer_from(&form) {
        Ok(a) => exercises::submit(&state.db, &user, id, a)
            .await
            .map(|attempt| format!("/exercise-attempts/{attempt}")),
        Err(e) => Err(e),
    };
    after_post(&format!("/exercises/{id}"), result)
}

/// `GET /media/exercises/{hash}/{full|display|thumb}.jpg`: an exercise image, to signed-in
/// people only (fraud-training material is not public); its name is the hash of the upload, so
/// it never changes and is cached for a year, privately.
async fn image(
    State(state): State<AppState>,
    Path((hash, file)): Path<(String, String)>,
    user: Option<CurrentUser>,
) -> Response {
    if user.is_none() {
        return (StatusCode::UNAUTHORIZED, "sign in to see exercise images").into_response();
    }
    let Some(size) = file
        .strip_suffix(".jpg")
        .and_then(exercise_images::Size::from_name)
    else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    match exercise_images::fetch(&state.db, &hash, size).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_owned()),
                (
                    header::CACHE_CONTROL,
                    "private, max-age=31536000, immutable".to_owned(),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            "not found",
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_markers_are_refused_as_they_are_read() {
        let many = Form(vec![("markers".to_string(), "1,1;".repeat(10_000))]);
        assert!(answer_from(&many).is_err());
        let some = Form(vec![
            ("markers".to_string(), "10,20; 30.5,40".to_string()),
            ("check".to_string(), "2".to_string()),
            ("check".to_string(), "5".to_string()),
            ("wrong".to_string(), "nationality".to_string()),
            ("wrong".to_string(), "not-a-field".to_string()),
            ("same".to_string(), "no".to_string()),
        ]);
        let a = answer_from(&some).unwrap();
        assert_eq!(a.markers.len(), 2);
        assert_eq!(a.checked, vec![2, 5]);
        assert_eq!(a.wrong_fields, vec!["nationality".to_string()]);
        assert_eq!(a.same_person, Some(false));
        let outside = Form(vec![("markers".to_string(), "10;NaN,1".to_string())]);
        assert!(answer_from(&outside).is_err());
    }
}
