//! The workshop room over real sockets on 127.0.0.1: `credence room` runs
//! as a user would run it, and a real HTTP client drives its API.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running `credence room`, stopped (with SIGTERM, as Ctrl+C would) on drop.
struct Room {
    child: Child,
    base: String,
    facilitator: String,
    file: PathBuf,
    _dir: tempfile::TempDir,
}

impl Room {
    fn open(cards: &str) -> Room {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("workshop.ron");
        let mut doc = credence::io::load(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron"),
        )
        .unwrap();
        // A fresh round: nobody has voted, nothing is revealed; an open dot
        // round of three each; a Lean Capability Canvas with one note.
        doc.workshop.votes.clear();
        doc.workshop.revealed = false;
        // Every belief has a stance, so a reveal can place it on the 2×2.
        for node in &mut doc.nodes {
            if node.kind == credence::model::NodeKind::Belief && node.stance.is_none() {
                node.stance = Some(30);
            }
        }
        doc.workshop.dot_round = Some(credence::model::DotRound {
            per_person: 3,
            open: true,
            dots: Vec::new(),
        });
        let template = credence::io::templates::built_in()
            .into_iter()
            .find(|t| t.name == "Lean Capability Canvas")
            .unwrap();
        let mut canvas = template.instantiate(credence::model::CanvasId(1), "Capability");
        let challenges = canvas.sections[2].id;
        canvas.notes.push(credence::model::Note {
            id: credence::model::NoteId(1),
            section: challenges,
            text: "Hand-offs take a week".into(),
            ..Default::default()
        });
        doc.canvases.push(canvas);
        credence::io::save(&file, &doc).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_credence"))
            .args(["room", file.to_str().unwrap()])
            .args(["--bind", "127.0.0.1", "--port", "0", "--code", "K7QF2M"])
            .args(["--cards", cards])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let second = lines.next().unwrap().unwrap();
        let url = first
            .strip_prefix("room open: ")
            .expect("first line")
            .to_owned();
        assert!(url.ends_with("/?code=K7QF2M"), "{url}");
        let base = url.trim_end_matches("/?code=K7QF2M").to_owned();
        let facilitator = second
            .strip_prefix("facilitator: ")
            .expect("second line")
            .to_owned();
        assert_eq!(facilitator.len(), 32, "a 128-bit token");
        Room {
            child,
            base,
            facilitator,
            file,
            _dir: dir,
        }
    }

