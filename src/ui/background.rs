//! Long work off the UI thread: opening a big file and laying out a big
//! map. The window stays live; after half a second a progress window says
//! what is going on. A layout whose map changed meanwhile is dropped rather
//! than applied to a different map.

use super::app::CredenceApp;
use super::notice::Notice;
use crate::io::{LoadError, Origin};
use crate::layout::{LayoutOptions, layout};
use crate::model::{Document, NodeId, Point};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Files at least this big open on a worker.
pub const OPEN_IN_BACKGROUND_BYTES: u64 = 4 * 1024 * 1024;
/// Maps with at least this many nodes lay out on a worker.
pub const LAYOUT_IN_BACKGROUND_NODES: usize = 2_000;

enum Done {
    /// Boxed: a document is large beside the other variant.
    Opened(PathBuf, Box<Result<(Document, Origin), LoadError>>),
    /// Positions, for the document state they were computed from.
    Laid {
        positions: Vec<(NodeId, Point)>,
        state: u64,
        generation: u64,
    },
}

pub struct BackgroundJob {
    label: String,
    started: Instant,
    done: Receiver<Done>,
}

impl CredenceApp {
    /// Whether a file is being opened or a map laid out.
    pub fn busy(&self) -> bool {
        self.background.is_some()
    }

    fn spawn(&mut self, label: String, work: impl FnOnce() -> Done + Send + 'static) {
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("credence-work".into())
            .spawn(move || {
                let _ = tx.send(work());
            });
        match spawned {
            Ok(_) => {
                self.background = Some(BackgroundJob {
                    label,
                    started: Instant::now(),
                    done: rx,
                })
            }
            Err(err) => self.notice = Some(Notice::error(format!("Could not start: {err}"))),
        }
    }

    pub(crate) fn start_open_job(&mut self, path: PathBuf) {
        if self.busy() {
            return;
        }
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        self.spawn(format!("Opening {name}…"), move || {
            let loaded = crate::io::load_with_origin(&path);
            Done::Opened(path, Box::new(loaded))
        });
    }

    pub(crate) fn start_layout_job(
        &mut self,
        subset: Option<BTreeSet<NodeId>>,
        options: LayoutOptions,
    ) {
        if self.busy() {
            return;
        }
        let doc = self.open.doc().clone();
        let (state, generation) = (self.open.history().state(), self.open.generation());
        let count = subset.as_ref().map_or(doc.nodes.len(), BTreeSet::len);
        self.spawn(format!("Laying out {count} cards…"), move || Done::Laid {
            positions: layout(&doc, subset.as_ref(), &options),
            state,
            generation,
        });
    }

    /// Takes in finished work; shows progress for slow work.
    pub(crate) fn poll_background(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.background else {
            return;
        };
        let received = job.done.try_recv();
        if !matches!(received, Err(TryRecvError::Empty)) {
            // The result changes the window: show it now, not at the next
            // mouse move.
            ctx.request_repaint();
        }
        match received {
            Ok(Done::Opened(path, loaded)) => {
                self.background = None;
                self.adopt_loaded(&path, *loaded);
            }
            Ok(Done::Laid {
                positions,
                state,
                generation,
            }) => {
                self.background = None;
                if state == self.open.history().state() && generation == self.open.generation() {
                    self.animate_to(positions);
                } else {
                    self.notice = Some(Notice::info(
                        "The map changed during the layout, so it was not applied; press L again",
                    ));
                }
            }
            Err(TryRecvError::Empty) => {
                super::progress::show(ctx, job.started, "Working", &job.label, None, false);
            }
            Err(TryRecvError::Disconnected) => {
                self.background = None;
                self.notice = Some(Notice::error("The work stopped unexpectedly"));
            }
        }
    }
}
