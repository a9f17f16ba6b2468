//! The room's HTTP API and the phone page, on axum.
//!
//! Every request is checked against the room's state and the published
//! view first, so a refusal changes nothing. An accepted one becomes an
//! [`Edit::Compute`] in the owner's queue, decided again against the
//! document as it is when the queue reaches it; the phone is answered only
//! once the document holds the change. Only the page and `/api/…` are
//! served: no request path ever reaches the file system.

use super::facilitator;
use super::state::{MAX_NAME_CHARS, MAX_PARTICIPANTS, Role, RoomState};
use super::view::{Published, target_key};
use crate::edit::{Command, Computed, Edit, EditSender};
use crate::model::{Document, NodeId, ParticipantId};
use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Request bodies larger than this are refused.
pub const MAX_BODY: usize = 16 * 1024;
/// How long a request waits for the owner to apply its edit.
const APPLY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a join is refused while another phone holds the name: checked
/// before the owner is asked, and again after, as two phones may race.
const HELD: &str = "that name is taken by another phone; ask the facilitator to release it";

/// The phone page, embedded: no build step, nothing from the internet.
const PAGE: &str = include_str!("../../assets/room/index.html");

#[derive(Clone)]
pub struct Shared {
    pub state: Arc<Mutex<RoomState>>,
    pub published: Arc<RwLock<Published>>,
    pub edits: EditSender,
}

impl Shared {
    /// The room's own state. A handler that panicked while holding it left
    /// nothing half-written that a later request could trip on (each
    /// change is one assignment), so a poisoned lock is taken as it is.
    pub fn state(&self) -> std::sync::MutexGuard<'_, RoomState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The document as last published.
    pub fn view(&self) -> std::sync::RwLockReadGuard<'_, Published> {
        self.published.read().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn router(shared: Shared) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/join", post(join))
        .route("/api/state", get(state))
        .route("/api/votes/{id}", put(vote).delete(unvote))
        .route("/api/participants", get(participants))
        .route(
            "/api/dots/{target}",
            put(super::rounds::place).delete(super::rounds::take),
        )
        .route("/api/notes", post(super::rounds::write))
        .route("/api/facilitator/{action}", post(facilitator::act))
        .route(
            "/api/facilitator/release/{participant}",
            post(facilitator::release),
        )
        .route("/api/facilitator/cards", post(facilitator::cards))
        .route(
            "/api/facilitator/dots",
            post(facilitator::start_dots).delete(facilitator::end_dots),
        )
        .route("/api/facilitator/canvas", post(facilitator::canvas))
        .route(
            "/api/facilitator/writing",
            post(facilitator::open_writing).delete(facilitator::close_writing),
        )
        .route(
            "/api/facilitator/notes/reveal",
            post(facilitator::reveal_notes),
        )
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such page") })
        .with_state(shared)
}

/// A refused request: its status, and what the phone shows.
pub struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({ "error": self.1 }))).into_response()
    }
}

pub(super) fn error(status: StatusCode, message: &str) -> Refusal {
    Refusal(status, message.to_owned())
}

pub(super) type Answer = Result<Response, Refusal>;

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PAGE,
    )
        .into_response()
}

/// The body as JSON, within [`MAX_BODY`].
pub(super) async fn json_body(body: Body) -> Result<Value, Refusal> {
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the request body is over 16 KB",
        )
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|_| error(StatusCode::BAD_REQUEST, "the request body is not JSON"))
}

/// Who the `Authorization: Bearer TOKEN` header speaks for, within the
/// token's rate limit.
pub(super) fn authorise(shared: &Shared, headers: &HeaderMap) -> Result<(Role, String), Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    let mut state = shared.state();
    let Some(role) = state.role(&token) else {
        if state.was_released(&token) {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "the facilitator released your name for another phone; join again",
            ));
        }
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "missing or unknown token: join the room first",
        ));
    };
    if !state.buckets.take(&token, Instant::now()) {
        return Err(error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests; wait a few seconds",
        ));
    }
    Ok((role, token))
}

/// Queues `decide` and waits until the owner has applied it: its answer,
/// or 503 when the owner does not get to it in time.
pub(super) async fn apply<T: Send + 'static>(
    shared: &Shared,
    decide: impl FnOnce(&Document) -> (Option<Command>, T) + Send + 'static,
) -> Result<T, Refusal> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let edit = Edit::Compute(Box::new(move |doc| {
        let (command, answer) = decide(doc);
        Computed {
            command,
            then: Some(Box::new(move || {
                let _ = tx.send(answer);
            })),
        }
    }));
    if !shared.edits.send(edit) {
        return Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the room is closing",
        ));
    }
    match tokio::time::timeout(APPLY_TIMEOUT, rx).await {
        Ok(Ok(answer)) => Ok(answer),
        _ => Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the facilitator's Credence did not answer; try again",
        )),
    }
}

