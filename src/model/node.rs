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

/// Four labelled free-text prompts, the shape shared by Cutler's learning
/// prompts and Strategyzer's test and learning cards. One trait lets the
/// inspector, the Markdown export and validation treat all three alike.
pub trait PromptCard {
    /// The card's heading, as the inspector and export show it.
    const TITLE: &'static str;
    /// Each blank's lead-in, in the order a reader fills them.
    const LABELS: [&'static str; 4];
    /// Each blank's key in the file, in the same order.
    const KEYS: [&'static str; 4];
    fn texts(&self) -> [&String; 4];
    fn texts_mut(&mut self) -> [&mut String; 4];

    fn is_empty(&self) -> bool {
        self.texts().iter().all(|t| t.trim().is_empty())
    }
}

/// Cutler's learning-backlog prompts (TBM 7/53), which say why reducing an
/// uncertainty is worth the work.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct LearningPrompts {
    /// "Reducing uncertainty here will allow us to ___"
    pub allows_us_to: String,
    /// "The value of reducing uncertainty here (being less wrong) is ___"
    pub value_of_less_wrong: String,
    /// "The cost of being wrong is ___"
    pub cost_of_being_wrong: String,
    /// "Progress towards reducing uncertainty here will look like ___"
    pub progress_looks_like: String,
}

impl PromptCard for LearningPrompts {
    const TITLE: &'static str = "Learning prompts";
    const LABELS: [&'static str; 4] = [
        "Reducing uncertainty here will allow us to",
        "The value of reducing uncertainty here (being less wrong) is",
        "The cost of being wrong is",
        "Progress towards reducing uncertainty here will look like",
    ];
    const KEYS: [&'static str; 4] = [
        "allows_us_to",
        "value_of_less_wrong",
        "cost_of_being_wrong",
        "progress_looks_like",
    ];
    fn texts(&self) -> [&String; 4] {
        [
            &self.allows_us_to,
            &self.value_of_less_wrong,
            &self.cost_of_being_wrong,
            &self.progress_looks_like,
        ]
    }
    fn texts_mut(&mut self) -> [&mut String; 4] {
        [
            &mut self.allows_us_to,
            &mut self.value_of_less_wrong,
            &mut self.cost_of_being_wrong,
            &mut self.progress_looks_like,
        ]
    }
}

/// Strategyzer's test card: how a bet will be checked, written before the
/// result is known so nobody moves the goalposts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct TestCard {
    pub we_believe: String,
    pub to_verify: String,
    pub measure: String,
    pub right_if: String,
}

impl PromptCard for TestCard {
    const TITLE: &'static str = "Test card";
    const LABELS: [&'static str; 4] = [
        "We believe",
        "To verify that, we will",
        "And measure",
        "We are right if",
    ];
    const KEYS: [&'static str; 4] = ["we_believe", "to_verify", "measure", "right_if"];
    fn texts(&self) -> [&String; 4] {
        [
            &self.we_believe,
            &self.to_verify,
            &self.measure,
            &self.right_if,
        ]
    }
    fn texts_mut(&mut self) -> [&mut String; 4] {
        [
            &mut self.we_believe,
            &mut self.to_verify,
            &mut self.measure,
            &mut self.right_if,
        ]
    }
}

/// Strategyzer's learning card: what a test or a learning item taught.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct LearningCard {
    pub believed: String,
    pub observed: String,
    pub learned: String,
    pub therefore: String,
}

