//! Online backups: taken while people keep writing, whole, and restorable.

use crate::helpers::{TestApp, count};
use app::server::entities::agency;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder};

#[tokio::test]
async fn an_online_backup_taken_during_writes_is_a_whole_database() {
    let app = TestApp::spawn().await;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    // A writer keeps adding agencies, numbered in order, before, during and after the backup.
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let db = app.db.clone();
    let (w, halt) = (written.clone(), stop.clone());
    let writer = tokio::spawn(async move {
        let mut i = 0;
        // Stops only once the backup is over and one more row has been written after it.
        loop {
            let done = halt.load(std::sync::atomic::Ordering::SeqCst);
            app::server::services::people::agencies::create(
                &db,
                &app::model::AgencyInput {
                    name: format!("Backup test agency {i:04}"),
                    country: "UTO".into(),
                    kind: "other".into(),
                },
            )
            .await
            .unwrap();
            i += 1;
            w.store(i, std::sync::atomic::Ordering::SeqCst);
            if done {
                break;
            }
            tokio::task::yield_now().await;
        }
    });
    while written.load(std::sync::atomic::Ordering::SeqCst) < 5 {
        tokio::task::yield_now().await;
    }
    let committed_before = written.load(std::sync::atomic::Ordering::SeqCst);
    let url = if app.db.get_database_backend() == DbBackend::Sqlite {
        String::new()
    } else {
        std::env::var("CHECKPOINT_TEST_POSTGRES").unwrap_or_default()
    };
    let result = app::server::services::backup::backup(&app.db, &url, &target).await;
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.await.unwrap();
    let committed_after = written.load(std::sync::atomic::Ordering::SeqCst);
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
    // One moment of the database: every agency committed before the backup started, none
    // written after it ended, and no gap (the writer's rows are a whole prefix).
    let names: Vec<String> = agency::Entity::find()
        .filter(agency::Column::Name.starts_with("Backup test agency "))
        .order_by_asc(agency::Column::Name)
        .all(&restored)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(
        names.len() >= committed_before && names.len() < committed_after,
        "{} in the backup; {committed_before} committed before it, {committed_after} by the end",
        names.len()
    );
    let expected: Vec<String> = (0..names.len())
        .map(|i| format!("Backup test agency {i:04}"))
        .collect();
    assert_eq!(names, expected, "a whole prefix of the writes");
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
