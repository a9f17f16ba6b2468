//! What the room knows of the document: a small view the owner publishes
//! after every change. The room never touches the document itself; it reads
//! this and sends edits back through the owner's queue.

use crate::analysis::belief_map::{self, Quadrant};
use crate::analysis::votes::Spread;
use crate::model::{
    CanvasId, Document, DotTarget, NodeId, NodeKind, NoteId, ParticipantId, SectionId, takes_votes,
};
use std::collections::HashMap;

/// Which cards the phones vote on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardChoice {
    Beliefs,
    Assumptions,
    Bets,
    /// Beliefs, assumptions and bets.
    All,
    /// These cards (the facilitator's selection), in this order.
    Ids(Vec<NodeId>),
}

impl CardChoice {
    /// `beliefs`, `assumptions`, `bets`, `all` or ids separated by commas.
    pub fn parse(text: &str) -> Result<CardChoice, String> {
        match text.trim().to_lowercase().as_str() {
            "beliefs" => Ok(CardChoice::Beliefs),
            "assumptions" => Ok(CardChoice::Assumptions),
            "bets" => Ok(CardChoice::Bets),
            "all" => Ok(CardChoice::All),
            other => other
                .split(',')
                .map(|id| id.trim().parse::<u64>().map(NodeId))
                .collect::<Result<Vec<_>, _>>()
                .map(CardChoice::Ids)
                .map_err(|_| {
                    format!(
                        "--cards takes beliefs, assumptions, bets, all, or card ids separated \
                         by commas, not \"{text}\""
                    )
                }),
        }
    }

    fn includes(&self, id: NodeId, kind: NodeKind) -> bool {
        match self {
            CardChoice::Beliefs => kind == NodeKind::Belief,
            CardChoice::Assumptions => kind == NodeKind::Assumption,
            CardChoice::Bets => kind == NodeKind::Bet,
            CardChoice::All => matches!(
                kind,
                NodeKind::Belief | NodeKind::Assumption | NodeKind::Bet
            ),
            CardChoice::Ids(ids) => ids.contains(&id),
        }
    }
}

/// A card as a phone lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: NodeId,
    pub kind: &'static str,
    pub title: String,
}

/// How the room voted on one card, once revealed.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: NodeId,
    pub spread: Spread,
    /// Where the card now sits on the belief 2×2; `None` without a stance.
    pub quadrant: Option<Quadrant>,
}

/// A canvas note as a phone lists it for dot voting.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteCard {
    pub canvas: CanvasId,
    pub note: NoteId,
    pub section: String,
    pub text: String,
}

/// The dot-voting round, while one is open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Round {
    pub per_person: u8,
}

/// How a target is written in the API: `node-12`, `note-3-5` (canvas 3,
/// note 5).
pub fn target_key(target: DotTarget) -> String {
    match target {
        DotTarget::Node(id) => format!("node-{}", id.0),
        DotTarget::Note { canvas, note } => format!("note-{}-{}", canvas.0, note.0),
    }
}

pub fn parse_target(key: &str) -> Option<DotTarget> {
    let mut parts = key.split('-');
    let target = match (parts.next()?, parts.next(), parts.next()) {
        ("node", Some(id), None) => DotTarget::Node(NodeId(id.parse().ok()?)),
        ("note", Some(canvas), Some(note)) => DotTarget::Note {
            canvas: CanvasId(canvas.parse().ok()?),
            note: NoteId(note.parse().ok()?),
        },
        _ => return None,
    };
    parts.next().is_none().then_some(target)
}

/// The document as the room sees it.
#[derive(Clone, Debug, Default)]
pub struct Published {
    /// Every card that can be voted on, in map order.
    cards: Vec<Card>,
    /// Card kinds, to filter by the choice.
    kinds: HashMap<NodeId, NodeKind>,
    /// Everyone in the workshop, by name.
    pub participants: Vec<(ParticipantId, String)>,
    /// Each person's own votes: a phone only ever sees its own.
    votes: HashMap<ParticipantId, Vec<(NodeId, u8)>>,
    pub revealed: bool,
    spreads: HashMap<NodeId, (Spread, Option<Quadrant>)>,
    /// The open dot round, if any.
    pub round: Option<Round>,
    /// Each person's dots in the open round.
    dots: HashMap<ParticipantId, Vec<DotTarget>>,
    /// Every canvas note, for the canvas the phones are shown.
    notes: Vec<NoteCard>,
    /// Each canvas's sections, by id and title: where phones may write.
    sections: HashMap<CanvasId, Vec<(SectionId, String)>>,
}

impl Published {
    pub fn of(doc: &Document) -> Published {
        let mut view = Published::default();
        view.refresh_drawing(doc);
        view.refresh_marks(doc);
        view
    }

    /// The cards, kinds, notes and sections: what changes only when the
    /// document draws differently, so a vote (a marks-only change, see
    /// `Command::marks_only`) need not copy every title again.
    pub fn refresh_drawing(&mut self, doc: &Document) {
        self.cards = doc
            .nodes
            .iter()
            .filter(|n| takes_votes(n.kind))
            .map(|n| Card {
                id: n.id,
                kind: n.kind.label(),
                title: n.title.clone(),
            })
            .collect();
        self.kinds = doc.nodes.iter().map(|n| (n.id, n.kind)).collect();
        self.notes = doc
            .canvases
            .iter()
            .flat_map(|c| {
                c.notes.iter().map(|n| NoteCard {
                    canvas: c.id,
                    note: n.id,
                    section: c
                        .section(n.section)
                        .map(|s| s.title.clone())
                        .unwrap_or_default(),
                    text: n.text.clone(),
                })
            })
            .collect();
        self.sections = doc
            .canvases
            .iter()
            .map(|c| {
                let list = c.sections.iter().map(|s| (s.id, s.title.clone()));
                (c.id, list.collect())
            })
            .collect();
    }