impl PromptCard for LearningCard {
    const TITLE: &'static str = "Learning card";
    const LABELS: [&'static str; 4] = [
        "We believed",
        "We observed",
        "We learned",
        "Therefore we will",
    ];
    const KEYS: [&'static str; 4] = ["believed", "observed", "learned", "therefore"];
    fn texts(&self) -> [&String; 4] {
        [
            &self.believed,
            &self.observed,
            &self.learned,
            &self.therefore,
        ]
    }
    fn texts_mut(&mut self) -> [&mut String; 4] {
        [
            &mut self.believed,
            &mut self.observed,
            &mut self.learned,
            &mut self.therefore,
        ]
    }
}

/// One four-blank card's words, whatever its kind.
pub struct CardTexts<'a> {
    pub title: &'static str,
    /// Each blank's lead-in.
    pub labels: [&'static str; 4],
    /// Each blank's key in the file.
    pub keys: [&'static str; 4],
    pub texts: [&'a String; 4],
}

fn is_empty_card<T: PromptCard>(card: &T) -> bool {
    card.texts().iter().all(|t| t.is_empty())
}

/// A position on the board, in board units (1 unit = 1 point at 100% zoom).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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
    /// Cutler's belief map, left to right: 0 = disrupt, challenge, shift;
    /// 100 = maintain, support, continue. `None` until someone places it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<u8>,
    /// Cutler's belief map, bottom to top: 0 = we diverge, 100 = we agree.
    /// Set by hand; revealed votes, when there are any, measure it instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub convergence: Option<u8>,
    #[serde(skip_serializing_if = "is_empty_card")]
    pub prompts: LearningPrompts,
    #[serde(skip_serializing_if = "is_empty_card")]
    pub test_card: TestCard,
    #[serde(skip_serializing_if = "is_empty_card")]
    pub learning_card: LearningCard,
    pub pos: Point,
    pub size: Size,
    /// Auto-layout leaves a pinned card where it is and places the rest
    /// around it. Written only when set.
    #[serde(skip_serializing_if = "is_false")]
    pub pinned: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
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
            stance: None,
            convergence: None,
            prompts: LearningPrompts::default(),
            test_card: TestCard::default(),
            learning_card: LearningCard::default(),
            pos: Point::default(),
            size: Size::default(),
            pinned: false,
        }
    }

    pub fn at(mut self, x: f32, y: f32) -> Self {
        self.pos = Point::new(x, y);
        self
    }

    /// Every free text a node holds, by its key in the file (each tag under
    /// `tags`), so limits and search cover every one of them.
    ///
    /// The destructuring is exhaustive on purpose: a new field does not
    /// compile until it is sorted here, as text or not, so no text field
    /// can be forgotten by the length limits or by search.
    pub fn texts(&self) -> impl Iterator<Item = (&'static str, &String)> + '_ {
        let Node {
            id: _,
            kind: _,
            title,
            notes,
            confidence: _,
            importance: _,
            evidence: _,
            status: _,
            owner,
            horizon: _,
            tags,
            colour: _,
            stance: _,
            convergence: _,
            // The four-blank cards, through `cards()` below.
            prompts: _,
            test_card: _,
            learning_card: _,
            pos: _,
            size: _,
            pinned: _,
        } = self;
        [("title", title), ("notes", notes), ("owner", owner)]
            .into_iter()
            .chain(tags.iter().map(|tag| ("tags", tag)))
            .chain(
                self.cards()
                    .into_iter()
                    .flat_map(|card| card.keys.into_iter().zip(card.texts)),
            )
    }

    /// The node's four-blank cards in reading order: Cutler's prompts, the
    /// test card, the learning card. Exhaustive like [`texts`](Self::texts),
    /// so a new card cannot be left out of the exports that list them.
    pub fn cards(&self) -> [CardTexts<'_>; 3] {
        fn of<T: PromptCard>(card: &T) -> CardTexts<'_> {
            CardTexts {
                title: T::TITLE,
                labels: T::LABELS,
                keys: T::KEYS,
                texts: card.texts(),
            }
        }
        let Node {
            prompts,
            test_card,
            learning_card,
            ..
        } = self;
        [of(prompts), of(test_card), of(learning_card)]
    }

    pub fn center(&self) -> Point {
        Point::new(
            self.pos.x + self.size.w / 2.0,
            self.pos.y + self.size.h / 2.0,
        )
    }
}