    /// Stops the room as Ctrl+C would and returns the document it saved.
    fn stop(mut self) -> credence::model::Document {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let status = self.child.wait().unwrap();
        assert!(status.success(), "the room ends cleanly: {status}");
        credence::io::load(&self.file).unwrap()
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// One request: method, path, token, JSON body; the status and JSON answer.
fn call(
    room: &Room,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let url = format!("{}{path}", room.base);
    let agent = agent();
    let auth = token.map(|t| format!("Bearer {t}"));
    macro_rules! with_auth {
        ($req:expr) => {{
            let req = $req;
            match &auth {
                Some(a) => req.header("Authorization", a),
                None => req,
            }
        }};
    }
    let response = match (method, body) {
        ("GET", _) => with_auth!(agent.get(&url)).call(),
        ("DELETE", _) => with_auth!(agent.delete(&url)).call(),
        ("POST", Some(b)) => with_auth!(agent.post(&url)).send_json(b),
        ("POST", None) => with_auth!(agent.post(&url)).send_empty(),
        ("PUT", Some(b)) => with_auth!(agent.put(&url)).send_json(b),
        ("PUT", None) => with_auth!(agent.put(&url)).send_empty(),
        _ => unreachable!(),
    }
    .unwrap();
    let status = response.status().as_u16();
    let text = response.into_body().read_to_string().unwrap_or_default();
    let json = serde_json::from_str(&text).unwrap_or(Value::Null);
    (status, json)
}

fn join(room: &Room, name: &str) -> (String, u64) {
    let (status, body) = call(
        room,
        "POST",
        "/api/join",
        None,
        Some(json!({"code": "k7qf2m", "name": name})),
    );
    assert_eq!(status, 200, "{body}");
    (
        body["token"].as_str().unwrap().to_owned(),
        body["participant"].as_u64().unwrap(),
    )
}

#[test]
fn a_round_of_private_votes_then_a_reveal() {
    let room = Room::open("beliefs");
    let (ana, _) = join(&room, "Ana");
    let (zoe, zoe_id) = join(&room, "Zoe");

    let (status, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(status, 200);
    assert_eq!(state["phase"], "voting");
    assert_eq!(state["revealed"], false);
    assert_eq!(state["results"], json!([]));
    let cards = state["cards"].as_array().unwrap();
    assert!(!cards.is_empty());
    assert!(cards.iter().all(|c| c["kind"] == "Belief"), "{state}");
    let first = cards[0]["id"].as_u64().unwrap();

    // Vote, change it, and a second person votes too.
    let vote = |token: &str, value: Value| {
        call(
            &room,
            "PUT",
            &format!("/api/votes/{first}"),
            Some(token),
            Some(json!({ "confidence": value })),
        )
        .0
    };
    assert_eq!(vote(&ana, json!(40)), 204);
    assert_eq!(vote(&ana, json!(60)), 204);
    assert_eq!(vote(&ana, json!(60)), 204, "a repeated request is harmless");
    assert_eq!(vote(&zoe, json!(90)), 204);

    // Each phone sees its own vote only, before the reveal.
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(state["votes"], json!({ first.to_string(): 60 }));
    let (_, state) = call(&room, "GET", "/api/state", Some(&zoe), None);
    assert_eq!(state["votes"], json!({ first.to_string(): 90 }));
    let (_, state) = call(&room, "GET", "/api/state", Some(&room.facilitator), None);
    assert_eq!(state["votes"], json!({}), "not even the facilitator's view");

    // Only the facilitator reveals.
    let (status, _) = call(&room, "POST", "/api/facilitator/reveal", Some(&ana), None);
    assert_eq!(status, 403);
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/reveal",
        Some(&room.facilitator),
        None,
    );
    assert_eq!(status, 204);
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(state["phase"], "revealed");
    let result = &state["results"][0];
    assert_eq!(result["id"], first);
    assert_eq!(result["median"], 75.0);
    assert_eq!(result["count"], 2);
    assert_eq!(vote(&ana, json!(10)), 409, "no changes after the reveal");
    let quadrant = result["quadrant"].clone();

    // The document holds both votes and both people.
    let doc = room.stop();
    let w = &doc.workshop;
    assert!(w.revealed);
    let node = credence::model::NodeId(first);
    assert_eq!(
        w.vote(node, credence::model::ParticipantId(zoe_id)),
        Some(90)
    );
    assert_eq!(w.votes_on(node).len(), 2);
    assert!(w.participants.iter().any(|p| p.name == "Ana"));
    // The phones are told where the card now sits on the belief 2×2.
    use credence::analysis::belief_map::{Quadrant, heights};
    let stance = doc
        .node(node)
        .unwrap()
        .stance
        .expect("the fixture sets a stance");
    let convergence = heights(&doc)[&node].convergence;
    assert_eq!(quadrant, Quadrant::of(stance, convergence).caption());
}

#[test]
fn every_refusal_has_its_status_and_changes_nothing() {
    let room = Room::open("beliefs");
    let join_as = |body: Value| call(&room, "POST", "/api/join", None, Some(body)).0;
    assert_eq!(join_as(json!({"code": "WRONG1", "name": "Ana"})), 403);
    assert_eq!(join_as(json!({"code": "K7QF2M", "name": "  "})), 400);
    assert_eq!(
        join_as(json!({"code": "K7QF2M", "name": "x".repeat(61)})),
        400
    );
    let (ana, _) = join(&room, "Ana");
    assert_eq!(
        join_as(json!({"code": "K7QF2M", "name": "ana"})),
        409,
        "held"
    );

    assert_eq!(call(&room, "GET", "/api/state", None, None).0, 401);
    assert_eq!(
        call(
            &room,
            "GET",
            "/api/state",
            Some("0".repeat(32).as_str()),
            None
        )
        .0,
        401
    );
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    let first = state["cards"][0]["id"].as_u64().unwrap();
    let put = |id: String, body: Value| {
        call(
            &room,
            "PUT",
            &format!("/api/votes/{id}"),
            Some(&ana),
            Some(body),
        )
        .0
    };
    for bad in [json!(101), json!(-1), json!(50.5), json!("50"), Value::Null] {
        assert_eq!(
            put(first.to_string(), json!({ "confidence": bad })),
            400,
            "{bad}"
        );
    }
    assert_eq!(put("999999".into(), json!({"confidence": 5})), 404);
    assert_eq!(put("nope".into(), json!({"confidence": 5})), 404);
    // An outcome is not open for voting.
    assert_eq!(put("1".into(), json!({"confidence": 5})), 404);
    let big = json!({ "confidence": 5, "pad": "x".repeat(20_000) });
    assert_eq!(put(first.to_string(), big), 413);
    let (status, body) = call(&room, "GET", "/etc/passwd", None, None);
    assert_eq!(status, 404, "no path reaches a file");
    assert!(body["error"].is_string());
    assert_eq!(
        call(
            &room,
            "DELETE",
            &format!("/api/votes/{first}"),
            Some(&ana),
            None
        )
        .0,
        204
    );
    let doc = room.stop();
    assert!(
        doc.workshop.votes.is_empty(),
        "nothing refused was recorded"
    );
}

#[test]
fn guessing_the_code_is_rate_limited_per_address() {
    let room = Room::open("beliefs");
    for _ in 0..10 {
        let (status, _) = call(
            &room,
            "POST",
            "/api/join",
            None,
            Some(json!({"code": "GUESS9", "name": "Eve"})),
        );
        assert_eq!(status, 403);
    }
    let (status, body) = call(
        &room,
        "POST",
        "/api/join",
        None,
        Some(json!({"code": "K7QF2M", "name": "Eve"})),
    );
    assert_eq!(status, 429, "{body}");
}

#[test]
fn many_phones_voting_at_once_lose_nothing() {
    let room = Room::open("all");
    let (probe, _) = join(&room, "Probe");
    let (_, state) = call(&room, "GET", "/api/state", Some(&probe), None);
    let cards: Vec<u64> = state["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_u64().unwrap())
        .collect();
    let people = 20;
    let room = std::sync::Arc::new(room);
    let threads: Vec<_> = (0..people)
        .map(|i| {
            let room = room.clone();
            let cards = cards.clone();
            std::thread::spawn(move || {
                let (token, id) = join(&room, &format!("Person {i}"));
                for (k, card) in cards.iter().enumerate() {
                    let (status, _) = call(
                        &room,
                        "PUT",
                        &format!("/api/votes/{card}"),
                        Some(&token),
                        Some(json!({ "confidence": (i * 7 + k * 3) % 101 })),
                    );
                    assert_eq!(status, 204);
                }
                id
            })
        })
        .collect();
    let ids: Vec<u64> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let room = std::sync::Arc::into_inner(room).expect("every thread is done");
    let doc = room.stop();
    let w = &doc.workshop;
    assert_eq!(
        w.votes.len(),
        people * cards.len(),
        "every vote is in the file"
    );
    for (i, id) in ids.iter().enumerate() {
        for (k, card) in cards.iter().enumerate() {
            assert_eq!(
                w.vote(
                    credence::model::NodeId(*card),
                    credence::model::ParticipantId(*id)
                ),
                Some(((i * 7 + k * 3) % 101) as u8)
            );
        }
    }
}

#[test]
fn dots_from_phones_within_the_allowance() {
    let room = Room::open("beliefs");
    let (ana, ana_id) = join(&room, "Ana");
    let fac = room.facilitator.clone();
    // The canvas's notes join the round once the facilitator shows it.
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/canvas",
        Some(&fac),
        Some(json!({"canvas": 1})),
    );
    assert_eq!(status, 204);
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    let dots = &state["dots"];
    assert_eq!(dots["per_person"], 3);
    assert_eq!(dots["left"], 3);
    let targets: Vec<String> = dots["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap().to_owned())
        .collect();
    assert!(targets.contains(&"note-1-1".to_owned()), "{targets:?}");
    let cards: Vec<&String> = targets.iter().filter(|t| t.starts_with("node-")).collect();
    assert!(cards.len() >= 4, "enough cards to go over: {targets:?}");

    let dot = |method: &str, target: &str| {
        call(
            &room,
            method,
            &format!("/api/dots/{target}"),
            Some(&ana),
            None,
        )
        .0
    };
    assert_eq!(dot("PUT", cards[0]), 204);
    assert_eq!(
        dot("PUT", cards[0]),
        204,
        "a repeated tap request is harmless"
    );
    assert_eq!(dot("PUT", cards[1]), 204);
    assert_eq!(dot("PUT", "note-1-1"), 204);
    let (status, body) = call(
        &room,
        "PUT",
        &format!("/api/dots/{}", cards[2]),
        Some(&ana),
        None,
    );
    assert_eq!(status, 409, "the server enforces the allowance");
    assert!(body["error"].as_str().unwrap().contains("all 3 dots"));
    assert_eq!(dot("DELETE", cards[1]), 204, "a second tap takes it back");
    assert_eq!(dot("PUT", cards[2]), 204, "and frees a dot");
    assert_eq!(dot("PUT", "node-1"), 404, "an outcome is not in the round");
    assert_eq!(dot("PUT", "note-1-99"), 404);
    assert_eq!(dot("PUT", "../../etc"), 404);
    assert_eq!(
        call(
            &room,
            "PUT",
            &format!("/api/dots/{}", cards[0]),
            Some(&fac),
            None
        )
        .0,
        403,
        "the facilitator places no dots from the API"
    );
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(state["dots"]["left"], 0);
    assert_eq!(state["dots"]["mine"][cards[0].as_str()], 1);
    assert!(state["dots"]["mine"].get(cards[1].as_str()).is_none());

    let doc = room.stop();
    let round = doc.workshop.dot_round.unwrap();
    let mut mine: Vec<String> = round
        .dots
        .iter()
        .filter(|d| d.participant.0 == ana_id)
        .map(|d| match d.target {
            credence::model::DotTarget::Node(id) => format!("node-{}", id.0),
            credence::model::DotTarget::Note { canvas, note } => {
                format!("note-{}-{}", canvas.0, note.0)
            }
        })
        .collect();
    mine.sort();
    let mut expected = vec![cards[0].clone(), cards[2].clone(), "note-1-1".to_owned()];
    expected.sort();
    assert_eq!(mine, expected);
}

#[test]
fn silent_writing_stays_hidden_until_the_reveal() {
    let room = Room::open("beliefs");
    let (ana, _) = join(&room, "Ana");
    let (ben, _) = join(&room, "Ben");
    let fac = room.facilitator.clone();
    let write = |token: &str, text: &str| {
        call(
            &room,
            "POST",
            "/api/notes",
            Some(token),
            Some(json!({ "text": text })),
        )
        .0
    };
    assert_eq!(
        write(&ana, "Too many meetings"),
        409,
        "no section is open yet"
    );
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    let challenges = 3; // the third section of the template
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/writing",
        Some(&ana),
        Some(json!({"canvas": 1, "section": challenges})),
    );
    assert_eq!(status, 403);
    assert!(state["writing"].is_null());
    let (status, body) = call(
        &room,
        "POST",
        "/api/facilitator/writing",
        Some(&fac),
        Some(json!({"canvas": 1, "section": 99})),
    );
    assert_eq!(status, 404, "{body}");
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/writing",
        Some(&fac),
        Some(json!({"canvas": 1, "section": challenges})),
    );
    assert_eq!(status, 204);

    assert_eq!(write(&ana, "Too many meetings"), 201);
    assert_eq!(write(&ana, "Nobody owns onboarding"), 201);
    assert_eq!(write(&ben, "Releases wait for QA"), 201);
    assert_eq!(write(&ben, "   "), 400);
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(state["writing"]["section"], "Current challenges");
    assert_eq!(
        state["writing"]["mine"],
        json!(["Too many meetings", "Nobody owns onboarding"]),
        "a phone sees its own notes and nobody else's"
    );
    let (_, state) = call(&room, "GET", "/api/state", Some(&ben), None);
    assert_eq!(state["writing"]["mine"], json!(["Releases wait for QA"]));
    let (_, state) = call(&room, "GET", "/api/state", Some(&fac), None);
    assert_eq!(state["waiting"], 3, "the big screen sees only a count");
    assert!(state["writing"]["mine"].as_array().unwrap().is_empty());

    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/notes/reveal",
        Some(&ben),
        None,
    );
    assert_eq!(status, 403);
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/notes/reveal",
        Some(&fac),
        None,
    );
    assert_eq!(status, 204);
    let (_, state) = call(&room, "GET", "/api/state", Some(&fac), None);
    assert_eq!(state["waiting"], 0);

    let doc = room.stop();
    let canvas = &doc.canvases[0];
    let section = canvas.sections[2].id;
    let texts: Vec<&str> = canvas.notes_in(section).map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Hand-offs take a week",
            "Too many meetings",
            "Nobody owns onboarding",
            "Releases wait for QA"
        ]
    );
    let mut ids: Vec<u64> = canvas.notes.iter().map(|n| n.id.0).collect();
    ids.dedup();
    assert_eq!(ids.len(), canvas.notes.len(), "fresh note ids");
}

