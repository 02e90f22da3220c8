//! The server's listener: a bounded number of open connections, and none
//! held by a client that stalls. Each connection is either waiting for a
//! request (no byte of it yet: closed after [`IDLE`]) or receiving one and
//! waiting for its answer (closed unless answered within the request
//! deadline: the run's time limit and a margin, which bounds a slow
//! header or body too). When [`MAX_CONNECTIONS`] are open, a new one
//! closes the oldest that has never been answered (else the oldest), so
//! stalled clients cannot keep a real one — `/api/health` — out.

use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// Most connections open at once.
pub const MAX_CONNECTIONS: usize = 256;
/// Longest a connection may wait, open, before the first byte of a request.
pub const IDLE: Duration = Duration::from_secs(10);
/// Added to the run's time limit for the deadline of a request.
pub const MARGIN: Duration = Duration::from_secs(10);

/// What the listener knows of one open connection.
#[derive(Debug, Default)]
struct Conn {
    answered: AtomicBool,
    closed: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Conn {
    fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        if let Some(w) = self.waker.lock().unwrap_or_else(|e| e.into_inner()).take() {
            w.wake();
        }
    }
}

/// A listener with bounded, timed connections (see the module's comment).
#[derive(Debug)]
pub struct Bounded {
    inner: TcpListener,
    open: VecDeque<Weak<Conn>>,
    max: usize,
    request: Duration,
}

impl Bounded {
    /// Wraps `inner`; a request must be answered within `request`.
    pub fn new(inner: TcpListener, request: Duration, max: usize) -> Self {
        Bounded {
            inner,
            open: VecDeque::new(),
            max,
            request,
        }
    }

    /// Forgets closed connections, then makes room for one more.
    fn make_room(&mut self) {
        self.open.retain(|w| w.strong_count() > 0);
        if self.open.len() < self.max {
            return;
        }
        let live: Vec<Arc<Conn>> = self.open.iter().filter_map(Weak::upgrade).collect();
        let victim = live
            .iter()
            .find(|c| !c.answered.load(Ordering::Relaxed) && !c.closed.load(Ordering::Relaxed))
            .or_else(|| live.iter().find(|c| !c.closed.load(Ordering::Relaxed)));
        if let Some(v) = victim {
            v.close();
            let gone = Arc::as_ptr(v);
            self.open.retain(|w| w.as_ptr() != gone);
        }
    }
}

impl axum::serve::Listener for Bounded {
    type Io = Timed;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    self.make_room();
                    let conn = Arc::new(Conn::default());
                    self.open.push_back(Arc::downgrade(&conn));
                    return (Timed::new(stream, conn, self.request), addr);
                }
                // Out of file descriptors and the like: wait a moment
                // rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection with its deadline.
#[derive(Debug)]
pub struct Timed {
    stream: TcpStream,
    conn: Arc<Conn>,
    /// Bytes of a request read and not yet answered.
    receiving: bool,
    request: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl Timed {
    fn new(stream: TcpStream, conn: Arc<Conn>, request: Duration) -> Self {
        Timed {
            stream,
            conn,
            receiving: false,
            request,
            deadline: Box::pin(tokio::time::sleep(IDLE)),
        }
    }

    fn closed(&self) -> io::Error {
        io::Error::new(io::ErrorKind::TimedOut, "connection closed by the server")
    }

    /// Whether the connection must close now; registers the waker.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        *self.conn.waker.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
        self.conn.closed.load(Ordering::Relaxed) || self.deadline.as_mut().poll(cx).is_ready()
    }
}

impl AsyncRead for Timed {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.expired(cx) {
            return Poll::Ready(Err(self.closed()));
        }
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before && !self.receiving {
            // The first byte of a request: it must be answered in time.
            self.receiving = true;
            let at = Instant::now() + self.request;
            self.deadline.as_mut().reset(at);
        }
        polled
    }
}

impl AsyncWrite for Timed {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.conn.closed.load(Ordering::Relaxed) {
            return Poll::Ready(Err(self.closed()));
        }
        let polled = Pin::new(&mut self.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            // Answered: the connection waits for its next request.
            self.conn.answered.store(true, Ordering::Relaxed);
            self.receiving = false;
            let at = Instant::now() + IDLE;
            self.deadline.as_mut().reset(at);
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
