//! The wire: automerge-repo's protocol messages, one per binary WebSocket message (what
//! the automerge-repo sync server speaks), and the headers of the WebSocket upgrade that
//! carry a seat's capability to `stateline serve`.

use std::time::Duration;

use futures::{SinkExt as _, StreamExt as _, TryStreamExt as _};
use tokio_tungstenite::tungstenite::{self, Message, client::IntoClientRequest as _, http};

use super::link::{ServerUrl, Token};

/// `Authorization: Bearer TOKEN`: the capability (never in the URL, never logged).
pub const AUTHORIZATION: &str = "authorization";
/// The document the seat wants.
pub const DOCUMENT: &str = "x-stateline-document";
/// The automerge-repo peer id the seat will announce (the server binds the connection to
/// it, so a seat cannot speak for another).
pub const PEER: &str = "x-stateline-peer";
/// On a new session only: the SHA-256 of its view token.
pub const CREATE: &str = "x-stateline-create";

/// Longest protocol message accepted (a whole map's document, compressed, is far smaller).
pub const MAX_MESSAGE: usize = 64 << 20;

/// How long connecting and the upgrade may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a server refused a seat for good (not retried).
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error(
        "the server refused the link (HTTP {0}): the token is wrong or the session does not exist"
    )]
    Token(u16),
}

/// A WebSocket as a samod transport: binary messages in and out; pings are answered by
/// tungstenite; a text message is a protocol error that ends the connection.
pub fn transport<S>(ws: tokio_tungstenite::WebSocketStream<S>) -> samod::Transport
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (sink, stream) = ws.split();
    let stream = stream
        .map_err(WireError::from)
        .try_filter_map(|message| async move {
            match message {
                Message::Binary(bytes) => Ok(Some(bytes.to_vec())),
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => Ok(None),
                Message::Close(_) => Err(WireError::Closed),
                Message::Text(_) => Err(WireError::Text),
            }
        })
        .boxed();
    let sink = sink
        .sink_map_err(WireError::from)
        .with(|bytes: Vec<u8>| futures::future::ready(Ok::<_, WireError>(Message::binary(bytes))));
    samod::Transport::new(stream, Box::pin(sink))
}

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("websocket: {0}")]
    Ws(#[from] tungstenite::Error),
    #[error("the peer closed the connection")]
    Closed,
    #[error("the peer sent a text message; the protocol is binary")]
    Text,
}

/// The limits of every WebSocket (either side).
pub fn config() -> tungstenite::protocol::WebSocketConfig {
    tungstenite::protocol::WebSocketConfig::default()
        .max_message_size(Some(MAX_MESSAGE))
        .max_frame_size(Some(MAX_MESSAGE))
}

/// What a seat sends when it connects.
#[derive(Clone, Debug)]
pub struct Hello {
    pub document: String,
    pub peer: String,
    pub token: Token,
    /// Set when the seat creates the session: the hash of its view token.
    pub create: Option<String>,
}

/// Connects a seat to a server: TCP, then the WebSocket upgrade with the seat's headers.
pub async fn connect(
    server: &ServerUrl,
    hello: &Hello,
) -> Result<samod::Transport, samod::DialError<Refused>> {
    let transient = |e: String| samod::DialError::TransientFailure(e.into());
    let mut request = server
        .ws()
        .into_client_request()
        .map_err(|e| transient(e.to_string()))?;
    let headers = request.headers_mut();
    let mut put = |name: &'static str, value: String| -> Result<(), samod::DialError<Refused>> {
        let value = http::HeaderValue::from_str(&value)
            .map_err(|_| transient(format!("the {name} header is not valid")))?;
        headers.insert(name, value);
        Ok(())
    };
    put(AUTHORIZATION, format!("Bearer {}", hello.token.expose()))?;
    put(DOCUMENT, hello.document.clone())?;
    put(PEER, hello.peer.clone())?;
    if let Some(create) = &hello.create {
        put(CREATE, create.clone())?;
    }
    let attempt = async {
        let tcp = tokio::net::TcpStream::connect(&server.authority)
            .await
            .map_err(|e| transient(format!("cannot reach {}: {e}", server.authority)))?;
        tcp.set_nodelay(true).ok();
        match tokio_tungstenite::client_async_with_config(request, tcp, Some(config())).await {
            Ok((ws, _response)) => Ok(transport(ws)),
            Err(tungstenite::Error::Http(response))
                if matches!(response.status().as_u16(), 401 | 403) =>
            {
                Err(samod::DialError::PermanentFailure(Refused::Token(
                    response.status().as_u16(),
                )))
            }
            Err(e) => Err(transient(e.to_string())),
        }
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, attempt).await {
        Ok(result) => result,
        Err(_) => Err(transient(format!(
            "{} did not answer within {} s",
            server.authority,
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}
