//! Grading an answer against the key is pure and lives in `assessments::examination`; this
//! maps its refusals to the answer form's fields.

use super::*;
use assessments::examination::GradeError;

/// Grades `answer` to an exercise of `kind` with key `spec` on an image of `width` × `height`
/// ([`assessments::examination::grade`]), a refusal pointing at the field to correct.
pub fn grade(
    kind: ExerciseKind,
    spec: &ExerciseSpec,
    width: i32,
    height: i32,
    answer: &ExerciseAnswer,
) -> AppResult<(ExerciseOutcome, Vec<assessments::examination::Finding>)> {
    assessments::examination::grade(kind, spec, width, height, answer).map_err(|e| match e {
        GradeError::NoKey => AppError::NotFound,
        GradeError::TooManyMarkers => AppError::field("markers", Msg::ErrTooManyMarkers),
        GradeError::MarkerOutside => AppError::field("markers", Msg::ErrMarkerOutside),
        GradeError::NoSuchOption { view } => {
            AppError::field(&format!("view{view}"), Msg::ErrInvalid)
        }
        GradeError::NoVerdict => AppError::field("verdict", Msg::ErrChooseVerdict),
        GradeError::NoConsistency => AppError::field("consistent", Msg::ErrChooseConsistent),
        GradeError::NoSamePerson => AppError::field("same", Msg::ErrChooseSame),
    })
}
