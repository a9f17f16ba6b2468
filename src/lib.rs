//! Credence: a desktop canvas for mapping what a product organisation
//! believes — outcomes, beliefs, assumptions, bets, metrics, evidence and
//! questions — and what rests on what.
//!
//! # Layers
//! One crate; each module depends only on those listed below it.
//!
//! - [`ui`]: the eframe app. Turns input into [`edit::Command`]s; never
//!   mutates the model directly.
//! - [`render`]: `paint_board`, the one drawing code, with our own camera so
//!   text stays crisp at every zoom.
//! - [`edit`]: commands with exact inverses, undo history, selection, and
//!   clipboard snippets.
//! - [`analysis`]: petgraph views of the document (cycles so far).
//! - [`io`]: versioned RON load/save with positioned errors and atomic writes.
//! - [`model`]: the document as pure data; knows no egui and no I/O.
//!
//! `model`, `io` and `analysis` know nothing of egui; only `ui` knows about
//! windows and dialogs. The binary (`src/main.rs`) adds the `clap` CLI.

pub mod analysis;
pub mod edit;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod synth;
pub mod ui;
