//! The headless subcommands. Each prints plain lines meant for scripts and
//! returns the process exit code.

pub mod bench;
pub mod check;
pub mod compact_bench;
pub mod diff;
pub mod export;
pub mod export_bench;
pub mod frames;
pub mod heap;
pub mod layout;
pub mod merge;
pub mod output;
pub mod pipe;
pub mod room;
pub mod room_load;
pub mod sides;
pub mod trace;
