//! Exercise images: uploads processed off the async runtime (`content::images`) and kept at
//! three sizes under the hash of the upload, which is also the only way to ask for them.

use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::server::entities::exercise_image;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set};

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
    /// For an author's lists and previews.
    Thumb,
    /// For a trainee's lists (a course page).
    Icon,
}

impl Size {
    /// From a file name's stem (`full`, `display`, `thumb`, `icon`).
    pub fn from_name(name: &str) -> Option<Size> {
        Some(match name {
            "full" => Size::Full,
            "display" => Size::Display,
            "thumb" => Size::Thumb,
            "icon" => Size::Icon,
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
/// allows its declared size. The checks that need no decoding come first. The outer error is
/// the server's; the inner one says why the image cannot be used.
pub async fn within_budget<T: Send + 'static>(
    bytes: Vec<u8>,
    work: impl FnOnce(&[u8]) -> Result<T, content::images::ImageProblem> + Send + 'static,
) -> AppResult<Result<T, content::images::ImageProblem>> {
    let (w, h) = match content::images::dimensions(&bytes) {
        Ok(d) => d,
        Err(p) => return Ok(Err(p)),
    };
    let pixels = (u64::from(w) * u64::from(h)).clamp(1, u64::from(DECODING_BUDGET)) as u32;
    let _permit = DECODING
        .acquire_many(pixels)
        .await
        .map_err(|e| crate::server::errors::internal("image budget", e))?;
    tokio::task::spawn_blocking(move || work(&bytes))
        .await
        .map_err(|e| crate::server::errors::internal("image processing", e))
}

/// [`within_budget`] for an upload form: a refused image is an error on its `file` field.
pub async fn decode_within_budget<T: Send + 'static>(
    bytes: Vec<u8>,
    work: impl FnOnce(&[u8]) -> Result<T, content::images::ImageProblem> + Send + 'static,
) -> AppResult<T> {
    within_budget(bytes, work)
        .await?
        .map_err(|p| AppError::field("file", problem_message(&p)))
}

/// Processes and keeps an upload (once: the same bytes again find the stored image). A
/// refused upload writes nothing and says why.
pub async fn store(db: &DatabaseConnection, user: i64, bytes: Vec<u8>) -> AppResult<StoredImage> {
    let processed = decode_within_budget(bytes, content::images::process).await?;
    keep(db, Some(user), processed).await
}

/// Keeps a processed image (once: an image already stored is left as it is).
pub async fn keep(
    db: &impl sea_orm::ConnectionTrait,
    user: Option<i64>,
    processed: content::images::Processed,
) -> AppResult<StoredImage> {
    let stored = StoredImage {
        hash: processed.hash.clone(),
        width: processed.width,
        height: processed.height,
    };
    // One statement decides: an image already stored (uploaded before, or by another request
    // this very moment) is left as it is, never a unique-key error.
    let image = exercise_image::ActiveModel {
        hash: Set(processed.hash),
        width: Set(processed.width as i32),
        height: Set(processed.height as i32),
        full: Set(processed.full),
        display: Set(processed.display),
        thumb: Set(processed.thumb),
        icon: Set(Some(processed.icon)),
        uploaded_by: Set(user),
        created_at: Set(crate::server::services::now()),
    };
    exercise_image::Entity::insert(image)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(exercise_image::Column::Hash)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(stored)
}

/// The address of image `hash` at display size, as pages and Markdown link it.
pub fn display_url(hash: &str) -> String {
    format!("/media/exercises/{hash}/display.jpg")
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
        Size::Icon => return icon(db, hash).await,
    };
    exercise_image::Entity::find_by_id(hash.to_owned())
        .select_only()
        .column(column)
        .into_tuple::<Vec<u8>>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The icon of image `hash`, made from its thumbnail and kept the first time it is asked for
/// when the image was stored before icons existed.
async fn icon(db: &DatabaseConnection, hash: &str) -> AppResult<Vec<u8>> {
    let (icon, thumb): (Option<Vec<u8>>, Vec<u8>) = exercise_image::Entity::find_by_id(hash)
        .select_only()
        .column(exercise_image::Column::Icon)
        .column(exercise_image::Column::Thumb)
        .into_tuple()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(icon) = icon {
        return Ok(icon);
    }
    let icon = tokio::task::spawn_blocking(move || content::images::icon_from_thumb(&thumb))
        .await
        .map_err(|e| crate::server::errors::internal("icon task", e))?
        .map_err(|e| crate::server::errors::internal("stored thumbnail", e))?;
    exercise_image::Entity::update_many()
        .col_expr(exercise_image::Column::Icon, icon.clone().into())
        .filter(exercise_image::Column::Hash.eq(hash))
        .exec(db)
        .await?;
    Ok(icon)
}

#[cfg(test)]
mod tests {
    use super::decode_within_budget;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    /// A PNG that declares `w × h` pixels: a real 1 × 1 image under a header claiming more,
    /// enough to be measured, which is all the budget looks at before the work runs.
    fn png_declaring(w: u32, h: u32) -> Vec<u8> {
        let mut png = Vec::new();
        image::GrayImage::new(1, 1)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let mut ihdr = b"IHDR".to_vec();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey, no interlace
        let mut crc = flate2::Crc::new();
        crc.update(&ihdr);
        // Length (8..12) stays 13; type, data and CRC (12..33) are replaced.
        png.splice(12..33, ihdr.into_iter().chain(crc.sum().to_be_bytes()));
        png
    }

    /// Four 6000 × 6000 uploads at once (36 Mpx each, 144 Mpx together, about 2 GB decoded):
    /// the budget of 40 Mpx lets one decode at a time, and every upload still gets its turn.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_decodes_stay_within_the_global_pixel_budget() {
        static IN_FLIGHT: AtomicU64 = AtomicU64::new(0);
        static PEAK: AtomicU64 = AtomicU64::new(0);
        const PIXELS: u64 = 6000 * 6000;
        let uploads: Vec<_> = (0..4)
            .map(|_| {
                tokio::spawn(decode_within_budget(png_declaring(6000, 6000), |_| {
                    let now = IN_FLIGHT.fetch_add(PIXELS, Ordering::SeqCst) + PIXELS;
                    PEAK.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                    IN_FLIGHT.fetch_sub(PIXELS, Ordering::SeqCst);
                    Ok(())
                }))
            })
            .collect();
        for upload in uploads {
            upload.await.unwrap().unwrap();
        }
        assert_eq!(
            PEAK.load(Ordering::SeqCst),
            PIXELS,
            "one 36 Mpx decode at a time"
        );
        // A declared size the format cannot hold never takes the budget at all.
        assert!(
            decode_within_budget(png_declaring(100_000, 100_000), |_| Ok(()))
                .await
                .is_err()
        );
    }
}
