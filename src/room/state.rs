//! The room's own state: its code, who holds which token, and the limits.
//! None of it is in the document: closing the room forgets every token.

use super::limits::{Buckets, FailedJoins};
use super::view::CardChoice;
use crate::model::ParticipantId;
use std::collections::HashMap;

/// Names longer than this are refused at join.
pub const MAX_NAME_CHARS: usize = 60;
/// People a room takes.
pub const MAX_PARTICIPANTS: usize = 200;

/// Who a token speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Facilitator,
    Participant(ParticipantId),
}

#[derive(Debug)]
pub struct RoomState {
    pub code: String,
    pub facilitator: String,
    /// Participant tokens; a token acts only as its own participant.
    tokens: HashMap<String, ParticipantId>,
    /// Which participant is held by a phone, by its token.
    held: HashMap<ParticipantId, String>,
    /// New names are refused; people already in the workshop may still join.
    pub locked: bool,
    pub choice: CardChoice,
    pub buckets: Buckets,
    pub failed_joins: FailedJoins,
}

impl RoomState {
    pub fn new(code: String, facilitator: String, choice: CardChoice) -> Self {
        Self {
            code,
            facilitator,
            tokens: HashMap::new(),
            held: HashMap::new(),
            locked: false,
            choice,
            buckets: Buckets::default(),
            failed_joins: FailedJoins::default(),
        }
    }

    pub fn role(&self, token: &str) -> Option<Role> {
        if token == self.facilitator {
            return Some(Role::Facilitator);
        }
        self.tokens.get(token).copied().map(Role::Participant)
    }

    pub fn is_held(&self, participant: ParticipantId) -> bool {
        self.held.contains_key(&participant)
    }

    /// Gives `participant` to the phone holding `token`.
    pub fn hold(&mut self, participant: ParticipantId, token: String) {
        self.held.insert(participant, token.clone());
        self.tokens.insert(token, participant);
    }

    /// Frees a name for another phone (the facilitator's "release").
    pub fn release(&mut self, participant: ParticipantId) {
        if let Some(token) = self.held.remove(&participant) {
            self.tokens.remove(&token);
        }
    }
}
