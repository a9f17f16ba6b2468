//! Autosave to the recovery folder, and the offer to recover after a crash.
//!
//! A recovery copy is written within a second of the last edit, and at
//! least every 30 seconds during long unbroken editing. It is removed once
//! the document is saved or its changes are discarded. The user's own file
//! is never touched by autosave.

use super::app::CredenceApp;
use super::notice::Notice;
use crate::io::recovery::{Recovered, RecoveryStore};
use std::time::Duration;

/// Quiet time after an edit before the recovery copy is written.
pub const AFTER_EDITS: f64 = 1.0;
/// Longest time unsaved work goes without a recovery copy.
pub const AT_LEAST_EVERY: f64 = 30.0;

pub struct Autosave {
    pub store: RecoveryStore,
    session: String,
    /// The key of the copy this session wrote last, if it still exists.
    written_key: Option<String>,
    written_state: Option<u64>,
    /// The history state last seen, and when it was first seen.
    observed: Option<(u64, f64)>,
    last_write: Option<f64>,
    failed: bool,
}

impl Autosave {
    pub fn new(store: RecoveryStore) -> Self {
        let session = format!("{}-{}", std::process::id(), super::workshop::unix_seconds());
        Self {
            store,
            session,
            written_key: None,
            written_state: None,
            observed: None,
            last_write: None,
            failed: false,
        }
    }
}

impl Autosave {
    /// Deletes the copy this session wrote, if any.
    fn forget(&mut self) {
        if let Some(key) = self.written_key.take() {
            self.store.remove(&key);
        }
        self.written_state = None;
    }
}

impl CredenceApp {
    /// Turns on autosave into `store` and offers back what a previous run
    /// left there.
    pub fn with_recovery(mut self, store: RecoveryStore) -> Self {
        self.recoveries = store
            .list()
            .into_iter()
            .filter_map(|r| match r {
                Ok(r) => Some(r),
                Err(err) => {
                    self.notice = Some(Notice::error(format!(
                        "A recovery copy could not be read: {err}"
                    )));
                    None
                }
            })
            .collect();
        self.autosave = Some(Autosave::new(store));
        self
    }

    /// The recovery copy this session keeps for the open document.
    pub fn recovery_key(&self) -> Option<String> {
        let a = self.autosave.as_ref()?;
        Some(RecoveryStore::key_for(self.open.path(), &a.session))
    }

    /// Removes this session's recovery copy (after a save or a discard).
    pub(crate) fn drop_recovery(&mut self) {
        if let Some(a) = &mut self.autosave {
            a.forget();
        }
    }

