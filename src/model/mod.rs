//! The document as pure data.
//!
//! A [`Document`] is a belief map, typed [`Node`]s joined by typed
//! [`Edge`]s, plus any number of [`Canvas`] boards whose sticky notes may
//! link to nodes, plus the [`Workshop`] (participants, their votes, a
//! dot-voting round, the learning [`Backlog`]) and [`Snapshot`]s of belief
//! over time. Nodes carry their place on Cutler's belief map (stance and a
//! hand-set convergence) and three [`PromptCard`]s: Cutler's learning
//! prompts, and Strategyzer's test and learning cards.
//! This module knows nothing of egui, files or undo, so every other layer can
//! lean on it and tests can build documents by hand.
//!
//! Edges always point from the foundation to what rests on it: `A supports B`,
//! `A depends_on B` ("B cannot hold without A"), `bet tests assumption`,
//! `metric measures outcome`. Tracing "upstream" therefore walks edges backwards.

mod canvas;
mod colour;
mod conflict;
mod document;
mod edge;
mod node;
mod template;
mod workshop;

pub use canvas::{
    Canvas, CanvasHeader, CanvasId, Cells, MAX_GRID, Note, NoteId, Section, SectionId,
};
pub use colour::Rgb;
pub use conflict::{Conflict, Theirs};
pub use document::{Document, Invalid, MAX_NODES, MAX_TEXT_CHARS};
pub use edge::{Edge, EdgeId, EdgeKind};
pub use node::{
    CardTexts, EvidenceStrength, Horizon, LearningCard, LearningPrompts, Node, NodeId, NodeKind,
    Point, PromptCard, Size, Status, TestCard,
};
pub use template::{Template, TemplateSection};
pub use workshop::{
    Backlog, Dot, DotRefused, DotRound, DotTarget, MAX_DOTS_EACH, MAX_WIP, NodeState,
    PARTICIPANT_COLOURS, Participant, ParticipantId, Snapshot, Vote, Workshop, takes_votes,
};
