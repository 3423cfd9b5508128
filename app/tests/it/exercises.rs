//! Exercise images: stored once under the hash of the upload, served only to signed-in
//! people, and every bad upload refused with nothing written.

use crate::helpers::{Client, TestApp, count, location};
use app::model::Role;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

mod drills;
mod for_a_class;
mod grading;
mod shipped;
mod stored;

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
    use app::server::services::exercises::images::{Size, fetch, store};
    let stored = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!((stored.width, stored.height), (1800, 1200));
    let again = store(&app.db, 1, png(1800, 1200)).await.unwrap();
    assert_eq!(again.hash, stored.hash);
    assert_eq!(count(&app.db, "exercise_images").await, 1, "stored once");
    // The same new image stored twice at the same moment (two authors, two tabs): both
    // succeed, with one row.
    let same = png(640, 480);
    let all = futures::future::join_all((0..8).map(|_| store(&app.db, 1, same.clone()))).await;
    for stored in all {
        assert_eq!(stored.expect("stored").width, 640);
    }
    assert_eq!(count(&app.db, "exercise_images").await, 2, "one more row");
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

/// Uploads that must be refused, with the message each gets.
fn bad_files() -> Vec<(Vec<u8>, &'static str)> {
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
    vec![
        (jpeg[..jpeg.len() / 2].to_vec(), "ErrImageDamaged"),
        (huge, "ErrImagePixels"),
        (b"just text, named scan.png".to_vec(), "ErrImageFormat"),
        (
            br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
            "ErrImageSvg",
        ),
        (Vec::new(), "ErrImageEmpty"),
    ]
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_reason_and_nothing_stored() {
    let app = TestApp::spawn().await;
    use app::server::services::exercises::images::store;
    for (bytes, code) in bad_files() {
        let e = store(&app.db, 1, bytes).await.unwrap_err();
        assert_eq!(e.message().code(), code);
    }
    assert_eq!(count(&app.db, "exercise_images").await, 0);
}

const COURSE: &str = "document-examination";

/// Posts a new exercise of `kind` with image `bytes` (named `name`) to course `slug`.
async fn create_exercise(
    c: &Client,
    app: &TestApp,
    slug: &str,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("kind", kind.to_owned())
        .text("title", format!("Exercise: {kind}"))
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
    c.http
        .post(app.url(&format!("/author/courses/{slug}/exercises")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Uploads an image with `role` to exercise `id`.
async fn add_image(
    c: &Client,
    app: &TestApp,
    id: i64,
    role: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let token = c.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .text("role", role.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("view.png"),
        );
    c.http
        .post(app.url(&format!("/author/exercises/{id}/images")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// The exercise id a successful creation redirects to.
fn created_id(res: &reqwest::Response) -> i64 {
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let loc = location(res);
    loc.trim_start_matches("/author/exercises/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("created exercise: {loc}"))
}

/// The version the editor page of exercise `id` sends with its changes.
async fn editor_version(c: &Client, id: i64) -> String {
    let page = c
        .page(&format!("/author/exercises/{id}"), StatusCode::OK)
        .await;
    let marker = r#"name="version" value=""#;
    let at = page.find(marker).expect("the editor sends its version") + marker.len();
    page[at..].split('"').next().unwrap().to_owned()
}

/// Makes one change in the editor, on the version it shows.
async fn edit(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let path = format!("/author/exercises/{id}");
    let version = editor_version(c, id).await;
    let mut fields = fields.to_vec();
    fields.push(("version", &version));
    let res = c.post_form(&format!("{path}/edit"), &path, &fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}

async fn spec_of(app: &TestApp, id: i64) -> String {
    app::server::entities::exercise::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .spec
}

async fn answer(c: &Client, id: i64, fields: &[(&str, &str)]) -> String {
    let path = format!("/exercises/{id}");
    let res = c.post_form(&format!("{path}/answer"), &path, fields).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{fields:?}");
    location(&res)
}
