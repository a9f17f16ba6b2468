//! Finding where in the source text a semantic problem sits.
//!
//! RON's parser gives positions for syntax errors only. Problems found after
//! parsing (a duplicate id, an edge to nowhere) are located by scanning the
//! tokens again, so the user still gets a line and column to jump to.

use crate::model::Invalid;

/// One token outside strings and comments, with its byte offset.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    offset: usize,
    text: &'a str,
}

pub struct Locator<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            tokens: tokenize(text),
        }
    }

    /// Line and column of the first `key:` in the file.
    pub fn key(&self, key: &str) -> Option<(usize, usize)> {
        let i = self.key_index(key, 0, self.tokens.len())?;
        Some(line_col(self.text, self.tokens[i].offset))
    }

    /// Byte offset of the token that best explains `invalid`.
    pub fn invalid(&self, invalid: &Invalid) -> Option<usize> {
        let (nodes, edges) = self.sections();
        match invalid {
            Invalid::Canvas { .. } => self
                .key_index("canvases", 0, self.tokens.len())
                .map(|i| self.tokens[i].offset),
            Invalid::Workshop { field, .. } => self
                .key_index(field, 0, self.tokens.len())
                .map(|i| self.tokens[i].offset),
            Invalid::DuplicateNodeId(id) => self
                .id_values(nodes, id.0)
                .nth(1)
                .map(|i| self.tokens[i].offset),
            Invalid::DuplicateEdgeId(id) => self
                .id_values(edges, id.0)
                .nth(1)
                .map(|i| self.tokens[i].offset),
            Invalid::MissingNode { edge, node } => {
                let start = self.id_values(edges, edge.0).next()?;
                let end = self.next_id_key(start + 1, edges.1);
                let hit = (start..end).find(|&i| {
                    matches!(self.tokens[i].text, "from" | "to")
                        && self.value_after(i).is_some_and(|v| v == node.0.to_string())
                });
                Some(self.tokens[hit.map_or(start, |i| i + 2)].offset)
            }
            Invalid::NonFinite { node, .. } => {
                let start = self.id_values(nodes, node.0).next()?;
                let end = self.next_id_key(start + 1, nodes.1);
                let hit = (start..end).find(|&i| is_non_finite(self.tokens[i].text));
                Some(self.tokens[hit.unwrap_or(start)].offset)
            }
            Invalid::TooLong { node, field, .. } => {
                // The text itself is a string, which has no token: point at its key.
                let start = self.id_values(nodes, node.0).next()?;
                let end = self.next_id_key(start + 1, nodes.1);
                let hit = self.key_index(field, start, end);
                Some(self.tokens[hit.unwrap_or(start)].offset)
            }
            Invalid::TooManyNodes(_) => None,
            Invalid::OutOfRange { node, field, .. } => {
                let start = self.id_values(nodes, node.0).next()?;
                let end = self.next_id_key(start + 1, nodes.1);
                let hit = self.key_index(field, start, end);
                Some(self.tokens[hit.map_or(start, |i| i + 2)].offset)
            }
        }
    }

    /// Token ranges of the `nodes: [...]` and `edges: [...]` sections.
    fn sections(&self) -> ((usize, usize), (usize, usize)) {
        let all = self.tokens.len();
        let nodes = self.key_index("nodes", 0, all);
        let edges = self.key_index("edges", 0, all);
        let range = |start: Option<usize>, other: Option<usize>| match (start, other) {
            (Some(s), Some(o)) if o > s => (s, o),
            (Some(s), _) => (s, all),
            (None, _) => (0, 0),
        };
        (range(nodes, edges), range(edges, nodes))
    }

    fn key_index(&self, key: &str, start: usize, end: usize) -> Option<usize> {
        (start..end.saturating_sub(1))
            .find(|&i| self.tokens[i].text == key && self.tokens[i + 1].text == ":")
    }

    fn value_after(&self, key: usize) -> Option<&str> {
        self.tokens.get(key + 2).map(|t| t.text)
    }

    /// Indices of the value tokens of every `id: <value>` in `range`.
    fn id_values(&self, range: (usize, usize), value: u64) -> impl Iterator<Item = usize> + '_ {
        let value = value.to_string();
        (range.0..range.1).filter_map(move |i| {
            (self.tokens[i].text == "id"
                && self.tokens.get(i + 1).is_some_and(|t| t.text == ":")
                && self.value_after(i) == Some(value.as_str()))
            .then_some(i + 2)
        })
    }

    fn next_id_key(&self, start: usize, end: usize) -> usize {
        self.key_index("id", start, end).unwrap_or(end)
    }
}

fn is_non_finite(token: &str) -> bool {
    matches!(
        token.trim_start_matches(['-', '+']),
        "NaN" | "inf" | "Infinity"
    )
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Words, numbers and punctuation outside strings and comments. Good enough
/// to find keys and values; the real parser has already accepted the text.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = text[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |j| i + 2 + j + 2);
        } else if c == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == b'r' && matches!(bytes.get(i + 1), Some(b'"' | b'#')) {
            let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = i + 1 + hashes + 1;
            i = text
                .get(body..)
                .and_then(|rest| rest.find(&close))
                .map_or(bytes.len(), |j| body + j + close.len());
        } else if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'.') {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric()
                    || matches!(bytes[i], b'_' | b'-' | b'+' | b'.'))
            {
                i += 1;
            }
            tokens.push(Token {
                offset: start,
                text: &text[start..i],
            });
        } else {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            tokens.push(Token {
                offset: i,
                text: &text[i..i + len],
            });
            i += len;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncdé f", 0), (1, 1));
        assert_eq!(line_col("ab\ncdé f", 3), (2, 1));
        assert_eq!(line_col("ab\ncdé f", "ab\ncdé ".len()), (2, 5));
    }

    #[test]
    fn tokens_skip_strings_and_comments() {
        let t = tokenize("(id: 3, // id: 4\n title: \"id: 5\", /* id: 6 */ x: -inf)");
        let words: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "(", "id", ":", "3", ",", "title", ":", ",", "x", ":", "-inf", ")"
            ]
        );
    }
}
