//! "Did you mean …?" for a misspelt field name.

/// The name in `valid` nearest to `found`, if it is near enough to be a
/// typo: at most a third of its letters wrong, and at least one right.
pub fn nearest<'a>(found: &str, valid: &[&'a str]) -> Option<&'a str> {
    let found = found.to_lowercase();
    valid
        .iter()
        .map(|v| (distance(&found, &v.to_lowercase()), *v))
        .filter(|(d, v)| *d <= (v.chars().count() / 3).max(1) && *d < v.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours each count one, so "confidnce" is one from
/// "confidence" and "tilte" one from "title".
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_field_and_strangers_find_none() {
        let fields = ["id", "kind", "title", "confidence", "importance"];
        assert_eq!(nearest("confidnce", &fields), Some("confidence"));
        assert_eq!(nearest("tilte", &fields), Some("title"));
        assert_eq!(nearest("Title", &fields), Some("title"));
        assert_eq!(nearest("colour", &fields), None);
        assert_eq!(nearest("xy", &fields), None);
    }
}
