//! Misspelt keys in a JSON Canvas file.
//!
//! JSON Canvas lets applications add keys of their own (Obsidian writes
//! `styleAttributes`), so an unknown key cannot simply be refused. But a key
//! one typo away from one of the spec's (`widht`, `colr`, `lable`) is a
//! mistake whose value would be silently lost, so that one is refused at its
//! line and column, naming the key it was meant to be.

use super::LoadError;
use super::locate::line_col;
use super::ron_error::unknown_field;
use super::suggest::nearest;
use serde_json::{Map, Value};
use std::path::Path;

/// The spec's keys (JSON Canvas 1.0), per object.
const TOP: &[&str] = &["nodes", "edges"];
const NODE: &[&str] = &[
    "id",
    "type",
    "x",
    "y",
    "width",
    "height",
    "color",
    "text",
    "file",
    "subpath",
    "url",
    "label",
    "background",
    "backgroundStyle",
];
const EDGE: &[&str] = &[
    "id", "fromNode", "fromSide", "fromEnd", "toNode", "toSide", "toEnd", "color", "label",
];

/// Refuses the first key that looks like a typo of a spec key. `text` has
/// already parsed as a canvas, so it is valid JSON.
pub fn check(text: &str, path: &Path) -> Result<(), LoadError> {
    let Ok(Value::Object(top)) = serde_json::from_str::<Value>(text) else {
        return Ok(());
    };
    // Where to start looking for a key's text, so the error points at the
    // object that holds it, not at an earlier one with the same key.
    let mut from = 0;
    check_object(&top, TOP, text, &mut from, path)?;
    for (list, known) in [("nodes", NODE), ("edges", EDGE)] {
        let Some(Value::Array(items)) = top.get(list) else {
            continue;
        };
        for item in items {
            if let Value::Object(object) = item {
                if let Some(Value::String(id)) = object.get("id") {
                    from = find_from(text, &format!("\"{id}\""), from).unwrap_or(from);
                }
                check_object(object, known, text, &mut from, path)?;
            }
        }
    }
    Ok(())
}

fn check_object(
    object: &Map<String, Value>,
    known: &[&str],
    text: &str,
    from: &mut usize,
    path: &Path,
) -> Result<(), LoadError> {
    for key in object.keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        if nearest(key, known).is_some() {
            let quoted = serde_json::to_string(key).unwrap_or_default();
            let offset = find_from(text, &quoted, *from)
                .or_else(|| text.find(&quoted))
                .unwrap_or(0);
            let (line, col) = line_col(text, offset);
            return Err(LoadError::at(path, line, col, unknown_field(key, known)));
        }
    }
    Ok(())
}

fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(needle).map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_refused_where_it_is_and_an_extension_is_not() {
        let text = "{\"nodes\": [\n {\"id\": \"a\", \"type\": \"text\", \"x\": 0, \"y\": 0, \
                    \"width\": 1, \"height\": 1, \"styleAttributes\": {}},\n \
                    {\"id\": \"b\", \"type\": \"text\", \"x\": 0, \"y\": 0, \"width\": 1, \
                    \"height\": 1, \"colr\": \"1\"}]}";
        let err = check(text, Path::new("t.canvas")).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(3));
        assert_eq!(
            err.message,
            "unknown field \"colr\" (did you mean \"color\"?)"
        );
        let fine = text.replace("colr", "color");
        assert!(check(&fine, Path::new("t.canvas")).is_ok());
    }
}
