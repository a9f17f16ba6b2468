//! Edges: how one node bears on another.

use super::NodeId;
use super::NodeKind;
use serde::{Deserialize, Serialize};

/// An edge's stable id, independent of node ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EdgeId(pub u64);

/// How `from` bears on `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `from` makes `to` more likely.
    Supports,
    /// `to` cannot hold without `from`.
    DependsOn,
    /// `from` undermines `to`.
    Contradicts,
    /// A bet (`from`) tests an assumption (`to`).
    Tests,
    /// A metric (`from`) tracks an outcome or bet (`to`).
    Measures,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 5] = [
        EdgeKind::Supports,
        EdgeKind::DependsOn,
        EdgeKind::Contradicts,
        EdgeKind::Tests,
        EdgeKind::Measures,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EdgeKind::Supports => "supports",
            EdgeKind::DependsOn => "depends on",
            EdgeKind::Contradicts => "contradicts",
            EdgeKind::Tests => "tests",
            EdgeKind::Measures => "measures",
        }
    }

    /// The kind a user most likely means when connecting `from` to `to`, so a
    /// drag-to-connect needs no follow-up in the common case.
    pub fn default_between(from: NodeKind, to: NodeKind) -> EdgeKind {
        use NodeKind as K;
        match (from, to) {
            (K::Bet, K::Assumption | K::Belief | K::Question) => EdgeKind::Tests,
            (K::Metric, _) => EdgeKind::Measures,
            (K::Assumption | K::Question, _) => EdgeKind::DependsOn,
            _ => EdgeKind::Supports,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub id: EdgeId,
    pub from: NodeId,
    pub to: NodeId,
    pub kind: EdgeKind,
    #[serde(default)]
    pub label: String,
}

impl Edge {
    pub fn new(id: EdgeId, from: NodeId, to: NodeId, kind: EdgeKind) -> Self {
        Self {
            id,
            from,
            to,
            kind,
            label: String::new(),
        }
    }
}