/// Refuses a wrong room code, counting it against the address; refuses
/// the address outright after too many.
fn check_code(shared: &Shared, peer: SocketAddr, code: &str) -> Result<(), Refusal> {
    let mut state = shared.state();
    let now = Instant::now();
    if !state.failed_joins.allowed(peer.ip(), now) {
        return Err(error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many wrong codes from this address; wait a minute",
        ));
    }
    if !code.trim().eq_ignore_ascii_case(&state.code) {
        state.failed_joins.failed(peer.ip(), now);
        return Err(error(StatusCode::FORBIDDEN, "wrong room code"));
    }
    Ok(())
}

/// `GET /api/participants?code=CODE`: the names a phone may pick from,
/// which of them another phone holds, and whether new names are locked
/// out. Behind the code, like joining, so the names stay in the room.
async fn participants(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: axum::http::Uri,
) -> Answer {
    let code = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))
        .unwrap_or_default();
    check_code(&shared, peer, code)?;
    let (held, locked) = {
        let state = shared.state();
        (state.held().collect::<Vec<_>>(), state.locked)
    };
    let published = shared.view();
    let people: Vec<Value> = published
        .participants
        .iter()
        .map(|(id, name)| json!({ "name": name, "taken": held.contains(id) }))
        .collect();
    Ok(axum::Json(json!({ "participants": people, "locked": locked })).into_response())
}

async fn join(
    State(shared): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Body,
) -> Answer {
    let body = json_body(body).await?;
    let code = body.get("code").and_then(Value::as_str).unwrap_or_default();
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_owned();
    check_code(&shared, peer, code)?;
    if name.is_empty() {
        return Err(error(StatusCode::BAD_REQUEST, "give your name"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "names are at most 60 characters",
        ));
    }
    let existing = shared.view().named(&name);
    {
        let state = shared.state();
        match existing {
            Some(id) if state.is_held(id) => {
                return Err(error(StatusCode::CONFLICT, HELD));
            }
            None if state.locked => {
                return Err(error(
                    StatusCode::FORBIDDEN,
                    "the list of participants is locked; pick your name from it",
                ));
            }
            _ => {}
        }
    }
    let token = match super::secrets::token() {
        Ok(t) => t,
        Err(_) => {
            return Err(error(
                StatusCode::SERVICE_UNAVAILABLE,
                "no randomness available",
            ));
        }
    };
    let wanted = name.clone();
    let decided = apply(&shared, move |doc| {
        let w = &doc.workshop;
        let found = w
            .participants
            .iter()
            .find(|p| super::state::same_name(&p.name, &wanted))
            .map(|p| p.id);
        match found {
            Some(id) => (None, Ok(id)),
            None if w.participants.len() >= MAX_PARTICIPANTS => (None, Err(())),
            None => {
                // The workshop's own naming and colouring, on a copy.
                let mut added = w.clone();
                let id = added.add_participant(&wanted);
                let participant = added.participants.pop().expect("just added");
                let command = Command::InsertParticipant {
                    index: w.participants.len(),
                    participant,
                };
                (Some(command), Ok(id))
            }
        }
    })
    .await;
    let participant = match decided {
        Ok(Ok(id)) => id,
        Ok(Err(())) => return Err(error(StatusCode::CONFLICT, "the room is full (200 people)")),
        Err(r) => return Err(r),
    };
    let mut state = shared.state();
    if state.is_held(participant) {
        return Err(error(StatusCode::CONFLICT, HELD));
    }
    state.hold(participant, token.clone());
    Ok(
        axum::Json(json!({ "token": token, "participant": participant.0, "name": name }))
            .into_response(),
    )
}

