//! Exercise images: uploads processed off the async runtime (`content::images`) and kept at
//! three sizes under the hash of the upload, which is also the only way to ask for them.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::server::entities::exercise_image;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QuerySelect, Set};

/// An image as stored: its name and full size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// SHA-256 of the upload, hex.
    pub hash: String,
    /// Width at full size.
    pub width: u32,
    /// Height at full size.
    pub height: u32,
}

/// The sizes an image is served at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// For zooming.
    Full,
    /// For the page.
    Display,
    /// For lists.
    Thumb,
}

impl Size {
    /// From a file name's stem (`full`, `display`, `thumb`).
    pub fn from_name(name: &str) -> Option<Size> {
        Some(match name {
            "full" => Size::Full,
            "display" => Size::Display,
            "thumb" => Size::Thumb,
            _ => return None,
        })
    }
}

/// The message for a refused upload.
pub fn problem_message(p: &content::images::ImageProblem) -> Msg {
    use content::images::ImageProblem as P;
    match p {
        P::Empty => Msg::ErrImageEmpty,
        P::TooLarge => Msg::ErrExerciseImageTooLarge,
        P::Svg => Msg::ErrImageSvg,
        P::NotAnImage => Msg::ErrImageFormat,
        P::TooManyPixels(..) => Msg::ErrImagePixels,
        P::Damaged => Msg::ErrImageDamaged,
    }
}

/// Pixels being decoded at once, across every upload the server handles: each decode holds
/// its image's pixel count for as long as it runs, so four large uploads at once wait their
/// turn instead of taking gigabytes together.
const DECODING_BUDGET: u32 = content::images::MAX_PIXELS as u32;
static DECODING: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(DECODING_BUDGET as usize);

/// Runs `work` on `bytes` (an image upload) on a blocking thread once the global pixel budget
/// allows its declared size. The checks that need no decoding come first.
pub async fn decode_within_budget<T: Send + 'static>(
    bytes: Vec<u8>,
    work: impl FnOnce(&[u8]) -> Result<T, content::images::ImageProblem> + Send + 'static,
) -> AppResult<T> {
    let (w, h) = content::images::dimensions(&bytes)
        .map_err(|p| AppError::field("file", problem_message(&p)))?;
    let pixels = (u64::from(w) * u64::from(h)).clamp(1, u64::from(DECODING_BUDGET)) as u32;
    let _permit = DECODING
        .acquire_many(pixels)
        .await
        .map_err(|e| super::super::errors::internal("image budget", e))?;
    tokio::task::spawn_blocking(move || work(&bytes))
        .await
        .map_err(|e| super::super::errors::internal("image processing", e))?
        .map_err(|p| AppError::field("file", problem_message(&p)))
}

/// Processes and keeps an upload (once: the same bytes again find the stored image). A
/// refused upload writes nothing and says why.
pub async fn store(db: &DatabaseConnection, user: i64, bytes: Vec<u8>) -> AppResult<StoredImage> {
    let processed = decode_within_budget(bytes, content::images::process).await?;
    let stored = StoredImage {
        hash: processed.hash.clone(),
        width: processed.width,
        height: processed.height,
    };
    let exists = exercise_image::Entity::find_by_id(processed.hash.clone())
        .select_only()
        .column(exercise_image::Column::Hash)
        .into_tuple::<String>()
        .one(db)
        .await?
        .is_some();
    if !exists {
        exercise_image::ActiveModel {
            hash: Set(processed.hash),
            width: Set(processed.width as i32),
            height: Set(processed.height as i32),
            full: Set(processed.full),
            display: Set(processed.display),
            thumb: Set(processed.thumb),
            uploaded_by: Set(Some(user)),
            created_at: Set(super::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(stored)
}

/// The JPEG of image `hash` at `size`.
pub async fn fetch(db: &DatabaseConnection, hash: &str, size: Size) -> AppResult<Vec<u8>> {
    if hash.len() != 64
        || !hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        return Err(AppError::NotFound);
    }
    let column = match size {
        Size::Full => exercise_image::Column::Full,
        Size::Display => exercise_image::Column::Display,
        Size::Thumb => exercise_image::Column::Thumb,
    };
    exercise_image::Entity::find_by_id(hash.to_owned())
        .select_only()
        .column(column)
        .into_tuple::<Vec<u8>>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