#[test]
fn a_phone_picks_its_name_from_the_list_and_the_facilitator_releases_it() {
    let room = Room::open("beliefs");
    let (status, _) = call(&room, "GET", "/api/participants?code=WRONG1", None, None);
    assert_eq!(status, 403, "the names stay in the room");
    let (status, list) = call(&room, "GET", "/api/participants?code=k7qf2m", None, None);
    assert_eq!(status, 200);
    let names: Vec<&str> = list["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.len() >= 6, "the example workshop's people: {names:?}");
    let first = names[0].to_owned();
    let (phone, id) = join(&room, &first);
    let (_, list) = call(&room, "GET", "/api/participants?code=K7QF2M", None, None);
    assert_eq!(list["participants"][0]["taken"], true);
    let (status, _) = call(
        &room,
        "POST",
        "/api/join",
        None,
        Some(json!({"code": "K7QF2M", "name": first})),
    );
    assert_eq!(status, 409, "held by the first phone");

    // Locked: new names are refused, names on the list still join.
    let fac = room.facilitator.clone();
    assert_eq!(
        call(&room, "POST", "/api/facilitator/lock", Some(&fac), None).0,
        204
    );
    let (status, _) = call(
        &room,
        "POST",
        "/api/join",
        None,
        Some(json!({"code": "K7QF2M", "name": "Newcomer"})),
    );
    assert_eq!(status, 403);
    let (_, list) = call(&room, "GET", "/api/participants?code=K7QF2M", None, None);
    assert_eq!(list["locked"], true);
    join(&room, names[1]);

    let release = format!("/api/facilitator/release/{id}");
    assert_eq!(call(&room, "POST", &release, Some(&phone), None).0, 403);
    assert_eq!(call(&room, "POST", &release, Some(&fac), None).0, 204);
    assert_eq!(
        call(&room, "GET", "/api/state", Some(&phone), None).0,
        401,
        "the released phone is signed out"
    );
    let (_, again) = join(&room, &first);
    assert_eq!(again, id, "the same participant, on another phone");

    // Changing what the phones vote on.
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/cards",
        Some(&fac),
        Some(json!({"cards": "assumptions"})),
    );
    assert_eq!(status, 204);
    let (status, _) = call(
        &room,
        "POST",
        "/api/facilitator/cards",
        Some(&fac),
        Some(json!({"cards": "everything"})),
    );
    assert_eq!(status, 400);
    let (_, token_state) = call(&room, "GET", "/api/state", Some(&fac), None);
    let kinds: Vec<&str> = token_state["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| *k == "Assumption"),
        "{kinds:?}"
    );
}

