//! `credence room FILE.ron [--bind ADDR] [--port N] [--code CODE] [--cards …]`:
//! the workshop room without a window.
//!
//! This process owns the document, as the window would: the room's edits
//! arrive through the owner's queue, and the file is saved atomically
//! within a second of each change and once more on Ctrl+C (or SIGTERM).

use super::output::fail;
use credence::edit::OpenDocument;
use credence::io::{Origin, is_ron_path};
use credence::room::{CardChoice, Room, RoomConfig};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often a changed document is written: well within the second.
const SAVE_EVERY: Duration = Duration::from_millis(250);

pub struct Request<'a> {
    pub file: &'a Path,
    pub bind: std::net::IpAddr,
    pub port: u16,
    pub code: Option<&'a str>,
    pub cards: &'a str,
}

pub fn run(req: &Request) -> ExitCode {
    if !is_ron_path(req.file) {
        return fail(format!(
            "{}: the room saves into the document, so it must be a Credence .ron file",
            req.file.display()
        ));
    }
    let cards = match CardChoice::parse(req.cards) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    if let Some(code) = req.code
        && (code.trim().len() < 4 || !code.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return fail("--code takes at least 4 letters or digits");
    }
    let doc = match credence::io::load_with_origin(req.file) {
        Ok((doc, Origin::Ron)) => doc,
        Ok(_) => return fail(format!("{}: not a Credence .ron file", req.file.display())),
        Err(e) => return fail(e),
    };
    let mut open = OpenDocument::new(doc, Some(req.file.to_owned()));
    let config = RoomConfig {
        bind: req.bind,
        port: req.port,
        code: req.code.map(str::to_owned),
        cards,
    };
    let room = match Room::open(config, open.sender()) {
        Ok(room) => room,
        Err(e) => {
            return fail(format!(
                "could not open the room on {}:{}: {e}",
                req.bind, req.port
            ));
        }
    };
    open.set_publisher(Some(room.publisher()));
    let host = if req.bind.is_unspecified() {
        std::net::IpAddr::from([127, 0, 0, 1])
    } else {
        req.bind
    };
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "room open: {}", room.join_url(host));
        let _ = writeln!(out, "facilitator: {}", room.facilitator_token());
        let _ = out.flush();
    }
    let stop = Arc::new(AtomicBool::new(false));
    stop_on_signal(stop.clone(), open.sender());
    let mut last_save = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        open.wait(SAVE_EVERY);
        open.drain();
        if open.is_dirty() && last_save.elapsed() >= SAVE_EVERY {
            save(&mut open, req.file);
            last_save = Instant::now();
        }
    }
    open.drain();
    let saved = !open.is_dirty() || save(&mut open, req.file);
    room.close();
    if saved {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn save(open: &mut OpenDocument, path: &Path) -> bool {
    match credence::io::save(path, open.doc()) {
        Ok(()) => {
            open.mark_saved(path.to_owned());
            true
        }
        Err(e) => {
            eprintln!("credence: {e}");
            false
        }
    }
}

/// Sets `stop` on Ctrl+C or SIGTERM and wakes the loop ([`credence::edit::EditSender::nudge`]).
fn stop_on_signal(stop: Arc<AtomicBool>, wake: credence::edit::EditSender) {
    let _ = std::thread::Builder::new()
        .name("credence-signals".into())
        .spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .build()
            else {
                return;
            };
            runtime.block_on(async {
                let (tx, mut rx) = tokio::sync::mpsc::channel::<()>(2);
                let interrupted = tx.clone();
                tokio::spawn(async move {
                    if tokio::signal::ctrl_c().await.is_ok() {
                        let _ = interrupted.send(()).await;
                    }
                });
                #[cfg(unix)]
                tokio::spawn(async move {
                    use tokio::signal::unix::{SignalKind, signal};
                    if let Ok(mut term) = signal(SignalKind::terminate()) {
                        term.recv().await;
                        let _ = tx.send(()).await;
                    }
                });
                rx.recv().await;
            });
            stop.store(true, Ordering::Relaxed);
            wake.nudge();
        });
}
