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

/// Processes and keeps an upload (once: the same bytes again find the stored image). A
/// refused upload writes nothing and says why.
pub async fn store(db: &DatabaseConnection, user: i64, bytes: Vec<u8>) -> AppResult<StoredImage> {
    let processed = tokio::task::spawn_blocking(move || content::images::process(&bytes))
        .await
        .map_err(|e| super::super::errors::internal("image processing", e))?
        .map_err(|p| AppError::field("file", problem_message(&p)))?;
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
