//! `checkpoint serve`: the browser assets unpacked, the application started (router and
//! background tasks, `server::start`), and served until a signal.

use super::*;

pub(super) async fn serve(
    database: sea_orm::DatabaseConnection,
    url: String,
    data_dir: &std::path::Path,
    args: ServeArgs,
) -> Result<(), String> {
    let site_root = match args.site_root {
        Some(root) => root,
        None if app::server::assets::embedded() => {
            let root = data_dir.join("site");
            app::server::assets::unpack(&root).map_err(|e| {
                format!("cannot write the browser assets to {}: {e}", root.display())
            })?;
            root
        }
        None => {
            tracing::warn!(
                "this binary was built without the browser assets (build the site before the \
                 server, or pass --site-root): serving target/site"
            );
            PathBuf::from("target/site")
        }
    };
    let config = Config {
        addr: args.addr,
        database_url: url,
        site_root,
        secure_cookies: args.secure_cookies,
        session_minutes: args.session_minutes.max(1),
        trusted_proxies: args.trusted_proxies,
        public_url: args
            .public_url
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{}", args.addr)),
        fold_period: Some(std::time::Duration::from_secs(1)),
    };
    let (router, background) = app::server::start::start(config.clone(), database.clone());
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    println!("Checkpoint is serving http://{}", config.addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    drop(background);
    database
        .close()
        .await
        .map_err(|e| format!("closing the database: {e}"))?;
    Ok(())
}

pub(super) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
