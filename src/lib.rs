//! Credence: a desktop canvas for mapping what a product organisation
//! believes — outcomes, beliefs, assumptions, bets, metrics, evidence and
//! questions — and what rests on what.
//!
//! # Layers
//! One crate; each module depends only on those listed below it.
//!
//! - [`ui`]: the eframe app, including the facilitation tools (Workshop
//!   panel, masked vote entry, presentation mode), the 2×2 boards
//!   (assumption map, Cutler's belief map, value × certainty) and the
//!   learning backlog. Turns input into
//!   [`edit::Command`]s; never mutates the model directly. The belief map
//!   keeps its painted cards as one retained mesh while nothing that decides
//!   the picture changes: it moves the mesh for a pan, stretches it for the
//!   length of a zoom gesture (painting it ahead of a zoom out, then crisp
//!   when the gesture ends), and while cards are dragged keeps what stays
//!   put and paints only what moves, so large maps stay smooth. Its cards
//!   are not widgets: the canvas hit-tests presses itself and describes
//!   each card to screen readers.
//! - [`export`]: PNG (offscreen egui-wgpu, tiled, the document embedded),
//!   SVG (the same painted shapes as vectors), JSON Canvas, Markdown,
//!   Mermaid and DOT. Knows egui's painter, but no windows.
//! - [`render`]: `paint_board`, the one drawing code, with our own camera so
//!   text stays crisp at every zoom, in a light or a dark theme; it paints
//!   the room's vote strips and dot badges too, so exports show them.
//! - [`edit`]: commands with exact inverses, undo history, selection, and
//!   clipboard snippets.
//! - [`layout`]: our own layered (Sugiyama-style) layout on petgraph.
//! - [`analysis`]: petgraph views of the document: tracing, cycles,
//!   "what if this is wrong?", effective confidence, riskiest assumptions,
//!   the spread of votes, belief-map convergence measured from it, the
//!   learning backlog's ranking, and presentation mode's walk order.
//! - [`io`]: versioned RON load/save with positioned errors and atomic
//!   writes; reading documents back from exported PNGs and JSON Canvas.
//! - [`model`]: the document as pure data (map, canvases, workshop votes,
//!   the learning backlog, snapshots); knows no egui and no I/O.
//!
//! `model`, `io`, `analysis` and `layout` know nothing of egui; only `ui`
//! knows about windows and dialogs. [`synth`] generates realistic maps for
//! benchmarks. The binary (`src/main.rs`, `src/cli/`) adds the `clap` CLI:
//! `check`, `trace`, `layout`, `export`, `import`, `bench` and `generate`.

pub mod analysis;
pub mod edit;
pub mod export;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod synth;
pub mod ui;
