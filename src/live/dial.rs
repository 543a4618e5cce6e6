//! How a seat reaches the server: the seat's own runtime thread, and samod's dialer that
//! opens the WebSocket ([`wire::connect`]) on every attempt, retrying with a backoff.

use std::sync::Arc;
use std::time::Duration;

use samod::BackoffConfig;

use super::link::ServerUrl;
use super::wire;

pub(super) struct Started {
    pub(super) runtime: tokio::runtime::Handle,
    pub(super) stop: futures::channel::oneshot::Sender<()>,
    pub(super) thread: std::thread::JoinHandle<()>,
}

pub(super) fn start_runtime() -> Result<Started, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the seat's runtime: {e}"))?;
    let handle = runtime.handle().clone();
    let (stop, stop_rx) = futures::channel::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("stateline-seat".to_owned())
        .spawn(move || {
            runtime.block_on(async move {
                stop_rx.await.ok();
            });
        })
        .map_err(|e| format!("cannot start the seat: {e}"))?;
    Ok(Started {
        runtime: handle,
        stop,
        thread,
    })
}

pub(super) fn backoff() -> BackoffConfig {
    BackoffConfig {
        initial_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(2),
        max_retries: None,
    }
}

/// samod's dialer for a seat: [`wire::connect`] with the seat's headers, on every attempt.
pub(super) struct SeatDialer {
    server: ServerUrl,
    hello: wire::Hello,
    url: samod::Url,
}

impl SeatDialer {
    pub(super) fn new(server: &ServerUrl, hello: &wire::Hello) -> Result<Arc<Self>, String> {
        let url =
            samod::Url::parse(&server.ws()).map_err(|e| format!("{}: {e}", server.authority))?;
        Ok(Arc::new(Self {
            server: server.clone(),
            hello: hello.clone(),
            url,
        }))
    }
}

impl samod::Dialer for SeatDialer {
    type Error = wire::Refused;

    fn url(&self) -> samod::Url {
        self.url.clone()
    }

    fn connect(
        &self,
    ) -> futures::future::BoxFuture<'static, Result<samod::Transport, samod::DialError<Self::Error>>>
    {
        let server = self.server.clone();
        let hello = self.hello.clone();
        Box::pin(async move {
            let transport = wire::connect(&server, &hello).await?;
            Ok(transport)
        })
    }
}
