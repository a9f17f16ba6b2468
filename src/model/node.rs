//! Nodes: the claims, bets and measures a map is made of.

use super::Rgb;
use serde::{Deserialize, Serialize};

/// A node's stable id. Ids never change once given, so files diff cleanly
/// and edges keep pointing at the right node across edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u64);

/// What a node claims to be. The order here is the palette order in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Outcome,
    Belief,
    Assumption,
    Bet,
    Metric,
    Evidence,
    Question,
}

impl NodeKind {
    pub const ALL: [NodeKind; 7] = [
        NodeKind::Outcome,
        NodeKind::Belief,
        NodeKind::Assumption,
        NodeKind::Bet,
        NodeKind::Metric,
        NodeKind::Evidence,
        NodeKind::Question,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Outcome => "Outcome",
            NodeKind::Belief => "Belief",
            NodeKind::Assumption => "Assumption",
            NodeKind::Bet => "Bet",
            NodeKind::Metric => "Metric",
            NodeKind::Evidence => "Evidence",
            NodeKind::Question => "Question",
        }
    }

    /// One line a newcomer can read in a tooltip.
    pub fn meaning(self) -> &'static str {
        match self {
            NodeKind::Outcome => "A goal or North Star",
            NodeKind::Belief => "\"We believe that…\"",
            NodeKind::Assumption => "Must be true for a belief or bet to hold",
            NodeKind::Bet => "An investment or experiment with a horizon",
            NodeKind::Metric => "An input or output measure",
            NodeKind::Evidence => "An observation, with its source",
            NodeKind::Question => "An open unknown",
        }
    }

    /// The kind a facilitator most likely means when adding something that
    /// this node rests on (the Tab key): outcomes rest on beliefs, beliefs on
    /// assumptions, assumptions on evidence.
    pub fn child_kind(self) -> NodeKind {
        match self {
            NodeKind::Outcome => NodeKind::Belief,
            NodeKind::Belief => NodeKind::Assumption,
            NodeKind::Assumption => NodeKind::Evidence,
            NodeKind::Bet => NodeKind::Metric,
            NodeKind::Metric => NodeKind::Evidence,
            NodeKind::Evidence => NodeKind::Evidence,
            NodeKind::Question => NodeKind::Assumption,
        }
    }
}

/// How well tested a claim is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Untested,
    Testing,
    Validated,
    Invalidated,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Untested,
        Status::Testing,
        Status::Validated,
        Status::Invalidated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Untested => "Untested",
            Status::Testing => "Testing",
            Status::Validated => "Validated",
            Status::Invalidated => "Invalidated",
        }
    }
}

/// How much evidence backs a node, Bland's "known ↔ unknown" axis.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStrength {
    #[default]
    None,
    Weak,
    Moderate,
    Strong,
}

impl EvidenceStrength {
    pub const ALL: [EvidenceStrength; 4] = [
        EvidenceStrength::None,
        EvidenceStrength::Weak,
        EvidenceStrength::Moderate,
        EvidenceStrength::Strong,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EvidenceStrength::None => "None",
            EvidenceStrength::Weak => "Weak",
            EvidenceStrength::Moderate => "Moderate",
            EvidenceStrength::Strong => "Strong",
        }
    }
}

/// When a bet should pay off: 1–3 months or 1–3 quarters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    #[default]
    Unset,
    OneMonth,
    TwoMonths,
    ThreeMonths,
    OneQuarter,
    TwoQuarters,
    ThreeQuarters,
}

impl Horizon {
    pub const ALL: [Horizon; 7] = [
        Horizon::Unset,
        Horizon::OneMonth,
        Horizon::TwoMonths,
        Horizon::ThreeMonths,
        Horizon::OneQuarter,
        Horizon::TwoQuarters,
        Horizon::ThreeQuarters,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Horizon::Unset => "—",
            Horizon::OneMonth => "1 month",
            Horizon::TwoMonths => "2 months",
            Horizon::ThreeMonths => "3 months",
            Horizon::OneQuarter => "1 quarter",
            Horizon::TwoQuarters => "2 quarters",
            Horizon::ThreeQuarters => "3 quarters",
        }
    }
}

/// Cutler's two prompts that make a bet's purpose explicit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BetPrompts {
    /// "Reducing uncertainty here will allow us to ___"
    pub allows_us_to: String,
    /// "The value of being less wrong here is ___"
    pub value_of_less_wrong: String,
}

impl BetPrompts {
    pub fn is_empty(&self) -> bool {
        self.allows_us_to.is_empty() && self.value_of_less_wrong.is_empty()
    }
}

/// A position on the board, in board units (1 unit = 1 point at 100% zoom).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// A card's size in board units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

impl Default for Size {
    fn default() -> Self {
        Self { w: 200.0, h: 100.0 }
    }
}

/// One card on the belief map.
///
/// Fields are declared in the order a reader scans a saved file: identity,
/// words, judgement, bookkeeping, geometry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    pub title: String,
    pub notes: String,
    /// 0–100: how sure the team is that this holds.
    pub confidence: u8,
    /// 1–5: how much rests on this.
    pub importance: u8,
    pub evidence: EvidenceStrength,
    pub status: Status,
    pub owner: String,
    pub horizon: Horizon,
    pub tags: Vec<String>,
    pub colour: Option<Rgb>,
    pub prompts: BetPrompts,
    pub pos: Point,
    pub size: Size,
}

impl Default for Node {
    fn default() -> Self {
        Self::new(NodeId(0), NodeKind::Belief, "")
    }
}

impl Node {
    pub fn new(id: NodeId, kind: NodeKind, title: impl Into<String>) -> Self {
        Self {
            id,
            kind,
            title: title.into(),
            notes: String::new(),
            confidence: 50,
            importance: 3,
            evidence: EvidenceStrength::None,
            status: Status::Untested,
            owner: String::new(),
            horizon: Horizon::Unset,
            tags: Vec::new(),
            colour: None,
            prompts: BetPrompts::default(),
            pos: Point::default(),
            size: Size::default(),
        }
    }

    pub fn at(mut self, x: f32, y: f32) -> Self {
        self.pos = Point::new(x, y);
        self
    }

    pub fn center(&self) -> Point {
        Point::new(
            self.pos.x + self.size.w / 2.0,
            self.pos.y + self.size.h / 2.0,
        )
    }
}