    /// Who is in the room, their votes and dots, and the reveal.
    pub fn refresh_marks(&mut self, doc: &Document) {
        let w = &doc.workshop;
        let mut votes: HashMap<ParticipantId, Vec<(NodeId, u8)>> = HashMap::new();
        for v in &w.votes {
            votes
                .entry(v.participant)
                .or_default()
                .push((v.node, v.confidence));
        }
        self.spreads = if w.revealed {
            let heights = belief_map::heights(doc);
            let stances: HashMap<NodeId, Option<u8>> =
                doc.nodes.iter().map(|n| (n.id, n.stance)).collect();
            crate::analysis::votes::votes_by_node(doc)
                .into_iter()
                .filter_map(|(id, values)| {
                    let quadrant = match (stances.get(&id).copied().flatten(), heights.get(&id)) {
                        (Some(stance), Some(h)) => Some(Quadrant::of(stance, h.convergence)),
                        _ => None,
                    };
                    Spread::of(&values).map(|s| (id, (s, quadrant)))
                })
                .collect()
        } else {
            HashMap::new()
        };
        let round = w.dot_round.as_ref().filter(|r| r.open);
        let mut dots: HashMap<ParticipantId, Vec<DotTarget>> = HashMap::new();
        for d in round.map_or(&[][..], |r| r.dots.as_slice()) {
            dots.entry(d.participant).or_default().push(d.target);
        }
        self.participants = w
            .participants
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect();
        self.votes = votes;
        self.revealed = w.revealed;
        self.round = round.map(|r| Round {
            per_person: r.per_person,
        });
        self.dots = dots;
    }

    /// `participant`'s dots in the open round.
    pub fn dots_of(&self, participant: ParticipantId) -> &[DotTarget] {
        self.dots.get(&participant).map_or(&[], Vec::as_slice)
    }

    /// The notes of `canvas`, in the canvas's order.
    pub fn notes_of(&self, canvas: CanvasId) -> impl Iterator<Item = &NoteCard> {
        self.notes.iter().filter(move |n| n.canvas == canvas)
    }

    pub fn has_canvas(&self, canvas: CanvasId) -> bool {
        self.sections.contains_key(&canvas)
    }

    /// The title of a section phones may write into, if it exists.
    pub fn section_title(&self, canvas: CanvasId, section: SectionId) -> Option<&str> {
        self.sections
            .get(&canvas)?
            .iter()
            .find(|(id, _)| *id == section)
            .map(|(_, title)| title.as_str())
    }

    /// Whether a dot may go on `target`: a card open for voting, or a note
    /// of the canvas the phones are shown.
    pub fn dot_target_open(
        &self,
        choice: &CardChoice,
        canvas: Option<CanvasId>,
        target: DotTarget,
    ) -> bool {
        match target {
            DotTarget::Node(id) => self.is_open(choice, id),
            DotTarget::Note { canvas: c, note } => {
                Some(c) == canvas && self.notes_of(c).any(|n| n.note == note)
            }
        }
    }

    /// The cards open for voting under `choice`.
    pub fn cards(&self, choice: &CardChoice) -> Vec<&Card> {
        match choice {
            CardChoice::Ids(ids) => ids
                .iter()
                .filter_map(|id| self.cards.iter().find(|c| c.id == *id))
                .collect(),
            _ => self
                .cards
                .iter()
                .filter(|c| {
                    self.kinds
                        .get(&c.id)
                        .is_some_and(|k| choice.includes(c.id, *k))
                })
                .collect(),
        }
    }

    /// A card takes votes (the cards are exactly those) and `choice` has it.
    pub fn is_open(&self, choice: &CardChoice, id: NodeId) -> bool {
        self.kinds
            .get(&id)
            .is_some_and(|k| takes_votes(*k) && choice.includes(id, *k))
    }

    /// `participant`'s own votes.
    pub fn votes_of(&self, participant: ParticipantId) -> &[(NodeId, u8)] {
        self.votes.get(&participant).map_or(&[], Vec::as_slice)
    }

    /// The revealed results for `cards`; empty before the reveal.
    pub fn results(&self, cards: &[&Card]) -> Vec<Outcome> {
        cards
            .iter()
            .filter_map(|c| {
                self.spreads.get(&c.id).map(|(s, q)| Outcome {
                    id: c.id,
                    spread: *s,
                    quadrant: *q,
                })
            })
            .collect()
    }

    /// The participant named `name` (any case), if there is one.
    pub fn named(&self, name: &str) -> Option<ParticipantId> {
        self.participants
            .iter()
            .find(|(_, n)| super::state::same_name(n, name))
            .map(|(id, _)| *id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_read_back_as_written_and_nothing_else_parses() {
        for target in [
            DotTarget::Node(NodeId(12)),
            DotTarget::Note {
                canvas: CanvasId(3),
                note: NoteId(5),
            },
        ] {
            assert_eq!(parse_target(&target_key(target)), Some(target));
        }
        for bad in [
            "",
            "node",
            "node-",
            "node-x",
            "node-1-2",
            "note-1",
            "note-1-2-3",
            "../x",
        ] {
            assert_eq!(parse_target(bad), None, "{bad}");
        }
    }
}
