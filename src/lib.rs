//! Credence: a desktop canvas for mapping what a product organisation
//! believes — outcomes, beliefs, assumptions, bets, metrics, evidence and
//! questions — and what rests on what.
//!
//! # Layers
//! One crate; each module depends only on those listed below it.
//!
//! - [`ui`]: the eframe app. The open document has one owner,
//!   [`edit::OpenDocument`]; the window holds its UI half
//!   ([`ui::DocumentUi`]: selection, board tab, edits in progress, the
//!   voter, the snapshot on show, caches), replaced whole with the
//!   document. Every board (the belief map in `ui/map/`, each canvas, the
//!   assumption map, the belief 2×2 with value × certainty) implements
//!   `ui::boards::BoardKind` in its own module and is listed once in
//!   `ui::boards::KINDS`. Panels and shortcuts queue
//!   [`edit::Command`]s; they never mutate the model. The belief map keeps
//!   its painted cards as one retained mesh while nothing that decides the
//!   picture changes (moved for a pan, stretched for a zoom gesture, and
//!   split into still and moving layers for a drag), and its cards are not
//!   widgets: the map hit-tests presses itself and describes each card to
//!   screen readers.
//! - [`room`]: the workshop room: an axum server on the local network,
//!   on a tokio runtime of its own that runs only while a room is open, with
//!   the phone page, codes, tokens, rate limits and the silent-writing notes
//!   still hidden. Knows no egui and never touches the document: it reads a
//!   published view and sends its edits (votes, dots, joins) into the
//!   owner's queue as small commands.
//! - [`export`]: PNG (our own CPU rasterizer of egui's tessellated meshes,
//!   by egui-wgpu's rules, in full-width bands, the document embedded),
//!   SVG (the same painted shapes as vectors), JSON Canvas, Markdown,
//!   Mermaid and DOT, of every board. Knows egui's painter, but no windows.
//! - [`render`]: the one drawing code for every board: `paint_board` for
//!   the map, `paint_canvas` for canvases and [`render::quadrants`] for the
//!   2×2s, with our own camera so text stays crisp at every zoom, in a light
//!   or a dark theme; it paints the room's vote strips and dot badges too,
//!   so exports show them. Every card title and note fits its box by one
//!   rule ([`render::fit_text`]): the box grows to six lines, the font
//!   shrinks to 70%, and only then is the text cut.
//! - [`edit`]: the document's owner and its edit queue (drained once at the
//!   start of every frame, and by the map between its input and its paint),
//!   commands with exact inverses, undo history, selection, and clipboard
//!   snippets. Edits from the room are room steps, which Undo and Redo pass
//!   over; the history also keeps a *drawn state* that votes leave alone,
//!   which the map's retained meshes and cached insights are keyed by.
//!   [`edit::merge`] merges three documents by stable id (field by field,
//!   renumbering THEIRS's clashing new ids, recording conflicts in the
//!   document) and [`edit::diff`] names what changed by card title; the
//!   CLI's `merge` and `diff` are git's merge driver and diff.
//! - [`layout`]: our own layered (Sugiyama-style) and compact (folded org
//!   chart) layouts on petgraph, around pinned cards.
//! - [`analysis`]: petgraph views of the document: tracing, cycles,
//!   "what if this is wrong?", effective confidence, riskiest assumptions,
//!   the spread of votes, belief-map convergence measured from it, the
//!   learning backlog's ranking, and presentation mode's walk order.
//! - [`io`]: versioned RON load/save with positioned errors (unknown fields
//!   included) and atomic, permission-keeping writes that follow symlinks;
//!   bounded reads of regular files only; reading documents back from
//!   exported PNGs and JSON Canvas.
//! - [`model`]: the document as pure data (map, canvases, workshop votes,
//!   the learning backlog, snapshots, merge conflicts); knows no egui and
//!   no I/O.
//!
//! `model`, `io`, `analysis`, `layout`, `edit` and `room` know nothing of
//! egui; only `ui` knows about windows and dialogs. [`synth`] generates
//! realistic maps for benchmarks. The binary (`src/main.rs`, `src/cli/`)
//! adds the `clap` CLI: `check`, `trace`, `layout`, `export`, `import`,
//! `bench`, `generate`, `room`, `diff` and `merge`.
//!
//! # How to add…
//!
//! - **A board.** Its own module under `ui/` with a unit struct that
//!   implements `BoardKind` (tab, central area, inspector, status line,
//!   keys, what it exports), a variant of `ui::Board` naming its tab, and
//!   one line in `ui::boards::KINDS`. Draw it in `render/` so export can
//!   draw it too, and give `export::Scope` a variant for it.
//! - **A node field.** The field on [`model::Node`] (with a serde default;
//!   a new file format version if an older Credence must refuse files that
//!   use it). The compiler then stops at `Node::texts()`, which decides
//!   whether it is text (length limits, search), and at the inspector's
//!   multi-select copy, which decides whether editing many cards copies it:
//!   both destructure `Node` exhaustively. Then its widget in
//!   `ui/inspector.rs`, and its line in the Markdown export if readers
//!   need it.
//! - **An export format.** A variant of [`export::Format`] (extension and
//!   label, in `Format::ALL`); the compiler points at `export::render`,
//!   which writes it, and at the boards that cannot take it
//!   (`ui::ExportBoard::allows`, and `export::render`'s refusals).

pub mod analysis;
pub mod edit;
pub mod export;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod room;
pub mod synth;
pub mod ui;
