//! What the room knows of the document: a small view the owner publishes
//! after every change. The room never touches the document itself; it reads
//! this and sends edits back through the owner's queue.

use crate::analysis::votes::Spread;
use crate::model::{Document, NodeId, NodeKind, ParticipantId, takes_votes};
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
    spreads: HashMap<NodeId, Spread>,
}

impl Published {
    pub fn of(doc: &Document) -> Published {
        let w = &doc.workshop;
        let cards: Vec<Card> = doc
            .nodes
            .iter()
            .filter(|n| takes_votes(n.kind))
            .map(|n| Card {
                id: n.id,
                kind: n.kind.label(),
                title: n.title.clone(),
            })
            .collect();
        let mut votes: HashMap<ParticipantId, Vec<(NodeId, u8)>> = HashMap::new();
        for v in &w.votes {
            votes
                .entry(v.participant)
                .or_default()
                .push((v.node, v.confidence));
        }
        let spreads = if w.revealed {
            crate::analysis::votes::votes_by_node(doc)
                .into_iter()
                .filter_map(|(id, values)| Spread::of(&values).map(|s| (id, s)))
                .collect()
        } else {
            HashMap::new()
        };
        Published {
            kinds: doc.nodes.iter().map(|n| (n.id, n.kind)).collect(),
            cards,
            participants: w
                .participants
                .iter()
                .map(|p| (p.id, p.name.clone()))
                .collect(),
            votes,
            revealed: w.revealed,
            spreads,
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

    pub fn is_open(&self, choice: &CardChoice, id: NodeId) -> bool {
        self.kinds.get(&id).is_some_and(|k| choice.includes(id, *k))
            && self.cards.iter().any(|c| c.id == id)
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
                self.spreads.get(&c.id).map(|s| Outcome {
                    id: c.id,
                    spread: *s,
                })
            })
            .collect()
    }

    /// The participant named `name` (any case), if there is one.
    pub fn named(&self, name: &str) -> Option<ParticipantId> {
        let name = name.trim().to_lowercase();
        self.participants
            .iter()
            .find(|(_, n)| n.trim().to_lowercase() == name)
            .map(|(id, _)| *id)
    }
}
