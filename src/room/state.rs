//! The room's own state: its code, who holds which token, and the limits.
//! None of it is in the document: closing the room forgets every token.

use super::limits::{Buckets, FailedJoins};
use super::view::CardChoice;
use crate::model::{CanvasId, ParticipantId, SectionId};
use std::collections::HashMap;

/// Hidden notes one phone may have waiting; past it, writing is refused.
pub const MAX_NOTES_EACH: usize = 30;

/// A canvas section open for silent writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Writing {
    pub canvas: CanvasId,
    pub section: SectionId,
}

/// A note written on a phone, hidden from everyone else until the
/// facilitator reveals the notes.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenNote {
    pub id: u64,
    pub participant: ParticipantId,
    pub writing: Writing,
    pub text: String,
}

/// Whether two names are one person's: any case, spaces around ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

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

impl Role {
    /// The participant a token speaks for; `None` for the facilitator.
    pub fn participant(self) -> Option<ParticipantId> {
        match self {
            Role::Participant(me) => Some(me),
            Role::Facilitator => None,
        }
    }
}

#[derive(Debug)]
pub struct RoomState {
    pub code: String,
    pub facilitator: String,
    /// Participant tokens; a token acts only as its own participant.
    tokens: HashMap<String, ParticipantId>,
    /// Which participant is held by a phone, by its token.
    held: HashMap<ParticipantId, String>,
    /// Tokens whose name the facilitator released: told so, so the phone
    /// does not join straight back under the same name.
    released: std::collections::HashSet<String>,
    /// New names are refused; people already in the workshop may still join.
    pub locked: bool,
    pub choice: CardChoice,
    /// The canvas whose notes phones dot-vote on, if any.
    pub canvas: Option<CanvasId>,
    /// Where phones write, while silent writing is on.
    pub writing: Option<Writing>,
    /// Notes written and not yet revealed, oldest first.
    pub hidden: Vec<HiddenNote>,
    next_note: u64,
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
            released: Default::default(),
            locked: false,
            choice,
            canvas: None,
            writing: None,
            hidden: Vec::new(),
            next_note: 1,
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

    pub fn was_released(&self, token: &str) -> bool {
        self.released.contains(token)
    }

    pub fn is_held(&self, participant: ParticipantId) -> bool {
        self.held.contains_key(&participant)
    }

    /// Gives `participant` to the phone holding `token`.
    pub fn hold(&mut self, participant: ParticipantId, token: String) {
        self.held.insert(participant, token.clone());
        self.tokens.insert(token, participant);
    }

    /// Keeps a phone's note hidden until the reveal; false past the limit.
    pub fn write(&mut self, participant: ParticipantId, writing: Writing, text: String) -> bool {
        let mine = self.hidden.iter().filter(|n| n.participant == participant);
        if mine.count() >= MAX_NOTES_EACH {
            return false;
        }
        self.hidden.push(HiddenNote {
            id: self.next_note,
            participant,
            writing,
            text,
        });
        self.next_note += 1;
        true
    }

    /// Opens a section for silent writing, or (`None`) ends the writing;
    /// notes written stay waiting either way. Phones dot on the notes of
    /// the canvas they write into.
    pub fn set_writing(&mut self, writing: Option<Writing>) {
        self.writing = writing;
        if let Some(w) = writing {
            self.canvas = Some(w.canvas);
        }
    }

    /// Who holds a name now.
    pub fn held(&self) -> impl Iterator<Item = ParticipantId> + '_ {
        self.held.keys().copied()
    }

    /// Frees a name for another phone (the facilitator's "release").
    pub fn release(&mut self, participant: ParticipantId) {
        if let Some(token) = self.held.remove(&participant) {
            self.tokens.remove(&token);
            self.released.insert(token);
        }
    }
}