async fn state(State(shared): State<Shared>, headers: HeaderMap) -> Answer {
    let role = match authorise(&shared, &headers) {
        Ok((role, _)) => role,
        Err(r) => return Err(r),
    };
    let me = role.participant();
    let (choice, canvas, writing, mine_written, waiting) = {
        let state = shared.state();
        let mine: Vec<String> = state
            .hidden
            .iter()
            .filter(|n| Some(n.participant) == me && Some(n.writing) == state.writing)
            .map(|n| n.text.clone())
            .collect();
        let waiting = state.hidden.len();
        (
            state.choice.clone(),
            state.canvas,
            state.writing,
            mine,
            waiting,
        )
    };
    let published = shared.view();
    let cards = published.cards(&choice);
    let mut votes = serde_json::Map::new();
    if let Some(me) = me {
        for (node, value) in published.votes_of(me) {
            if cards.iter().any(|c| c.id == *node) {
                votes.insert(node.0.to_string(), json!(value));
            }
        }
    }
    let results: Vec<Value> = published
        .results(&cards)
        .iter()
        .map(|r| {
            json!({
                "id": r.id.0,
                "median": r.spread.median,
                "iqr": r.spread.iqr(),
                "count": r.spread.count,
                "min": r.spread.min,
                "max": r.spread.max,
                "quadrant": r.quadrant.map(|q| q.caption()),
            })
        })
        .collect();
    let dots = published.round.map(|round| {
        let placed = me.map_or(&[][..], |me| published.dots_of(me));
        let mut targets: Vec<Value> = cards
            .iter()
            .map(|c| {
                let target = crate::model::DotTarget::Node(c.id);
                json!({ "target": target_key(target), "kind": c.kind, "title": c.title })
            })
            .collect();
        if let Some(canvas) = canvas {
            targets.extend(published.notes_of(canvas).map(|n| {
                let target = crate::model::DotTarget::Note {
                    canvas: n.canvas,
                    note: n.note,
                };
                json!({ "target": target_key(target), "kind": n.section, "title": n.text })
            }));
        }
        let mut mine = std::collections::BTreeMap::<String, usize>::new();
        for target in placed {
            *mine.entry(target_key(*target)).or_default() += 1;
        }
        json!({
            "per_person": round.per_person,
            "left": usize::from(round.per_person).saturating_sub(placed.len()),
            "targets": targets,
            "mine": mine,
        })
    });
    let name = me.and_then(|me| {
        published
            .participants
            .iter()
            .find(|(id, _)| *id == me)
            .map(|(_, n)| n.clone())
    });
    let cards: Vec<Value> = cards
        .iter()
        .map(|c| json!({ "id": c.id.0, "kind": c.kind, "title": c.title }))
        .collect();
    let writing = writing.map(|w| {
        json!({
            "section": published.section_title(w.canvas, w.section).unwrap_or_default(),
            "mine": mine_written,
        })
    });
    Ok(axum::Json(json!({
        "phase": if published.revealed { "revealed" } else { "voting" },
        "name": name,
        "cards": cards,
        "votes": votes,
        "revealed": published.revealed,
        "results": results,
        "dots": dots,
        "writing": writing,
        "waiting": if role == Role::Facilitator { json!(waiting) } else { Value::Null },
    }))
    .into_response())
}

/// The card in a path, if it is open for voting.
fn open_card(shared: &Shared, id: &str) -> Result<NodeId, Refusal> {
    let not_open = || error(StatusCode::NOT_FOUND, "that card is not open for voting");
    let id = id.parse::<u64>().map(NodeId).map_err(|_| not_open())?;
    let choice = shared.state().choice.clone();
    let published = shared.view();
    if published.is_open(&choice, id) {
        Ok(id)
    } else {
        Err(not_open())
    }
}

/// A participant's own vote on `node`: set, changed, or (`None`) withdrawn.
async fn set_vote(shared: &Shared, me: ParticipantId, node: NodeId, value: Option<u8>) -> Answer {
    let decided = apply(shared, move |doc| {
        if doc.workshop.revealed {
            return (None, Err(StatusCode::CONFLICT));
        }
        if doc.node(node).is_none() || doc.workshop.participant(me).is_none() {
            return (None, Err(StatusCode::NOT_FOUND));
        }
        if doc.workshop.vote(node, me) == value {
            // A repeated request is harmless: nothing changes.
            return (None, Ok(()));
        }
        (Some(Command::SetVotes(vec![(node, me, value)])), Ok(()))
    })
    .await;
    match decided? {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(StatusCode::CONFLICT) => Err(error(
            StatusCode::CONFLICT,
            "the votes are revealed; wait for the next round",
        )),
        Err(_) => Err(error(
            StatusCode::NOT_FOUND,
            "that card is not open for voting",
        )),
    }
}

pub(super) fn participant_only(role: Role) -> Result<ParticipantId, Refusal> {
    match role {
        Role::Participant(me) => Ok(me),
        Role::Facilitator => Err(error(
            StatusCode::FORBIDDEN,
            "the facilitator does not vote; join as a participant",
        )),
    }
}

async fn vote(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Body,
) -> Answer {
    let me = authorise(&shared, &headers).and_then(|(r, _)| participant_only(r))?;
    let body = json_body(body).await?;
    let value = body
        .get("confidence")
        .and_then(Value::as_u64)
        .filter(|v| *v <= 100);
    let Some(value) = value else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "confidence must be a whole number from 0 to 100",
        ));
    };
    let node = open_card(&shared, &id)?;
    set_vote(&shared, me, node, Some(value as u8)).await
}

async fn unvote(
    State(shared): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Answer {
    let me = authorise(&shared, &headers).and_then(|(r, _)| participant_only(r))?;
    let node = open_card(&shared, &id)?;
    set_vote(&shared, me, node, None).await
}
