//! Merge conflicts in the Insights panel's Problems: what each is about,
//! both values, and *Keep mine* / *Take theirs*, each one undo step.

use super::app::CredenceApp;
use super::notice::Notice;
use crate::edit::merge;
use crate::model::{Conflict, Document, Theirs};
use egui::{RichText, Ui};

/// Both sides' values of a conflict's fields, where a card, edge, note or
/// participant says them in a line: `mine 65 · theirs 20`.
fn values(doc: &Document, c: &Conflict) -> Option<String> {
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "none".to_owned(),
        Some(serde_json::Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    };
    let pair = |ours: serde_json::Map<String, serde_json::Value>,
                theirs: serde_json::Map<String, serde_json::Value>| {
        let parts: Vec<String> = c
            .fields
            .iter()
            .map(|f| {
                format!(
                    "{f}: mine {} · theirs {}",
                    show(ours.get(f)),
                    show(theirs.get(f))
                )
            })
            .collect();
        parts.join("; ")
    };
    if c.fields.is_empty() {
        return None;
    }
    match &c.theirs {
        Theirs::Title(t) => Some(format!("mine {:?} · theirs {t:?}", doc.title)),
        Theirs::Node(id, Some(t)) => {
            let ours = doc.node(*id)?;
            Some(pair(merge::fields_of(ours), merge::fields_of(t.as_ref())))
        }
        Theirs::Edge(id, Some(t)) => {
            let ours = doc.edges.iter().find(|e| e.id == *id)?;
            Some(pair(merge::fields_of(ours), merge::fields_of(t)))
        }
        Theirs::Vote {
            node,
            participant,
            confidence,
        } => {
            let mine = doc.workshop.vote(*node, *participant);
            let pct = |v: Option<u8>| v.map_or("none".to_owned(), |v| format!("{v}%"));
            Some(format!("mine {} · theirs {}", pct(mine), pct(*confidence)))
        }
        _ => None,
    }
}

/// The conflicts, each with its two buttons; nothing when there are none.
pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    let doc = app.open.doc();
    if doc.conflicts.is_empty() {
        return;
    }
    let rows: Vec<(String, Option<String>, Option<crate::model::NodeId>)> = doc
        .conflicts
        .iter()
        .map(|c| (c.describe(doc), values(doc, c), c.node()))
        .collect();
    ui.label(RichText::new("Merge conflicts: the map keeps yours until you choose.").weak());
    let mut chosen = None;
    for (i, (what, values, node)) in rows.into_iter().enumerate() {
        ui.group(|ui| {
            let r = ui.selectable_label(false, &what).on_hover_text(
                "The same thing was changed on two branches. Click to show the card.",
            );
            if r.clicked()
                && let Some(id) = node
            {
                app.jump_to(id);
            }
            if let Some(values) = values {
                ui.label(RichText::new(values).small());
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Keep mine")
                    .on_hover_text("Keep this map's value and forget theirs (one undo step)")
                    .clicked()
                {
                    chosen = Some((i, false));
                }
                if ui
                    .button("Take theirs")
                    .on_hover_text("Use the other branch's value instead (one undo step)")
                    .clicked()
                {
                    chosen = Some((i, true));
                }
            });
        });
    }
    let Some((i, take)) = chosen else {
        return;
    };
    let doc = app.open.doc();
    let command = if take {
        merge::take_theirs(doc, i)
    } else {
        merge::keep_mine(doc, i)
    };
    match command {
        Some(command) => app.apply(command),
        None => {
            app.notice = Some(Notice::error(
                "Their version no longer fits this map (what it rested on was deleted); keep yours or edit by hand",
            ))
        }
    }
}
