//! Exercise images: stored once under the hash of the upload, served only to signed-in
//! people, and every bad upload refused with nothing written.

use crate::helpers::{TestApp, count};
use app::model::Role;
use reqwest::StatusCode;

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

#[tokio::test]
async fn exercise_images_are_stored_once_and_served_only_to_signed_in_people() {
    let app = TestApp::spawn().await;
    use app::server::services::exercise_images::{Size, fetch, store};
    let stored = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!((stored.width, stored.height), (1800, 1200));
    let again = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!(again.hash, stored.hash);
    assert_eq!(count(&app.db, "exercise_images").await, 1, "stored once");
    assert!(
        fetch(&app.db, &stored.hash, Size::Thumb)
            .await
            .unwrap()
            .starts_with(&[0xFF, 0xD8])
    );

    let path = format!("/media/exercises/{}/display.jpg", stored.hash);
    // Nobody signed in: refused.
    assert_eq!(
        app.client().get(&path).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let trainee = app.login_as(Role::Trainee).await;
    let res = trainee.get(&path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        res.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("private")
    );
    let bytes = res.bytes().await.unwrap();
    let display = image::load_from_memory(&bytes).unwrap();
    assert_eq!((display.width(), display.height()), (1600, 1067));
    // Unknown or malformed names.
    for bad in [
        format!("/media/exercises/{}/original.jpg", stored.hash),
        "/media/exercises/0000/full.jpg".to_owned(),
        format!("/media/exercises/{}/full.jpg", "a".repeat(64)),
        format!("/media/exercises/{}/full.jpg", stored.hash.to_uppercase()),
    ] {
        assert_eq!(
            trainee.get(&bad).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_nothing_stored() {
    let app = TestApp::spawn().await;
    use app::server::services::exercise_images::store;
    let jpeg = {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&image::RgbImage::from_pixel(
                400,
                300,
                image::Rgb([10, 120, 200]),
            ))
            .unwrap();
        out
    };
    let mut huge = png(1, 1);
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = {
        let mut crc = 0xFFFF_FFFFu32;
        for b in &huge[12..29] {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    };
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    for (bytes, code) in [
        (jpeg[..jpeg.len() / 2].to_vec(), "ErrImageDamaged"),
        (huge, "ErrImagePixels"),
        (b"just text, named scan.png".to_vec(), "ErrImageFormat"),
        (
            br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
            "ErrImageSvg",
        ),
        (Vec::new(), "ErrImageEmpty"),
    ] {
        let e = store(&app.db, 1, bytes).await.unwrap_err();
        assert_eq!(e.message().code(), code);
    }
    assert_eq!(count(&app.db, "exercise_images").await, 0);
}
