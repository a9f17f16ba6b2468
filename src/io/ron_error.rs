//! RON's errors in our own words.
//!
//! RON's messages are written for the programmer embedding it ("try
//! increasing `ron::Options::recursion_limit`…"); a user can act on none of
//! that. This says what is wrong with the file, and where.

use super::suggest::nearest;
use ron::error::{Error, SpannedError};

/// RON's default nesting limit, which this build keeps.
const NESTING_LIMIT: usize = 128;

/// Line, column and message for `err`, its message continuing `what`
/// ("syntax error", "invalid document").
pub fn describe(err: &SpannedError, what: &str) -> (usize, usize, String) {
    let (line, col) = (err.span.start.line, err.span.start.col);
    let message = match &err.code {
        Error::NoSuchStructField {
            expected, found, ..
        } => return (line, col, unknown_field(found, expected)),
        Error::ExceededRecursionLimit => {
            format!("nesting deeper than {NESTING_LIMIT} levels")
        }
        Error::UnclosedLineComment => "a comment is not closed".into(),
        Error::SuggestRawIdentifier(name) => format!("\"{name}\" is not a valid name here"),
        Error::Io(_) => "the text could not be read".into(),
        other => lowercase_first(&other.to_string()),
    };
    (line, col, format!("{what}: {message}"))
}

/// `unknown field "confidnce" (did you mean "confidence"?)`, or the names
/// that would be valid when none is close.
pub fn unknown_field(found: &str, expected: &[&str]) -> String {
    match nearest(found, expected) {
        Some(near) => format!("unknown field \"{found}\" (did you mean \"{near}\"?)"),
        None if expected.is_empty() => format!("unknown field \"{found}\"; nothing goes here"),
        None => {
            let names: Vec<String> = expected.iter().map(|n| format!("\"{n}\"")).collect();
            format!(
                "unknown field \"{found}\"; expected one of {}",
                names.join(", ")
            )
        }
    }
}

/// RON's messages start with a capital; ours continue a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
