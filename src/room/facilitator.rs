//! The facilitator's side of the API, for a room run from a tablet: the
//! same actions the window's Room section offers. Every endpoint here
//! refuses a participant's token with 403.

use super::server::{Answer, Refusal, Shared, apply, authorise, error, json_body};
use super::state::{Role, Writing};
use super::view::CardChoice;
use crate::edit::Command;
use crate::model::{CanvasId, MAX_DOTS_EACH, NodeId, ParticipantId, SectionId};
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde_json::Value;

/// Refuses anyone but the facilitator: 403 for a participant's token.
fn facilitator_only(shared: &Shared, headers: &HeaderMap) -> Result<(), Refusal> {
    match authorise(shared, headers)? {
        (Role::Facilitator, _) => Ok(()),
        _ => Err(error(
            StatusCode::FORBIDDEN,
            "only the facilitator can do that",
        )),
    }
}

pub async fn act(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(action): Path<String>,
) -> Answer {
    facilitator_only(&shared, &headers)?;
    // Small commands, not a workshop replace: see `edit::history`.
    // None when there is nothing to change.
    let change: fn(&crate::model::Workshop) -> Option<Command> = match action.as_str() {
        "reveal" => |w| (!w.revealed).then_some(Command::SetRevealed(true)),
        "hide" => |w| w.revealed.then_some(Command::SetRevealed(false)),
        "clear" => |w| {
            let withdrawn = w
                .votes
                .iter()
                .map(|v| (v.node, v.participant, None))
                .collect();
            (w.revealed || !w.votes.is_empty()).then_some(Command::Batch(vec![
                Command::SetVotes(withdrawn),
                Command::SetRevealed(false),
            ]))
        },
        "lock" | "unlock" => {
            shared.state().locked = action == "lock";
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
        _ => return Err(error(StatusCode::NOT_FOUND, "no such action")),
    };
    let decided = apply(&shared, move |doc| (change(&doc.workshop), ())).await;
    decided?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Frees a participant's name for another phone: the phone that held it is
/// signed out.
pub async fn release(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(participant): Path<u64>,
) -> Answer {
    facilitator_only(&shared, &headers)?;
    shared.state().release(ParticipantId(participant));
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/facilitator/cards {"cards": "beliefs"|"assumptions"|"bets"|"all"|[ids]}`:
/// what the phones vote on.
pub async fn cards(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Answer {
    facilitator_only(&shared, &headers)?;
    let body = json_body(body).await?;
    let choice = match body.get("cards") {
        Some(Value::String(text)) => CardChoice::parse(text).ok(),
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|id| id.as_u64().map(NodeId))
            .collect::<Option<Vec<_>>>()
            .map(CardChoice::Ids),
        _ => None,
    };
    let Some(choice) = choice else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "cards is \"beliefs\", \"assumptions\", \"bets\", \"all\" or a list of card ids",
        ));
    };
    shared.state().choice = choice;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/facilitator/canvas {"canvas": ID|null}`: whose notes phones
/// dot-vote on.
pub async fn canvas(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Answer {
    facilitator_only(&shared, &headers)?;
    let body = json_body(body).await?;
    let canvas = match body.get("canvas") {
        Some(Value::Null) => None,
        Some(id) => Some(canvas_id(&shared, id)?),
        None => return Err(error(StatusCode::BAD_REQUEST, "give canvas: an id or null")),
    };
    shared.state().canvas = canvas;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn canvas_id(shared: &Shared, id: &Value) -> Result<CanvasId, Refusal> {
    let id = id
        .as_u64()
        .map(CanvasId)
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "canvas is a canvas id"))?;
    let published = shared.view();
    if published.has_canvas(id) {
        Ok(id)
    } else {
        Err(error(StatusCode::NOT_FOUND, "no such canvas"))
    }
}

/// `POST /api/facilitator/writing {"canvas", "section"}`: phones may write
/// hidden notes into that section.
pub async fn open_writing(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Answer {
    facilitator_only(&shared, &headers)?;
    let body = json_body(body).await?;
    let canvas = canvas_id(&shared, body.get("canvas").unwrap_or(&Value::Null))?;
    let section = body
        .get("section")
        .and_then(Value::as_u64)
        .map(SectionId)
        .ok_or_else(|| error(StatusCode::BAD_REQUEST, "section is a section id"))?;
    let exists = shared.view().section_title(canvas, section).is_some();
    if !exists {
        return Err(error(
            StatusCode::NOT_FOUND,
            "no such section on that canvas",
        ));
    }
    shared
        .state()
        .set_writing(Some(Writing { canvas, section }));
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `DELETE /api/facilitator/writing`: phones stop writing; what they wrote
/// stays waiting for the reveal.
pub async fn close_writing(State(shared): State<Shared>, headers: HeaderMap) -> Answer {
    facilitator_only(&shared, &headers)?;
    shared.state().set_writing(None);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/facilitator/notes/reveal`: every waiting note lands in its
/// section as an ordinary note. The notes are taken on the owner's thread,
/// in the same step that adds them, so none can be lost in between.
pub async fn reveal_notes(State(shared): State<Shared>, headers: HeaderMap) -> Answer {
    facilitator_only(&shared, &headers)?;
    let room = shared.clone();
    apply(&shared, move |doc| {
        (super::rounds::land_waiting(&mut room.state(), doc), ())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/facilitator/dots {"per_person": 1–20}`: a new dot-voting
/// round (earlier dots are cleared, as in the window).
pub async fn start_dots(State(shared): State<Shared>, headers: HeaderMap, body: Body) -> Answer {
    facilitator_only(&shared, &headers)?;
    let body = json_body(body).await?;
    let per_person = body
        .get("per_person")
        .and_then(Value::as_u64)
        .filter(|n| (1..=u64::from(MAX_DOTS_EACH)).contains(n));
    let Some(per_person) = per_person else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            &format!("per_person must be a whole number from 1 to {MAX_DOTS_EACH}"),
        ));
    };
    let round = crate::model::DotRound {
        per_person: per_person as u8,
        open: true,
        dots: Vec::new(),
    };
    apply(&shared, move |_| {
        (Some(Command::SetDotRound(Some(round))), ())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `DELETE /api/facilitator/dots`: closes the round, keeping its result.
pub async fn end_dots(State(shared): State<Shared>, headers: HeaderMap) -> Answer {
    facilitator_only(&shared, &headers)?;
    apply(&shared, |doc| {
        let open = doc.workshop.dot_round.as_ref().is_some_and(|r| r.open);
        (open.then_some(Command::OpenDotRound(false)), ())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
