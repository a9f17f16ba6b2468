//! The room under load: 100 participants each cast 20 votes at once over
//! loopback, against a room owned the way `credence room` owns it. Prints
//! the request latencies and checks that every vote reached the document.
//!
//! `cargo bench --bench room` (`-- PEOPLE VOTES` to change the load). Not a
//! criterion benchmark: the figure that matters is the tail of one burst,
//! not the mean of many.

use credence::edit::OpenDocument;
use credence::room::{CardChoice, Room, RoomConfig};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let people = args.first().copied().unwrap_or(100);
    let votes_each = args.get(1).copied().unwrap_or(20);

    // A map with enough cards open for voting (beliefs, assumptions, bets).
    let mut doc = credence::synth::belief_map(1000, 1);
    doc.workshop = Default::default();
    let beliefs: Vec<u64> = doc
        .nodes
        .iter()
        .filter(|n| credence::model::takes_votes(n.kind))
        .map(|n| n.id.0)
        .take(votes_each)
        .collect();
    assert_eq!(
        beliefs.len(),
        votes_each,
        "the map has too few cards to vote on"
    );

    let mut open = OpenDocument::new(doc, None);
    let config = RoomConfig {
        bind: [127, 0, 0, 1].into(),
        port: 0,
        code: Some("BENCH1".into()),
        cards: CardChoice::All,
    };
    let room = Room::open(config, open.sender()).expect("the room opens");
    open.set_publisher(Some(room.publisher()));
    let base = format!("http://{}", room.address());

    // The owner's loop, as `credence room` runs it.
    let stop = Arc::new(AtomicBool::new(false));
    let owner = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                open.wait(Duration::from_millis(50));
                open.drain();
            }
            open.drain();
            open
        })
    };

    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    // Everyone joins first; then all vote at once.
    let tokens: Vec<String> = (0..people)
        .map(|i| {
            let mut r = agent
                .post(format!("{base}/api/join"))
                .send_json(json!({"code": "BENCH1", "name": format!("Person {i}")}))
                .unwrap();
            let v: serde_json::Value = r.body_mut().read_json().unwrap();
            v["token"].as_str().unwrap().to_owned()
        })
        .collect();
    let start = Arc::new(std::sync::Barrier::new(people));
    let began = Instant::now();
    let threads: Vec<_> = tokens
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let (base, beliefs, start) = (base.clone(), beliefs.clone(), start.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                start.wait();
                let mut times = Vec::with_capacity(beliefs.len());
                for (k, id) in beliefs.iter().enumerate() {
                    let t = Instant::now();
                    let r = agent
                        .put(format!("{base}/api/votes/{id}"))
                        .header("Authorization", &format!("Bearer {token}"))
                        .send_json(json!({"confidence": (i + k) % 101}))
                        .unwrap();
                    assert_eq!(r.status().as_u16(), 204);
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let burst = began.elapsed();
    stop.store(true, Ordering::Relaxed);
    let open = owner.join().unwrap();
    room.close();

    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let recorded = open.doc().workshop.votes.len();
    println!(
        "room: {people} participants × {votes_each} votes = {} requests in {:.0} ms; \
         p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {recorded} votes in the document",
        times.len(),
        ms(burst),
        ms(at(0.50)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
    assert_eq!(
        recorded,
        people * votes_each,
        "every vote reached the document"
    );
}
