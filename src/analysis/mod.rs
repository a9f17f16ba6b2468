//! Graph views of a document, computed with petgraph. Nothing here knows egui.
//!
//! So far: cycle detection, used by `credence check` to warn about circular
//! reasoning. A cycle is allowed in a map, but it should be visible.

mod graph;

pub use graph::{BeliefGraph, cycles};
