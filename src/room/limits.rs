//! Rate limits: a token bucket per participant, and a cap on failed joins
//! per address.
//!
//! A busy room shares one address (a hotspot, a NAT), so only *failed*
//! joins count against an address: a room of forty joining at once is never
//! blocked, while guessing the 30-bit code gets ten tries a minute.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Requests per token: up to [`BURST`] at once, refilled at
/// `BURST / REFILL` a second, so 100 per 10 seconds.
pub const BURST: f64 = 100.0;
pub const REFILL: Duration = Duration::from_secs(10);
/// Failed joins an address may make per [`FAILED_WINDOW`].
pub const FAILED_JOINS: usize = 10;
pub const FAILED_WINDOW: Duration = Duration::from_secs(60);

/// One bucket per key.
#[derive(Debug, Default)]
pub struct Buckets {
    buckets: HashMap<String, (f64, Instant)>,
}

impl Buckets {
    /// Takes one request from `key`'s bucket; false when it is empty.
    pub fn take(&mut self, key: &str, now: Instant) -> bool {
        let rate = BURST / REFILL.as_secs_f64();
        let (level, at) = self.buckets.entry(key.to_owned()).or_insert((BURST, now));
        let elapsed = now.saturating_duration_since(*at).as_secs_f64();
        *level = (*level + elapsed * rate).min(BURST);
        *at = now;
        if *level >= 1.0 {
            *level -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Failed joins per address, in a sliding window.
#[derive(Debug, Default)]
pub struct FailedJoins {
    by_address: HashMap<IpAddr, Vec<Instant>>,
}

impl FailedJoins {
    /// Whether `address` may try again now.
    pub fn allowed(&mut self, address: IpAddr, now: Instant) -> bool {
        let recent = self.by_address.entry(address).or_default();
        recent.retain(|t| now.saturating_duration_since(*t) < FAILED_WINDOW);
        recent.len() < FAILED_JOINS
    }

    pub fn failed(&mut self, address: IpAddr, now: Instant) {
        self.by_address.entry(address).or_default().push(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_a_burst_then_refills() {
        let mut b = Buckets::default();
        let t = Instant::now();
        for _ in 0..100 {
            assert!(b.take("a", t));
        }
        assert!(!b.take("a", t), "the 101st at once is refused");
        assert!(b.take("b", t), "another token has its own bucket");
        assert!(
            b.take("a", t + Duration::from_millis(200)),
            "10 a second come back"
        );
    }

    #[test]
    fn only_failed_joins_count_and_they_expire() {
        let mut f = FailedJoins::default();
        let ip: IpAddr = "192.168.1.9".parse().unwrap();
        let t = Instant::now();
        for _ in 0..10 {
            assert!(f.allowed(ip, t));
            f.failed(ip, t);
        }
        assert!(!f.allowed(ip, t));
        assert!(f.allowed(ip, t + Duration::from_secs(61)));
    }
}
