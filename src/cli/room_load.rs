//! Phones for `credence bench FILE --room`: PEOPLE participants join the
//! window's room over loopback; then, at each wave the bench calls for
//! (one per scenario), every phone casts its votes on 20 cards at once, so
//! the frames are timed while the room takes them. A small HTTP/1.1 client over one keep-alive connection per
//! phone: the binary carries no HTTP client, and this needs only requests
//! it writes itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::time::{Duration, Instant};

/// One phone's connection.
struct Phone {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    token: Option<String>,
}

impl Phone {
    fn connect(address: SocketAddr) -> std::io::Result<Phone> {
        let stream = TcpStream::connect(address)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Phone {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
            token: None,
        })
    }

    /// Sends a request and reads the answer: its status and body.
    fn call(&mut self, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
        let auth = self
            .token
            .as_ref()
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            self.writer,
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n\
             {auth}Content-Length: {}\r\n\r\n{body}",
            body.len()
        )?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut answer = vec![0; length];
        self.reader.read_exact(&mut answer)?;
        Ok((status, String::from_utf8_lossy(&answer).into_owned()))
    }
}

/// What the phones did (or one phone: `joined` is then 0 or 1).
#[derive(Default)]
pub struct Load {
    pub joined: usize,
    pub votes: usize,
    pub failed: usize,
    /// Every vote's round trip.
    pub latencies: Vec<Duration>,
}

/// The running phones: stop them to get what they did.
pub struct Phones {
    stop: Arc<AtomicBool>,
    /// How many waves the bench has called for.
    waves: Arc<(Mutex<usize>, Condvar)>,
    /// Phones that joined, and waves they have finished between them.
    progress: Arc<(AtomicUsize, AtomicUsize)>,
    joined: Arc<Barrier>,
    threads: Vec<std::thread::JoinHandle<Load>>,
}

impl Phones {
    /// Starts `people` phones voting on `cards`; they join first and
    /// [`wait_joined`](Self::wait_joined) returns once all have.
    pub fn start(address: SocketAddr, code: &str, people: usize, cards: Vec<u64>) -> Phones {
        let stop = Arc::new(AtomicBool::new(false));
        let waves = Arc::new((Mutex::new(0), Condvar::new()));
        let joined = Arc::new(Barrier::new(people + 1));
        let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
        let threads = (0..people)
            .map(|i| {
                let (stop, joined, cards) = (stop.clone(), joined.clone(), cards.clone());
                let (waves, progress) = (waves.clone(), progress.clone());
                let code = code.to_owned();
                std::thread::spawn(move || {
                    let shared = Shared {
                        stop: &stop,
                        waves: &waves,
                        joined: &joined,
                        progress: &progress,
                    };
                    phone(address, &code, i, &cards, shared)
                })
            })
            .collect();
        Phones {
            stop,
            waves,
            progress,
            joined,
            threads,
        }
    }

    /// Every phone casts its votes again, at once.
    pub fn wave(&self) {
        let (count, ready) = &*self.waves;
        *count.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        ready.notify_all();
    }

    /// Blocks until every phone has joined (or failed to). Call it while
    /// something else runs the window's frames, which answer the joins.
    pub fn wait_joined(&self) {
        self.joined.wait();
    }

    /// Whether every phone has finished the waves called for so far.
    pub fn settled(&self) -> bool {
        let waves = *self.waves.0.lock().unwrap_or_else(|e| e.into_inner());
        let (joined, finished) = &*self.progress;
        finished.load(Ordering::Acquire) >= joined.load(Ordering::Acquire) * waves
    }

    pub fn stop(self) -> Load {
        self.stop.store(true, Ordering::Relaxed);
        self.waves.1.notify_all();
        let mut load = Load::default();
        for thread in self.threads {
            if let Ok(one) = thread.join() {
                load.joined += one.joined;
                load.votes += one.votes;
                load.failed += one.failed;
                load.latencies.extend(one.latencies);
            }
        }
        load
    }
}

/// Real phones are other devices: here they are threads on the window's
/// own cores, so they run at the lowest priority, and take a core from the
/// window (or the room's server) only when it has nothing to do.
#[cfg(target_os = "linux")]
fn yield_to_the_window() {
    // SAFETY: plain system calls on this thread's own id; a failure only
    // leaves the priority as it was.
    unsafe {
        let thread = libc::gettid() as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, thread, 19);
    }
}

#[cfg(not(target_os = "linux"))]
fn yield_to_the_window() {}

/// What the phones share with the bench.
struct Shared<'a> {
    stop: &'a AtomicBool,
    waves: &'a (Mutex<usize>, Condvar),
    joined: &'a Barrier,
    progress: &'a (AtomicUsize, AtomicUsize),
}

fn phone(address: SocketAddr, code: &str, i: usize, cards: &[u64], shared: Shared<'_>) -> Load {
    let Shared {
        stop,
        waves,
        joined,
        progress,
    } = shared;
    yield_to_the_window();
    let token = Phone::connect(address).and_then(|mut p| {
        let body = format!(r#"{{"code":"{code}","name":"Phone {i}"}}"#);
        let (status, answer) = p.call("POST", "/api/join", &body)?;
        let token = serde_json::from_str::<serde_json::Value>(&answer)
            .ok()
            .and_then(|v| v["token"].as_str().map(str::to_owned))
            .filter(|_| status == 200);
        p.token = token;
        Ok(p)
    });
    let token = token.ok().filter(|p| p.token.is_some());
    if token.is_some() {
        progress.0.fetch_add(1, Ordering::AcqRel);
    }
    joined.wait();
    let Some(mut p) = token else {
        return Load::default();
    };
    let (mut votes, mut failed, mut latencies) = (0, 0, Vec::new());
    let mut round = 0;
    loop {
        {
            let (count, ready) = waves;
            let mut count = count.lock().unwrap_or_else(|e| e.into_inner());
            while *count <= round && !stop.load(Ordering::Relaxed) {
                count = ready
                    .wait_timeout(count, Duration::from_millis(100))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
        for (k, card) in cards.iter().enumerate() {
            let value = (i * 7 + k * 3 + round) % 101;
            let body = format!(r#"{{"confidence":{value}}}"#);
            let started = Instant::now();
            match p.call("PUT", &format!("/api/votes/{card}"), &body) {
                Ok((204, _)) => {
                    votes += 1;
                    latencies.push(started.elapsed());
                }
                _ => failed += 1,
            }
        }
        round += 1;
        progress.1.fetch_add(1, Ordering::AcqRel);
    }
    Load {
        joined: 1,
        votes,
        failed,
        latencies,
    }
}