    pub(crate) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let dirty = self.is_dirty();
        let state = self.open.history().state();
        let Some(key) = self.recovery_key() else {
            return;
        };
        let Some(a) = &mut self.autosave else {
            return;
        };
        // Saved under a new name: the old copy is stale.
        if a.written_key.as_ref().is_some_and(|k| *k != key) {
            a.forget();
        }
        if !dirty {
            a.observed = None;
            a.last_write = None;
            a.forget();
            return;
        }
        if a.observed.is_none_or(|(s, _)| s != state) {
            a.observed = Some((state, now));
        }
        if a.written_state == Some(state) {
            return;
        }
        let since_edit = now - a.observed.map_or(now, |(_, t)| t);
        let last_write = *a.last_write.get_or_insert(now);
        if since_edit < AFTER_EDITS && now - last_write < AT_LEAST_EVERY {
            ctx.request_repaint_after(Duration::from_secs_f64(AFTER_EDITS - since_edit + 0.05));
            return;
        }
        match a.store.write(&key, self.open.path(), self.open.doc()) {
            Ok(()) => {
                a.written_key = Some(key);
                a.written_state = Some(state);
                a.last_write = Some(now);
                a.failed = false;
            }
            Err(err) => {
                a.last_write = Some(now);
                if !a.failed {
                    a.failed = true;
                    self.notice = Some(Notice::error(format!(
                        "Autosave failed: cannot write to {}: {err}. Save your work with Ctrl+S.",
                        a.store.dir().display()
                    )));
                }
            }
        }
    }

    /// "Recover unsaved changes to X?", one recovery copy at a time.
    pub(crate) fn show_recovery_offer(&mut self, ctx: &egui::Context) {
        let Some(offer) = self.recoveries.first() else {
            return;
        };
        let name = offer
            .original
            .as_deref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "an untitled document".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            );
        let newer = match offer.newer_by() {
            Some(d) if d.as_secs() >= 120 => {
                format!(" ({} min newer than the file)", d.as_secs() / 60)
            }
            Some(d) => format!(" ({} s newer than the file)", d.as_secs()),
            None => String::new(),
        };
        let mut choice = None;
        let mut later = false;
        egui::Modal::new(egui::Id::unique("credence-recovery")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Recover unsaved work?");
            ui.label(format!("Recover unsaved changes to {name}{newer}?"));
            ui.add_space(6.0);
            preview(ui, offer);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Recover")
                    .on_hover_text("Open the recovered document")
                    .clicked()
                {
                    choice = Some(true);
                }
                if ui
                    .button("Discard")
                    .on_hover_text("Delete the recovery copy for good")
                    .clicked()
                {
                    choice = Some(false);
                }
                if ui
                    .button("Later")
                    .on_hover_text("Keep the recovery copy and ask again next time")
                    .clicked()
                {
                    later = true;
                }
            });
        });
        if later {
            self.recoveries.remove(0);
            return;
        }
        let Some(recover) = choice else {
            return;
        };
        let offer = self.recoveries.remove(0);
        let store = self.autosave.as_ref().map(|a| a.store.clone());
        if recover {
            self.adopt_recovered(offer.doc, offer.original);
            // Keep the recovered work safe under this session's key before
            // the old copy goes.
            if let (Some(store), Some(key)) = (&store, self.recovery_key())
                && store.write(&key, self.open.path(), self.open.doc()).is_ok()
            {
                if key != offer.key {
                    store.remove(&offer.key);
                }
                if let Some(a) = &mut self.autosave {
                    a.written_key = Some(key);
                    a.written_state = Some(self.open.history().state());
                }
            }
        } else if let Some(store) = store {
            store.remove(&offer.key);
        }
    }
}

/// What the copy holds, and, when the file can be read, what differs.
fn preview(ui: &mut egui::Ui, offer: &Recovered) {
    let on_disk = &offer.on_disk;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let title = if offer.doc.title.is_empty() {
            "Untitled map"
        } else {
            &offer.doc.title
        };
        ui.strong(title);
        ui.label(format!(
            "{} nodes, {} edges",
            offer.doc.nodes.len(),
            offer.doc.edges.len()
        ));
        let listed: Vec<&crate::model::Node> = match on_disk {
            Some(file) => {
                let changed: Vec<_> = offer
                    .doc
                    .nodes
                    .iter()
                    .filter(|n| file.node(n.id) != Some(*n))
                    .collect();
                let removed = file
                    .nodes
                    .iter()
                    .filter(|n| offer.doc.node(n.id).is_none())
                    .count();
                let cards = |n: usize| if n == 1 { "card" } else { "cards" };
                ui.label(format!(
                    "Compared with the file: {} {} new or changed, {removed} removed",
                    changed.len(),
                    cards(changed.len())
                ));
                // Other boards and the workshop can hold the only changes.
                let others = [
                    (offer.doc.canvases != file.canvases, "canvases"),
                    (
                        offer.doc.workshop != file.workshop,
                        "workshop votes and dots",
                    ),
                    (offer.doc.snapshots != file.snapshots, "snapshots"),
                ];
                let others: Vec<&str> = others.iter().filter(|o| o.0).map(|o| o.1).collect();
                if !others.is_empty() {
                    ui.label(format!("Also changed: {}", others.join(", ")));
                }
                changed
            }
            None => offer.doc.nodes.iter().collect(),
        };
        for node in listed.iter().take(5) {
            ui.label(format!("• {}: {}", node.kind.label(), node.title));
        }
        if listed.len() > 5 {
            ui.weak(format!("… and {} more", listed.len() - 5));
        }
    });
}
