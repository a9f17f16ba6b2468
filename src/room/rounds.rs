//! Dot voting and silent writing from phones.
//!
//! A dot is placed or taken back one request at a time, and the allowance
//! is checked again when the owner applies it, so two taps racing from one
//! phone never place more dots than the round allows. Notes written on a
//! phone stay in the room's own state, hidden from every other phone and
//! from the big screen, until the facilitator reveals them; only then do
//! they become notes in the document.

use super::server::{
    Answer, Refusal, Shared, apply, authorise, error, json_body, participant_only,
};
use super::state::{HiddenNote, MAX_NOTES_EACH, RoomState};
use super::view::parse_target;
use crate::edit::Command;
use crate::model::{Document, Dot, DotTarget, MAX_TEXT_CHARS, Note};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::{Value, json};

/// Why a dot was not placed, decided on the owner's thread.
enum Refused {
    NoRound,
    NoneLeft(u8),
}

/// The dot target in a path, if phones may dot it now.
fn open_target(shared: &Shared, key: &str) -> Result<DotTarget, Refusal> {
    let not_open = || {
        error(
            StatusCode::NOT_FOUND,
            "that card or note is not in this round",
        )
    };
    let target = parse_target(key).ok_or_else(not_open)?;
    let (choice, canvas) = {
        let state = shared.state();
        (state.choice.clone(), state.canvas)
    };
    let published = shared.view();
    if published.round.is_none() {
        return Err(error(StatusCode::CONFLICT, "no dot-voting round is open"));
    }
    if published.dot_target_open(&choice, canvas, target) {
        Ok(target)
    } else {
        Err(not_open())
    }
}

/// `PUT /api/dots/TARGET`: my dot on it. Idempotent: a phone that already
/// has a dot there is told yes and nothing changes.
pub async fn place(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Answer {
    let dot = phone_dot(&shared, &headers, &key)?;
    let decided = apply(&shared, move |doc| decide_place(doc, dot)).await?;
    match decided {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(Refused::NoRound) => Err(error(StatusCode::CONFLICT, "no dot-voting round is open")),
        Err(Refused::NoneLeft(n)) => Err(error(
            StatusCode::CONFLICT,
            &format!("you have placed all {n} dots; tap one to take it back"),
        )),
    }
}

/// The dot a phone's request is about: its own, on a target of the round.
fn phone_dot(shared: &Shared, headers: &HeaderMap, key: &str) -> Result<Dot, Refusal> {
    let participant = authorise(shared, headers).and_then(|(r, _)| participant_only(r))?;
    let target = open_target(shared, key)?;
    Ok(Dot {
        participant,
        target,
    })
}

fn decide_place(doc: &Document, dot: Dot) -> (Option<Command>, Result<(), Refused>) {
    let w = &doc.workshop;
    let Some(round) = w.dot_round.as_ref().filter(|r| r.open) else {
        return (None, Err(Refused::NoRound));
    };
    if round.dots.contains(&dot) {
        return (None, Ok(()));
    }
    if w.dots_used(dot.participant) >= usize::from(round.per_person) {
        return (None, Err(Refused::NoneLeft(round.per_person)));
    }
    (Some(Command::PlaceDot(dot)), Ok(()))
}

/// `DELETE /api/dots/TARGET`: takes my dot back; harmless when there is
/// none.
pub async fn take(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(key): Path<String>,
) -> Answer {
    let dot = phone_dot(&shared, &headers, &key)?;
    apply(&shared, move |doc| {
        let has = doc
            .workshop
            .dot_round
            .as_ref()
            .is_some_and(|r| r.open && r.dots.contains(&dot));
        (has.then_some(Command::TakeDot(dot)), ())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/notes {"text"}`: a hidden note in the section open for
/// writing.
pub async fn write(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Answer {
    let me = authorise(&shared, &headers).and_then(|(r, _)| participant_only(r))?;
    let body = json_body(body).await?;
    let text = body
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned();
    if text.is_empty() {
        return Err(error(StatusCode::BAD_REQUEST, "write something first"));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(error(StatusCode::BAD_REQUEST, "that note is too long"));
    }
    let mut state = shared.state();
    let Some(writing) = state.writing else {
        return Err(error(
            StatusCode::CONFLICT,
            "the facilitator has not opened a section for writing",
        ));
    };
    if !state.write(me, writing, text) {
        return Err(error(
            StatusCode::CONFLICT,
            &format!("you have {MAX_NOTES_EACH} notes waiting; that is the most"),
        ));
    }
    drop(state);
    // The note is not in the document, but the big screen's count is:
    // wake the owner so it shows.
    shared.edits.nudge();
    Ok((StatusCode::CREATED, axum::Json(json!({}))).into_response())
}

/// Takes every waiting note out of the room as the command that lands it
/// in its section. Called on the owner's thread, which applies the command
/// at once, so no note is ever in neither place.
pub fn land_waiting(state: &mut RoomState, doc: &Document) -> Option<Command> {
    landing(doc, std::mem::take(&mut state.hidden))
}

/// The notes revealed as one command, each in the section it was written
/// for; a note whose canvas or section is gone since is dropped.
fn landing(doc: &Document, hidden: Vec<HiddenNote>) -> Option<Command> {
    let mut commands = Vec::new();
    for canvas in &doc.canvases {
        let mut next = doc.next_note_id(canvas.id);
        let notes: Vec<Note> = hidden
            .iter()
            .filter(|h| {
                h.writing.canvas == canvas.id && canvas.section(h.writing.section).is_some()
            })
            .map(|h| {
                let note = Note {
                    id: next,
                    section: h.writing.section,
                    text: h.text.clone(),
                    ..Note::default()
                };
                next.0 += 1;
                note
            })
            .collect();
        if !notes.is_empty() {
            commands.push(Command::AddNotes {
                canvas: canvas.id,
                notes,
            });
        }
    }
    match commands.len() {
        0 => None,
        1 => commands.pop(),
        _ => Some(Command::Batch(commands)),
    }
}
