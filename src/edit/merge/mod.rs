//! Three-way merge of documents by stable id, for `credence merge` and
//! git's merge driver.
//!
//! Records (cards, edges, canvases, notes, participants, votes, snapshots)
//! are matched by id, never by position in the file, and merged field by
//! field (`fields`). THEIRS's new ids that OURS also took are renumbered
//! first (`renumber`). What cannot be combined keeps OURS's value and
//! goes into the document's `conflicts`, with THEIRS's version, for the app
//! to offer *Keep mine* / *Take theirs* ([`keep_mine`], [`take_theirs`]).

mod fields;
mod renumber;
mod resolve;

pub use fields::fields_of;
pub use renumber::Renumbered;
pub use resolve::{keep_mine, take_theirs};

use crate::model::{Canvas, Conflict, Document, Invalid, Snapshot, Theirs, Vote, Workshop};
use fields::{KeyedConflict, merge_keyed, merge_record};
use std::collections::HashSet;

/// A merged document and what the merge did.
#[derive(Debug)]
pub struct Merged {
    pub doc: Document,
    pub renumbered: Renumbered,
    /// The conflicts this merge found (the document also keeps any it had).
    pub new_conflicts: Vec<Conflict>,
}

/// Merges `theirs` into `ours` given their common ancestor `base`.
///
/// Fails only if the combination breaks an invariant no choice of sides
/// would mend (more cards than a document may hold); nothing is guessed.
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Result<Merged, Invalid> {
    // One side left the document as it was: the other side, whole.
    let unchanged = if theirs == base || ours == theirs {
        Some(ours)
    } else if ours == base {
        Some(theirs)
    } else {
        None
    };
    if let Some(doc) = unchanged {
        return Ok(Merged {
            doc: doc.clone(),
            renumbered: Renumbered::default(),
            new_conflicts: Vec::new(),
        });
    }
    let mut theirs = theirs.clone();
    let renumbered = renumber::renumber_theirs(base, ours, &mut theirs);
    let theirs = &theirs;
    let mut found = Vec::new();

    let title = if ours.title == theirs.title || theirs.title == base.title {
        ours.title.clone()
    } else if ours.title == base.title {
        theirs.title.clone()
    } else {
        found.push(Conflict {
            fields: vec!["title".into()],
            theirs: Theirs::Title(theirs.title.clone()),
        });
        ours.title.clone()
    };

    let mut kc = Vec::new();
    let nodes = merge_keyed(&base.nodes, &ours.nodes, &theirs.nodes, |n| n.id, &mut kc);
    found.extend(recorded(kc, |id, t| {
        Theirs::Node(id, t.cloned().map(Box::new))
    }));
    let ids: HashSet<_> = nodes.iter().map(|n| n.id).collect();

    let mut kc = Vec::new();
    let mut edges = merge_keyed(&base.edges, &ours.edges, &theirs.edges, |e| e.id, &mut kc);
    found.extend(recorded(kc, |id, t| Theirs::Edge(id, t.cloned())));
    // An edge THEIRS drew to a card OURS deleted has nothing to rest on.
    edges.retain(|e| ids.contains(&e.from) && ids.contains(&e.to));

    let canvases = merge_canvases(base, ours, theirs, &mut found);
    let workshop = merge_workshop(&base.workshop, &ours.workshop, &theirs.workshop, &mut found);

    // Snapshots never change once taken: only which exist is merged.
    let key = |s: &Snapshot| (s.taken, s.label.clone());
    let snapshots = merge_keyed(
        &base.snapshots,
        &ours.snapshots,
        &theirs.snapshots,
        key,
        &mut Vec::new(),
    );

    let mut conflicts = ours.conflicts.clone();
    for c in theirs.conflicts.iter().chain(&found) {
        if !conflicts.contains(c) && !base.conflicts.contains(c) {
            conflicts.push(c.clone());
        }
    }
    let doc = Document {
        title,
        nodes,
        edges,
        canvases,
        workshop,
        snapshots,
        conflicts,
    };
    doc.validate()?;
    Ok(Merged {
        doc,
        renumbered,
        new_conflicts: found,
    })
}

