//! Online backups: taken while people keep writing, whole, and restorable.

use crate::helpers::{TestApp, count};
use sea_orm::{ConnectionTrait, DbBackend};

#[tokio::test]
async fn an_online_backup_taken_during_writes_is_a_whole_database() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    // Writers carry on while the backup runs.
    let db = app.db.clone();
    let writer = tokio::spawn(async move {
        for i in 0..100 {
            app::server::services::people::agencies::create(
                &db,
                &app::model::AgencyInput {
                    name: format!("Backup test agency {i}"),
                    country: "UTO".into(),
                    kind: "other".into(),
                },
            )
            .await
            .unwrap();
            tokio::task::yield_now().await;
        }
    });
    let before = count(&app.db, "people").await;
    let url = if app.db.get_database_backend() == DbBackend::Sqlite {
        String::new()
    } else {
        std::env::var("CHECKPOINT_TEST_POSTGRES").unwrap_or_default()
    };
    let result = app::server::services::backup::backup(&app.db, &url, &target).await;
    writer.await.unwrap();
    if app.db.get_database_backend() != DbBackend::Sqlite {
        match result {
            // A pg_dump archive (its magic number), when the client tools are installed.
            Ok(_) => assert!(std::fs::read(&target).unwrap().starts_with(b"PGDMP")),
            Err(e) => assert!(e.to_string().contains("pg_dump"), "{e}"),
        }
        return;
    }
    let bytes = result.unwrap();
    assert!(bytes > 0);
    app::server::services::backup::verify_sqlite(&target)
        .await
        .unwrap();
    // Restored: the copy opens as a Checkpoint database with everything committed before it.
    let restored = app::server::db::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    app::server::db::migrate(&restored).await.unwrap();
    assert_eq!(count(&restored, "people").await, before);
    assert!(
        count(&restored, "tna_responses").await >= 20,
        "the demo campaign"
    );
    // Never overwrites.
    let again = app::server::services::backup::backup(&app.db, "", &target).await;
    assert!(again.unwrap_err().to_string().contains("already exists"));
    let nowhere = dir.path().join("missing").join("b.db");
    let e = app::server::services::backup::backup(&app.db, "", &nowhere).await;
    assert!(e.unwrap_err().to_string().contains("does not exist"));
}
