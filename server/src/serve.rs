//! Serving the app over HTTP/1.1 on a socket, with hyper directly (axum's
//! `serve` hides the knobs): a client must send a request's headers within
//! the header-read timeout, and shutdown waits for requests in progress at
//! most the grace period, then drops every connection still open.

use axum::extract::connect_info::IntoMakeServiceWithConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower::Service;

/// How long to wait before accepting again after `accept` failed (out of
/// file descriptors, say).
const ACCEPT_RETRY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy)]
pub struct ServeTimeouts {
    /// A request's headers must arrive within this; an idle keep-alive
    /// connection is closed after it too.
    pub header_read: Duration,
    /// After the shutdown signal, requests in progress get this long.
    pub shutdown_grace: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests
/// in progress finish within the grace period and closes what is left.
/// Handlers see the peer address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    timeouts: ServeTimeouts,
    shutdown: impl Future<Output = ()>,
) {
    let mut make_service: IntoMakeServiceWithConnectInfo<Router, SocketAddr> =
        app.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read);
    let graceful = GracefulShutdown::new();
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);

    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::warn!(%error, "cannot accept a connection");
                        tokio::select! {
                            () = &mut shutdown => break,
                            () = tokio::time::sleep(ACCEPT_RETRY) => continue,
                        }
                    }
                };
                let service = match make_service.call(peer).await {
                    Ok(service) => service,
                    Err(never) => match never {},
                };
                let connection = builder
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
                let connection = graceful.watch(connection);
                connections.spawn(async move {
                    if let Err(error) = connection.await {
                        tracing::debug!(%peer, %error, "connection ended with an error");
                    }
                });
            }
            // Forget connections that are done.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }

    drop(listener);
    let open = connections.len();
    if tokio::time::timeout(timeouts.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            open,
            "requests still running after {} s: closing their connections",
            timeouts.shutdown_grace.as_secs()
        );
    }
    connections.shutdown().await;
}