/// A keyed merge's conflicts as the document records them; `theirs` makes
/// THEIRS's side from its key and its version (`None`: THEIRS deleted it).
fn recorded<'a, K, T: 'a>(
    conflicts: Vec<KeyedConflict<'a, K, T>>,
    theirs: impl Fn(K, Option<&'a T>) -> Theirs,
) -> impl Iterator<Item = Conflict> {
    conflicts.into_iter().map(move |c| match c {
        KeyedConflict::Fields(k, fields, t) => Conflict {
            fields,
            theirs: theirs(k, Some(t)),
        },
        KeyedConflict::Deleted(k, t) => Conflict {
            fields: Vec::new(),
            theirs: theirs(k, t),
        },
    })
}

/// A canvas without its notes: what its own fields merge as (and what a
/// diff compares them as).
pub(crate) fn own_fields(c: &Canvas) -> Canvas {
    Canvas {
        notes: Vec::new(),
        ..c.clone()
    }
}

/// Canvases by id: their own fields (name, header, grid, sections) as one
/// record, their notes by id within them.
fn merge_canvases(
    base: &Document,
    ours: &Document,
    theirs: &Document,
    found: &mut Vec<Conflict>,
) -> Vec<Canvas> {
    let mut out = Vec::new();
    let ours_ids: HashSet<_> = ours.canvases.iter().map(|c| c.id).collect();
    for o in &ours.canvases {
        let b = base.canvas(o.id);
        match (b, theirs.canvas(o.id)) {
            (b, Some(t)) => {
                let (bo, oo, to) = (b.map(own_fields), own_fields(o), own_fields(t));
                let (mut merged, fields) = merge_record(bo.as_ref(), &oo, &to);
                // Two changes that each fit but not together (a smaller
                // grid, a section in what it cut off): OURS's own fields.
                let ok = |c: &Canvas| {
                    let doc = Document {
                        canvases: vec![c.clone()],
                        ..Document::default()
                    };
                    doc.validate().is_ok()
                };
                let fields = if ok(&merged) {
                    fields
                } else {
                    merged = oo.clone();
                    fields::changed_fields(&oo, &to)
                };
                if !fields.is_empty() {
                    found.push(Conflict {
                        fields,
                        theirs: Theirs::Canvas(o.id, Some(t.clone())),
                    });
                }
                let base_notes = b.map_or(&[][..], |b| &b.notes[..]);
                let mut kc = Vec::new();
                merged.notes = merge_keyed(base_notes, &o.notes, &t.notes, |n| n.id, &mut kc);
                found.extend(recorded(kc, |note, t| Theirs::Note {
                    canvas: o.id,
                    note,
                    theirs: t.cloned(),
                }));
                rehome_notes(&mut merged);
                out.push(merged);
            }
            (Some(b), None) => {
                if o != b {
                    found.push(Conflict {
                        fields: Vec::new(),
                        theirs: Theirs::Canvas(o.id, None),
                    });
                    out.push(o.clone());
                }
            }
            (None, None) => out.push(o.clone()),
        }
    }
    for t in &theirs.canvases {
        if ours_ids.contains(&t.id) {
            continue;
        }
        match base.canvas(t.id) {
            None => out.push(t.clone()),
            Some(b) if b != t => found.push(Conflict {
                fields: Vec::new(),
                theirs: Theirs::Canvas(t.id, Some(t.clone())),
            }),
            Some(_) => {}
        }
    }
    out
}

/// A note whose section the other side removed goes to the canvas's first
/// section rather than being lost; a canvas left with no sections keeps no
/// notes (there is nowhere to show them).
pub(crate) fn rehome_notes(canvas: &mut Canvas) {
    let sections: HashSet<_> = canvas.sections.iter().map(|s| s.id).collect();
    match canvas.sections.first().map(|s| s.id) {
        Some(first) => {
            for n in &mut canvas.notes {
                if !sections.contains(&n.section) {
                    n.section = first;
                }
            }
        }
        None => canvas.notes.clear(),
    }
}

/// A workshop without its people and votes: what its own fields (the
/// reveal, the dot round, the path, the backlog) merge as.
fn own_workshop(w: &Workshop) -> Workshop {
    Workshop {
        participants: Vec::new(),
        votes: Vec::new(),
        ..w.clone()
    }
}

fn merge_workshop(
    base: &Workshop,
    ours: &Workshop,
    theirs: &Workshop,
    found: &mut Vec<Conflict>,
) -> Workshop {
    let mut kc = Vec::new();
    let participants = merge_keyed(
        &base.participants,
        &ours.participants,
        &theirs.participants,
        |p| p.id,
        &mut kc,
    );
    found.extend(recorded(kc, |id, t| Theirs::Participant(id, t.cloned())));
    let mut kc = Vec::new();
    let key = |v: &Vote| (v.node, v.participant);
    let votes = merge_keyed(&base.votes, &ours.votes, &theirs.votes, key, &mut kc);
    found.extend(recorded(kc, |(node, participant), t: Option<&Vote>| {
        Theirs::Vote {
            node,
            participant,
            confidence: t.map(|t| t.confidence),
        }
    }));
    let (b, o, t) = (own_workshop(base), own_workshop(ours), own_workshop(theirs));
    let (mut merged, fields) = merge_record(Some(&b), &o, &t);
    if !fields.is_empty() {
        found.push(Conflict {
            fields,
            theirs: Theirs::Workshop(Box::new(t)),
        });
    }
    merged.participants = participants;
    merged.votes = votes;
    merged.sort_votes();
    merged
}
