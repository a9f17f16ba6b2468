//! Lets a subcommand whose output is piped into `head` (or any reader that
//! stops early) end quietly, as Unix tools do.
//!
//! Rust ignores SIGPIPE, so a write to a closed pipe fails, and `println!`
//! turns that failure into a panic ("failed printing to stdout: Broken
//! pipe"). With the default action restored the kernel ends the process at
//! that write instead. Only the headless subcommands do this: the window
//! must never be ended by a closed terminal, whatever it logs.

#[cfg(unix)]
pub fn end_quietly_on_closed_pipe() {
    // From <signal.h>: SIGPIPE is 13 on every Unix Rust supports, and
    // SIG_DFL is the null handler.
    const SIGPIPE: i32 = 13;
    const SIG_DFL: usize = 0;
    unsafe extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    // SAFETY: restores the default action for one signal, at start-up,
    // before any other thread exists.
    unsafe {
        signal(SIGPIPE, SIG_DFL);
    }
}

#[cfg(not(unix))]
pub fn end_quietly_on_closed_pipe() {}
