//! Graph views of a document, computed with petgraph. Nothing here knows egui.
//!
//! - [`trace`]: what a node rests on and what rests on it.
//! - [`cycles`]: circular reasoning. A cycle is allowed, but made visible.
//! - [`impact`]: "what if this is wrong?" — the bets and outcomes that lose
//!   all support when one node fails.
//! - [`confidence`]: effective confidence, capped by what a node rests on.
//! - [`risk`]: the riskiest assumptions, ranked with a score breakdown.
//! - [`votes`]: the spread of the room's confidence votes, the biggest
//!   disagreements, and the dot-voting tally.
//! - [`walk`]: the order presentation mode's spotlight follows.
//! - [`belief_map`]: Cutler's belief map — convergence measured from the
//!   spread of revealed votes, and the quadrant each belief sits in.
//! - [`backlog`]: the learning backlog, the "must learn" items ranked.

pub mod backlog;
pub mod belief_map;
pub mod confidence;
mod graph;
pub mod impact;
pub mod risk;
pub mod trace;
pub mod votes;
pub mod walk;

pub use graph::{BeliefGraph, carries_support, cycles, cycles_in};