#[test]
fn the_facilitator_ends_and_starts_dot_rounds_from_a_tablet() {
    let room = Room::open("beliefs");
    let (ana, _) = join(&room, "Ana");
    let fac = room.facilitator.clone();
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    let target = state["dots"]["targets"][0]["target"]
        .as_str()
        .unwrap()
        .to_owned();
    let dots = |method: &str, token: &str, body: Option<Value>| {
        call(&room, method, "/api/facilitator/dots", Some(token), body).0
    };
    assert_eq!(dots("DELETE", &ana, None), 403);
    assert_eq!(dots("DELETE", &fac, None), 204);
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert!(state["dots"].is_null(), "no round on the phones");
    let (status, _) = call(
        &room,
        "PUT",
        &format!("/api/dots/{target}"),
        Some(&ana),
        None,
    );
    assert_eq!(status, 409);
    for bad in [json!(0), json!(21), json!("3"), Value::Null] {
        assert_eq!(dots("POST", &fac, Some(json!({ "per_person": bad }))), 400);
    }
    assert_eq!(dots("POST", &fac, Some(json!({"per_person": 1}))), 204);
    let (_, state) = call(&room, "GET", "/api/state", Some(&ana), None);
    assert_eq!(state["dots"]["left"], 1);
    let (status, _) = call(
        &room,
        "PUT",
        &format!("/api/dots/{target}"),
        Some(&ana),
        None,
    );
    assert_eq!(status, 204);
    let doc = room.stop();
    let round = doc.workshop.dot_round.unwrap();
    assert!(round.open);
    assert_eq!((round.per_person, round.dots.len()), (1, 1));
}
