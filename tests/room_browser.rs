//! The phone page in a real browser: Debian's headless Chromium, driven
//! through chromedriver's W3C WebDriver protocol, at a phone's 390 × 844.
//! A person joins, slides a card with the keyboard, sees "voted", and after
//! the facilitator's reveal sees the median.
//!
//! Needs `chromium` and `chromium-driver` (the README's apt-get line; `.ci/run`
//! installs them). Without them the test fails and says so.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// W3C WebDriver's key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A WebDriver session on chromedriver.
struct Browser {
    base: String,
    session: String,
    _driver: Killed,
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "chromedriver is needed for the browser test: \
                 apt-get install -y chromium chromium-driver",
            );
        let driver = Killed(driver);
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent().get(format!("{base}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap().keep();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=390,844",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let answer = post(&format!("{base}/session"), capabilities);
        let session = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {answer}"))
            .to_owned();
        Browser {
            base,
            session,
            _driver: driver,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.session)
    }

    fn go(&self, url: &str) {
        post(&self.url("/url"), json!({ "url": url }));
    }

    /// The first element matching `css`, waiting up to 10 s for it.
    fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let answer = post(
                &self.url("/element"),
                json!({"using": "css selector", "value": css}),
            );
            if let Some(id) = answer["value"][ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no element {css} on the page"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn click(&self, element: &str) {
        post(&self.url(&format!("/element/{element}/click")), json!({}));
    }

    fn type_into(&self, element: &str, text: &str) {
        post(
            &self.url(&format!("/element/{element}/value")),
            json!({ "text": text }),
        );
    }

    fn text(&self, element: &str) -> String {
        let mut response = agent()
            .get(self.url(&format!("/element/{element}/text")))
            .call()
            .unwrap();
        let answer: Value = response.body_mut().read_json().unwrap();
        answer["value"].as_str().unwrap_or_default().to_owned()
    }

    /// Waits up to 10 s for an element matching `css` whose text holds `wanted`.
    fn wait_for_text(&self, css: &str, wanted: &str) -> String {
        let started = Instant::now();
        loop {
            let element = self.find(css);
            let text = self.text(&element);
            if text.contains(wanted) {
                return text;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{css} says {text:?}, never {wanted:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page as a PNG, for a person to look at.
    fn screenshot(&self, path: &Path) {
        let mut response = agent().get(self.url("/screenshot")).call().unwrap();
        let answer: Value = response.body_mut().read_json().unwrap();
        let png = decode_base64(answer["value"].as_str().unwrap());
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent().delete(self.url("")).call();
    }
}

fn post(url: &str, body: Value) -> Value {
    let mut response = agent().post(url).send_json(body).unwrap();
    response.body_mut().read_json().unwrap_or(Value::Null)
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, c)| n | (u32::from(value(*c)) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

/// The example workshop with no votes, nothing revealed, and (with
/// `dots`) an open dot round of two each, saved to `file`.
fn fresh_workshop(file: &Path, dots: bool) {
    let mut doc =
        credence::io::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/workshop.ron"))
            .unwrap();
    doc.workshop.votes.clear();
    doc.workshop.revealed = false;
    doc.workshop.dot_round = dots.then(|| credence::model::DotRound {
        per_person: 2,
        open: true,
        dots: Vec::new(),
    });
    credence::io::save(file, &doc).unwrap();
}

/// `credence room FILE` on 127.0.0.1 with the code K7QF2M: its join URL
/// and facilitator token.
fn serve(file: &Path, port: u16) -> (Killed, String, String) {
    let mut room = Command::new(env!("CARGO_BIN_EXE_credence"))
        .args(["room", file.to_str().unwrap(), "--bind", "127.0.0.1"])
        .args(["--code", "K7QF2M", "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(room.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap()["room open: ".len()..].to_owned();
    let facilitator = lines.next().unwrap().unwrap()["facilitator: ".len()..].to_owned();
    (Killed(room), url, facilitator)
}

/// Ends a room as Ctrl+C would and reads the document it saved.
fn stop(mut room: Killed, file: &Path) -> credence::model::Document {
    let pid = room.0.id().to_string();
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(room.0.wait().unwrap().success(), "the room saves and ends");
    credence::io::load(file).unwrap()
}

#[test]
fn a_phone_joins_votes_and_sees_the_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.ron");
    fresh_workshop(&file, false);
    let (room, url, facilitator) = serve(&file, 0);

    let browser = Browser::start();
    browser.go(&url);
    let name = browser.find("#name");
    browser.type_into(&name, "Ana");
    browser.click(&browser.find("#go"));
    browser.wait_for_text("#phase", "You have voted on 0 of");

    // Move the first card's slider one step, with the keyboard (a thumb's
    // drag fires the same input and change events).
    let slider = browser.find(".card input[type=range]");
    browser.click(&slider);
    browser.type_into(&slider, "\u{E014}");
    browser.wait_for_text(".card .voted", "voted");
    browser.wait_for_text("#phase", "You have voted on 1 of");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"));
    browser.screenshot(&shots.join("room_phone_voted.png"));

    let (status, _) = {
        let response = agent()
            .post(format!(
                "{}/api/facilitator/reveal",
                url.trim_end_matches("/?code=K7QF2M")
            ))
            .header("Authorization", &format!("Bearer {facilitator}"))
            .send_empty()
            .unwrap();
        (response.status().as_u16(), ())
    };
    assert_eq!(status, 204);
    let result = browser.wait_for_text(".card .result", "Median");
    assert!(result.contains("1 vote"), "{result}");
    browser.screenshot(&shots.join("room_phone_revealed.png"));

    // The vote the phone showed is the one in the document.
    drop(browser);
    let doc = stop(room, &file);
    let ana = doc
        .workshop
        .participants
        .iter()
        .find(|p| p.name == "Ana")
        .expect("Ana joined")
        .id;
    let votes: Vec<u8> = doc
        .workshop
        .votes
        .iter()
        .filter(|v| v.participant == ana)
        .map(|v| v.confidence)
        .collect();
    assert_eq!(votes.len(), 1);
    assert_eq!(votes, [51], "one step right of the middle");
}

/// A phone picks its name from the workshop's list, taps a dot on and off
/// and on again; then the facilitator's room restarts from a file that
/// never got the vote or the dot, with the same code, and the phone joins
/// again by itself and sends both again.
#[test]
fn a_phone_picks_its_name_dots_and_resends_its_vote_and_dot_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("workshop.ron");
    let before = dir.path().join("before.ron");
    fresh_workshop(&file, true);
    std::fs::copy(&file, &before).unwrap();
    let port = free_port();
    let (room, url, _) = serve(&file, port);

    let browser = Browser::start();
    browser.go(&url);
    let first = browser.find("#names button");
    let name = browser.text(&first);
    assert!(!name.is_empty(), "the workshop's names are listed");
    browser.click(&first);
    browser.wait_for_text("header", &name);
    browser.wait_for_text("#dotsLeft", "2 dots left of 2");

    let dot = browser.find(".dot");
    browser.click(&dot);
    browser.wait_for_text("#dotsLeft", "1 dot left");
    browser.click(&browser.find(".dot[aria-pressed=true]"));
    browser.wait_for_text("#dotsLeft", "2 dots left");
    browser.click(&browser.find(".dot"));
    browser.wait_for_text("#dotsLeft", "1 dot left");

    let slider = browser.find(".card input[type=range]");
    browser.click(&slider);
    browser.type_into(&slider, "\u{E012}");
    browser.wait_for_text("#phase", "You have voted on 1 of");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"));
    browser.screenshot(&shots.join("room_phone_dots.png"));
    let doc = stop(room, &file);
    assert_eq!(doc.workshop.dot_round.as_ref().unwrap().dots.len(), 1);

    // The room comes back from the older file: the vote is not in it.
    std::fs::copy(&before, &file).unwrap();
    let (room, _, _) = serve(&file, port);
    let base = url.trim_end_matches("/?code=K7QF2M").to_owned();
    let started = Instant::now();
    let doc = loop {
        let mut response = agent()
            .get(format!("{base}/api/participants?code=K7QF2M"))
            .call()
            .unwrap();
        let list: Value = response.body_mut().read_json().unwrap();
        let back = list["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == name.as_str() && p["taken"] == true);
        if back {
            break stop_after_resend(room, &file);
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the phone never joined the restarted room"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let votes: Vec<u8> = doc.workshop.votes.iter().map(|v| v.confidence).collect();
    assert_eq!(
        votes,
        [49],
        "the phone's vote, sent again: one step left of the middle"
    );
    let dots = doc.workshop.dot_round.as_ref().map_or(0, |r| r.dots.len());
    assert_eq!(dots, 1, "and its dot");
}

/// Waits (up to 10 s) for a vote and a dot to reach the room, then stops
/// it: the document in its file.
fn stop_after_resend(room: Killed, file: &Path) -> credence::model::Document {
    let started = Instant::now();
    loop {
        // The room writes its file within a second of each change.
        let doc = credence::io::load(file).unwrap();
        let dotted = doc
            .workshop
            .dot_round
            .as_ref()
            .is_some_and(|r| !r.dots.is_empty());
        if (!doc.workshop.votes.is_empty() && dotted) || started.elapsed() > Duration::from_secs(10)
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    stop(room, file)
}
