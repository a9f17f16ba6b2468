//! Three-way merge of one record (a card, an edge, a note…) field by field,
//! and of a list of records by id.
//!
//! A record is compared as its serde fields, so a field added to `Node`
//! merges without being listed here. Only records that changed on both
//! sides are taken apart; the rest are kept or taken whole, which is what
//! keeps merging ten thousand cards fast.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// A record's fields as serde writes them.
pub fn fields_of<T: Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        // Not a struct: the whole value is its one field.
        Ok(other) => Map::from_iter([(String::new(), other)]),
        Err(_) => Map::new(),
    }
}

/// The names of the fields in which `a` and `b` differ, in name order.
pub(crate) fn changed_fields<T: Serialize>(a: &T, b: &T) -> Vec<String> {
    let (a, b) = (fields_of(a), fields_of(b));
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// `base`, `ours` and `theirs` merged: each field takes the side that
/// changed it. Returns the fields both sides changed to different values;
/// those keep OURS's value. Without a base (both sides made it), every
/// field that differs is such a field.
pub(crate) fn merge_record<T>(base: Option<&T>, ours: &T, theirs: &T) -> (T, Vec<String>)
where
    T: Serialize + DeserializeOwned + PartialEq + Clone,
{
    if ours == theirs || base == Some(theirs) {
        return (ours.clone(), Vec::new());
    }
    let Some(base) = base else {
        return (ours.clone(), changed_fields(ours, theirs));
    };
    if base == ours {
        return (theirs.clone(), Vec::new());
    }
    let (b, o, t) = (fields_of(base), fields_of(ours), fields_of(theirs));
    let mut merged = o.clone();
    let mut conflicts = Vec::new();
    let keys: std::collections::BTreeSet<&String> =
        b.keys().chain(o.keys()).chain(t.keys()).collect();
    for key in keys {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        if ov == tv || tv == bv {
            continue;
        }
        if ov == bv {
            match tv {
                Some(v) => merged.insert(key.clone(), v.clone()),
                // Left out of THEIRS's file: its default.
                None => merged.remove(key),
            };
        } else {
            conflicts.push(key.clone());
        }
    }
    match serde_json::from_value(Value::Object(merged)) {
        Ok(value) => (value, conflicts),
        // Fields that cannot stand together (never seen, but a merge must
        // not fail): keep OURS whole and say every changed field conflicts.
        Err(_) => (ours.clone(), changed_fields(ours, theirs)),
    }
}

/// Copies `fields` from `from` onto `onto`: "take theirs" for a conflict.
pub(crate) fn take_fields<T>(onto: &T, from: &T, fields: &[String]) -> T
where
    T: Serialize + DeserializeOwned + Clone,
{
    let mut target = fields_of(onto);
    let source = fields_of(from);
    for field in fields {
        match source.get(field) {
            Some(v) => target.insert(field.clone(), v.clone()),
            None => target.remove(field),
        };
    }
    serde_json::from_value(Value::Object(target)).unwrap_or_else(|_| onto.clone())
}

/// What a keyed merge could not combine.
pub(crate) enum KeyedConflict<'a, K, T> {
    /// Both sides changed these fields of the record at `K`.
    Fields(K, Vec<String>, &'a T),
    /// One side deleted what the other edited; `theirs` is `None` when
    /// THEIRS deleted it (OURS's edit is kept), else THEIRS's edit (OURS's
    /// deletion is kept).
    Deleted(K, Option<&'a T>),
}

/// Lists of records merged by key: OURS's order, then what THEIRS added in
/// THEIRS's order. A record deleted on one side and untouched on the other
/// goes; one deleted against an edit stays as OURS has it.
pub(crate) fn merge_keyed<'a, K, T>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
    key: impl Fn(&T) -> K,
    conflicts: &mut Vec<KeyedConflict<'a, K, T>>,
) -> Vec<T>
where
    K: Eq + Hash + Clone,
    T: Serialize + DeserializeOwned + PartialEq + Clone,
{
    // One side left the list as it was: the other side's list, order and
    // all. Most lists of most merges take this way.
    if theirs == base {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let base_by: HashMap<K, &T> = base.iter().map(|r| (key(r), r)).collect();
    let theirs_by: HashMap<K, &T> = theirs.iter().map(|r| (key(r), r)).collect();
    let ours_keys: HashSet<K> = ours.iter().map(&key).collect();
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for o in ours {
        let k = key(o);
        let b = base_by.get(&k).copied();
        match (b, theirs_by.get(&k).copied()) {
            (b, Some(t)) => {
                let (merged, fields) = merge_record(b, o, t);
                if !fields.is_empty() {
                    conflicts.push(KeyedConflict::Fields(k, fields, t));
                }
                out.push(merged);
            }
            // THEIRS deleted it.
            (Some(b), None) => {
                if o != b {
                    conflicts.push(KeyedConflict::Deleted(k, None));
                    out.push(o.clone());
                }
            }
            // OURS added it.
            (None, None) => out.push(o.clone()),
        }
    }
    for t in theirs {
        let k = key(t);
        if ours_keys.contains(&k) {
            continue;
        }
        match base_by.get(&k) {
            // THEIRS added it.
            None => out.push(t.clone()),
            // OURS deleted it; THEIRS edited it.
            Some(b) if *b != t => conflicts.push(KeyedConflict::Deleted(k, Some(t))),
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeId, NodeKind, Status};

    #[test]
    fn fields_combine_and_clashes_keep_ours() {
        let base = Node::new(NodeId(1), NodeKind::Belief, "Price matters");
        let mut ours = base.clone();
        ours.confidence = 65;
        ours.owner = "Ana".into();
        let mut theirs = base.clone();
        theirs.status = Status::Testing;
        theirs.owner = "Ben".into();
        let (merged, conflicts) = merge_record(Some(&base), &ours, &theirs);
        assert_eq!(merged.confidence, 65);
        assert_eq!(merged.status, Status::Testing);
        assert_eq!(merged.owner, "Ana");
        assert_eq!(conflicts, vec!["owner".to_owned()]);
        let taken = take_fields(&merged, &theirs, &conflicts);
        assert_eq!(taken.owner, "Ben");
        assert_eq!(taken.confidence, 65);
    }

    #[test]
    fn a_field_left_out_of_theirs_takes_its_default() {
        let mut base = Node::new(NodeId(1), NodeKind::Belief, "x");
        base.stance = Some(30);
        let mut ours = base.clone();
        ours.confidence = 10;
        let mut theirs = base.clone();
        theirs.stance = None;
        let (merged, conflicts) = merge_record(Some(&base), &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!((merged.stance, merged.confidence), (None, 10));
    }
}
