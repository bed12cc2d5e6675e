//! The login rate limit: at most N attempts per client address in a sliding minute.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Counts recent login attempts per client key.
pub struct LoginLimiter {
    per_minute: u32,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// A limiter allowing `per_minute` attempts per key; 0 disables it.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt by `key`; `Err(seconds)` when it is over the limit and must wait.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut attempts = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        attempts.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        let queue = attempts.entry(key.to_string()).or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            queue.pop_front();
        }
        if queue.len() >= self.per_minute as usize {
            return Err(WINDOW.as_secs());
        }
        queue.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_attempt_after_the_limit_per_key() {
        let limiter = LoginLimiter::new(2);
        assert!(limiter.check("a").is_ok());
        assert!(limiter.check("a").is_ok());
        assert_eq!(limiter.check("a"), Err(60));
        assert!(limiter.check("b").is_ok());
    }

    #[test]
    fn zero_disables_the_limit() {
        let limiter = LoginLimiter::new(0);
        for _ in 0..100 {
            assert!(limiter.check("a").is_ok());
        }
    }
}
