//! The workshop room: participants join from their phones over the local
//! network and vote privately.
//!
//! An axum server runs on one small tokio runtime, on a thread of its own,
//! only while a room is open. The room knows no egui and never touches the
//! document: it reads a [`Published`] view that the document's owner
//! refreshes after every change ([`Room::publisher`]), and sends its edits
//! into the owner's queue ([`crate::edit::EditSender`]), where they are
//! decided against the document as it is then. So the window and the
//! headless `credence room` drive it the same way. `server` has the phone
//! page, joining, state and votes; `rounds` dot voting and silent writing;
//! `facilitator` what a facilitator's tablet may do; `state` the room's own
//! memory (tokens, held names, hidden notes), which closing forgets.
//!
//! The room is plain HTTP on the local network: anyone on it who has the
//! code can join. The code has 30 random bits, failed joins are limited per
//! address, tokens are 128-bit random values, and closing the room revokes
//! every token.

mod facilitator;
mod limits;
mod rounds;
mod secrets;
mod server;
mod state;
mod view;

pub use server::MAX_BODY;
pub use state::Writing;
pub use state::{MAX_NAME_CHARS, MAX_PARTICIPANTS};
pub use view::{CardChoice, Published};

use crate::edit::EditSender;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, RwLock};

/// How to open a room.
#[derive(Clone, Debug)]
pub struct RoomConfig {
    /// The address to listen on; `0.0.0.0` for the local network.
    pub bind: std::net::IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// A fixed code (tests, a room reopened after a restart); else random.
    pub code: Option<String>,
    pub cards: CardChoice,
}

/// An open room. Dropping it (or [`close`](Room::close)) stops the server,
/// frees the port and forgets every token.
pub struct Room {
    address: SocketAddr,
    code: String,
    facilitator: String,
    /// What the server's handlers share: the window reads and sets the
    /// same state through it.
    shared: server::Shared,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Room {
    /// Starts the server, sending edits through `edits`. The listening
    /// socket is bound before this returns, so a taken port is an error
    /// here, not a silent failure later.
    pub fn open(config: RoomConfig, edits: EditSender) -> std::io::Result<Room> {
        let code = match &config.code {
            Some(code) => code.trim().to_uppercase(),
            None => secrets::room_code()?,
        };
        let facilitator = secrets::token()?;
        let listener = TcpListener::bind((config.bind, config.port))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let shared = server::Shared {
            state: Arc::new(Mutex::new(state::RoomState::new(
                code.clone(),
                facilitator.clone(),
                config.cards,
            ))),
            published: Arc::new(RwLock::new(Published::default())),
            edits,
        };
        let served = shared.clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("credence-room".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let app =
                        server::router(served).into_make_service_with_connect_info::<SocketAddr>();
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })?;
        Ok(Room {
            address,
            code,
            facilitator,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// Where the server listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn code(&self) -> &str {
        &self.code
    }

    /// The facilitator's token: reveal, hide and clear from a tablet.
    pub fn facilitator_token(&self) -> &str {
        &self.facilitator
    }

    /// The join address for `host` (the machine's address on the local
    /// network), with the code in it so a scanned QR code joins directly.
    pub fn join_url(&self, host: std::net::IpAddr) -> String {
        let host = match host {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            v4 => v4.to_string(),
        };
        format!("http://{host}:{}/?code={}", self.address.port(), self.code)
    }

    /// What the document's owner calls after every change, so the room
    /// reads the document as it now is.
    pub fn publisher(&self) -> crate::edit::Publisher {
        let published = self.shared.published.clone();
        let mut drawn: Option<crate::edit::Drawing> = None;
        Box::new(move |doc, drawing| {
            let mut view = published.write().unwrap_or_else(|e| e.into_inner());
            if drawn != Some(drawing) {
                view.refresh_drawing(doc);
                drawn = Some(drawing);
            }
            view.refresh_marks(doc);
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, state::RoomState> {
        self.shared.state()
    }

    /// What the phones vote on (and dot, during a round).
    pub fn cards(&self) -> CardChoice {
        self.state().choice.clone()
    }

    pub fn set_cards(&self, choice: CardChoice) {
        self.state().choice = choice;
    }

    /// Whose notes phones dot-vote on.
    pub fn canvas(&self) -> Option<crate::model::CanvasId> {
        self.state().canvas
    }

    pub fn set_canvas(&self, canvas: Option<crate::model::CanvasId>) {
        self.state().canvas = canvas;
    }

    /// New names are refused while locked; people on the list still join.
    pub fn locked(&self) -> bool {
        self.state().locked
    }

    pub fn set_locked(&self, locked: bool) {
        self.state().locked = locked;
    }

    /// Who a phone holds now.
    pub fn held(&self) -> Vec<crate::model::ParticipantId> {
        self.state().held().collect()
    }

    /// Frees a name for another phone; the phone holding it is signed out.
    pub fn release(&self, participant: crate::model::ParticipantId) {
        self.state().release(participant);
    }

    /// Where phones write hidden notes, while they do.
    pub fn writing(&self) -> Option<Writing> {
        self.state().writing
    }

    /// Opens a section for silent writing, or (`None`) ends the writing;
    /// notes written stay waiting either way.
    pub fn set_writing(&self, writing: Option<Writing>) {
        self.state().set_writing(writing);
    }

    /// Notes written and not yet revealed.
    pub fn waiting(&self) -> usize {
        self.state().hidden.len()
    }

    /// Takes every waiting note as the command that lands them in their
    /// sections. Call it on the owner's thread and apply the command there,
    /// so nothing is lost between.
    pub fn take_notes(&self, doc: &crate::model::Document) -> Option<crate::edit::Command> {
        rounds::land_waiting(&mut self.state(), doc)
    }

    /// Stops the server and waits for it, so the port is free on return.
    pub fn close(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.shut_down();
    }
}
