//! The side panel that edits every field of the selection.
//!
//! Widgets edit a draft copy of the first selected node; fields that differ
//! from the original afterwards are copied onto every selected node as one
//! `UpdateNodes` command. Typing or dragging a slider folds into one undo
//! step per field until the widget lets go.

use super::app::CredenceApp;
use super::shortcuts::delete_selection;
use crate::analysis::trace;
use crate::edit::Edit;
use crate::edit::{Command, MergeKey};
use crate::model::{
    EdgeId, EdgeKind, EvidenceStrength, Horizon, Node, NodeId, NodeKind, PromptCard, Rgb, Status,
};
use egui::{ComboBox, Response, RichText, Slider, TextEdit, Ui};

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(6.0);
        if app.doc_ui.workshop_ui.viewing.is_some() {
            ui.label(
                RichText::new(
                    "The map shows a snapshot; these fields are the present, and edits change it.",
                )
                .color(ui.visuals().warn_fg_color),
            );
            ui.add_space(4.0);
        }
        let nodes: Vec<NodeId> = app.doc_ui.selection.nodes.iter().copied().collect();
        if !nodes.is_empty() {
            node_fields(app, ui, &nodes);
        } else if let Some(&edge) = app.doc_ui.selection.edges.first() {
            edge_fields(app, ui, edge);
        } else {
            document_fields(app, ui);
        }
    });
}

/// How a widget's change should be recorded.
#[derive(Default)]
struct Outcome {
    field: Option<&'static str>,
    seal: bool,
}

impl Outcome {
    /// A typed or dragged change: merge until the widget lets go.
    fn continuous(&mut self, field: &'static str, response: &Response) {
        if response.changed() {
            self.field = Some(field);
        }
        if response.lost_focus() || response.drag_stopped() {
            self.seal = true;
        }
    }

    /// A picked value: one step per pick.
    fn discrete(&mut self, field: &'static str, changed: bool) {
        if changed {
            self.field = Some(field);
            self.seal = true;
        }
    }
}

fn labelled(ui: &mut Ui, text: &str) -> egui::Id {
    ui.label(text).id
}

/// A labelled combo box over `choices`; true when the user picked another value.
fn pick<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    choices: &[T],
    name: impl Fn(T) -> &'static str,
    hint: impl Fn(T) -> Option<&'static str>,
) -> bool {
    let l = labelled(ui, label);
    let before = *value;
    ComboBox::from_id_salt(label)
        .selected_text(name(*value))
        .show_ui(ui, |ui| {
            for &choice in choices {
                let item = ui.selectable_value(value, choice, name(choice));
                if let Some(hint) = hint(choice) {
                    item.on_hover_text(hint);
                }
            }
        })
        .response
        .labelled_by(l);
    before != *value
}

fn node_fields(app: &mut CredenceApp, ui: &mut Ui, ids: &[NodeId]) {
    let Some(original) = app.open.doc().node(ids[0]).cloned() else {
        return;
    };
    let single = ids.len() == 1;
    if single {
        ui.heading(format!("{} #{}", original.kind.label(), original.id.0));
    } else {
        ui.heading(format!("{} nodes selected", ids.len()));
        ui.label("Changes apply to all of them.");
    }
    ui.separator();
    let mut draft = original.clone();
    let mut out = Outcome::default();

    egui::Grid::new("node-fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let changed = pick(
                ui,
                "Kind",
                &mut draft.kind,
                &NodeKind::ALL,
                |k| k.label(),
                |k| Some(k.meaning()),
            );
            out.discrete("kind", changed);
            ui.end_row();

            if single {
                let l = labelled(ui, "Title");
                let r = ui
                    .add(
                        TextEdit::multiline(&mut draft.title)
                            .desired_rows(2)
                            .char_limit(crate::model::MAX_TEXT_CHARS),
                    )
                    .labelled_by(l);
                out.continuous("title", &r);
                ui.end_row();
            }

            let l = labelled(ui, "Confidence");
            let r = ui
                .add(Slider::new(&mut draft.confidence, 0..=100).suffix("%"))
                .labelled_by(l)
                .on_hover_text("How sure the team is that this holds (0–100)");
            out.continuous("confidence", &r);
            ui.end_row();

            let l = labelled(ui, "Importance");
            let r = ui
                .add(Slider::new(&mut draft.importance, 1..=5))
                .labelled_by(l)
                .on_hover_text("How much rests on this (1–5)");
            out.continuous("importance", &r);
            ui.end_row();

            let changed = pick(
                ui,
                "Evidence",
                &mut draft.evidence,
                &EvidenceStrength::ALL,
                |e| e.label(),
                |_| None,
            );
            out.discrete("evidence", changed);
            ui.end_row();

            let changed = pick(
                ui,
                "Status",
                &mut draft.status,
                &Status::ALL,
                |s| s.label(),
                |_| None,
            );
            out.discrete("status", changed);
            ui.end_row();

            let l = labelled(ui, "Owner");
            let r = ui.text_edit_singleline(&mut draft.owner).labelled_by(l);
            out.continuous("owner", &r);
            ui.end_row();

            let changed = pick(
                ui,
                "Horizon",
                &mut draft.horizon,
                &Horizon::ALL,
                |h| h.label(),
                |_| Some("When a bet should pay off"),
            );
            out.discrete("horizon", changed);
            ui.end_row();

            let l = labelled(ui, "Tags");
            tags_field(ui, &mut draft, &mut out, l);
            ui.end_row();

            let l = labelled(ui, "Colour");
            colour_field(ui, &mut draft, &mut out, l);
            ui.end_row();
        });

    if single {
        ui.add_space(6.0);
        ui.label("Notes");
        let r = ui.add(
            TextEdit::multiline(&mut draft.notes)
                .char_limit(crate::model::MAX_TEXT_CHARS)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .hint_text("Notes, sources, links…"),
        );
        out.continuous("notes", &r);
        let on_backlog = app
            .open
            .doc()
            .workshop
            .backlog
            .in_progress
            .contains(&draft.id)
            || app.open.doc().workshop.backlog.finished.contains(&draft.id);
        if matches!(
            draft.kind,
            NodeKind::Question | NodeKind::Assumption | NodeKind::Belief | NodeKind::Bet
        ) {
            let open = matches!(draft.kind, NodeKind::Question | NodeKind::Assumption);
            prompt_card(ui, &mut draft.prompts, &mut out, open, draft.id);
        }
        if draft.kind == NodeKind::Bet {
            prompt_card(ui, &mut draft.test_card, &mut out, true, draft.id);
        }
        if draft.kind == NodeKind::Bet || on_backlog || !draft.learning_card.is_empty() {
            prompt_card(ui, &mut draft.learning_card, &mut out, false, draft.id);
        }
    }
    if let [id] = ids {
        super::vote_fields::show(app, ui, *id);
    }
    ui.add_space(10.0);
    let pinned = ids
        .iter()
        .all(|&id| app.open.doc().node(id).is_some_and(|n| n.pinned));
    let (label, tip) = if pinned {
        ("Unpin", "Let auto-layout move it again (P)")
    } else {
        ("Pin", "Keep it where it is when the map is laid out (P)")
    };
    let (pin, delete) = ui
        .horizontal(|ui| {
            let delete = ui
                .button("Delete")
                .on_hover_text("Delete the selection and its edges (Delete)")
                .clicked();
            (ui.button(label).on_hover_text(tip).clicked(), delete)
        })
        .inner;
    if pin {
        app.toggle_pin(ids);
        return;
    }
    if delete {
        delete_selection(app);
        return;
    }
    connections(app, ui, ids);
    if let [id] = ids {
        super::backlinks::show(app, ui, *id);
        reasoning(app, ui, *id);
    }

    if let Some(field) = out.field {
        let updated: Vec<Node> = ids
            .iter()
            .filter_map(|id| app.open.doc().node(*id))
            .map(|node| {
                let mut node = node.clone();
                copy_changed(&original, &draft, &mut node);
                // A retitled card's height follows its title, in the same
                // command as the title.
                if node.title != original.title {
                    node = crate::render::fitted(node);
                }
                node
            })
            .collect();
        let key = MergeKey(format!("inspect-{field}-{ids:?}"));
        app.apply_merged(Command::UpdateNodes(updated), key);
    }
    if out.seal {
        app.open.queue(Edit::Seal);
    }
}

/// Copies onto `target` each field where `draft` differs from `original`,
/// so a multi-selection takes the one field that was edited and keeps the
/// rest of each card.
///
/// The destructuring is exhaustive: a new node field does not compile until
/// it is copied here or named as never edited for many cards at once.
fn copy_changed(original: &Node, draft: &Node, target: &mut Node) {
    // One list: it is both the exhaustive pattern and what is copied.
    macro_rules! copy_all_but_identity_and_geometry {
        ($($field:ident),+) => {
            let Node { id: _, pos: _, size: _, $($field),+ } = draft;
            $(if *$field != original.$field {
                target.$field = $field.clone();
            })+
        };
    }
    copy_all_but_identity_and_geometry!(
        kind,
        title,
        notes,
        confidence,
        importance,
        evidence,
        status,
        owner,
        horizon,
        tags,
        colour,
        stance,
        convergence,
        prompts,
        test_card,
        learning_card,
        pinned
    );
}

/// One of the four-blank cards (Cutler's prompts, a test or learning card)
/// as a collapsible section; open by default when it holds anything.
fn prompt_card<T: PromptCard>(
    ui: &mut Ui,
    card: &mut T,
    out: &mut Outcome,
    open: bool,
    node: NodeId,
) {
    ui.add_space(6.0);
    let filled = !card.is_empty();
    egui::CollapsingHeader::new(RichText::new(T::TITLE).strong())
        .id_salt((T::TITLE, node.0))
        .default_open(open || filled)
        .show(ui, |ui| {
            for (label, r) in card_fields(ui, card) {
                out.continuous(label, &r);
            }
        });
}

/// A card's four blanks, each a labelled text field, for the inspector and
/// the backlog's Finish dialog.
pub(super) fn card_fields<T: PromptCard>(
    ui: &mut Ui,
    card: &mut T,
) -> Vec<(&'static str, Response)> {
    T::LABELS
        .into_iter()
        .zip(card.texts_mut())
        .map(|(label, text)| {
            let l = ui.label(format!("{label}…")).id;
            let r = ui
                .add(
                    TextEdit::multiline(text)
                        .char_limit(crate::model::MAX_TEXT_CHARS)
                        .desired_rows(1)
                        .desired_width(f32::INFINITY)
                        .hint_text("___"),
                )
                .labelled_by(l);
            (label, r)
        })
        .collect()
}

/// Tags are typed as one comma-separated line and applied when the field
/// lets go, so a half-typed ", " is not normalised away under the cursor.
fn tags_field(ui: &mut Ui, draft: &mut Node, out: &mut Outcome, label: egui::Id) {
    let id = ui.scope_id().with(("tags", draft.id.0));
    let joined = draft.tags.join(", ");
    let mut text = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or(joined.clone());
    let r = ui
        .add(TextEdit::singleline(&mut text).hint_text("comma, separated"))
        .labelled_by(label);
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if r.lost_focus() {
        let tags: Vec<String> = text
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if tags != draft.tags {
            draft.tags = tags;
            out.discrete("tags", true);
        }
    }
}

fn colour_field(ui: &mut Ui, draft: &mut Node, out: &mut Outcome, label: egui::Id) {
    ui.horizontal(|ui| {
        let mut custom = draft.colour.is_some();
        if ui
            .checkbox(&mut custom, "Custom")
            .on_hover_text("Override the kind's colour")
            .changed()
        {
            draft.colour = custom.then_some(Rgb(37, 99, 235));
            out.discrete("colour", true);
        }
        if let Some(c) = draft.colour {
            let mut rgb = [c.0, c.1, c.2];
            let r = ui.color_edit_button_srgb(&mut rgb).labelled_by(label);
            if r.changed() {
                draft.colour = Some(Rgb(rgb[0], rgb[1], rgb[2]));
                out.continuous("colour", &r);
            }
            if r.clicked_elsewhere() {
                out.seal = true;
            }
        }
    });
}

/// What the node rests on and what rests on it, one click from each.
fn connections(app: &mut CredenceApp, ui: &mut Ui, ids: &[NodeId]) {
    let [id] = ids else {
        return;
    };
    let mut jump = None;
    ui.add_space(10.0);
    ui.label(RichText::new("Connections").strong());
    for edge in app
        .open
        .doc()
        .edges
        .iter()
        .filter(|e| e.from == *id || e.to == *id)
    {
        let title = |n| {
            app.open
                .doc()
                .node(n)
                .map(|n| n.title.as_str())
                .unwrap_or("?")
        };
        let text = if edge.from == *id {
            format!("{} \"{}\"", edge.kind.label(), title(edge.to))
        } else {
            format!("\"{}\" {} this", title(edge.from), edge.kind.label())
        };
        if ui
            .selectable_label(false, text)
            .on_hover_text("Select this edge")
            .clicked()
        {
            jump = Some(edge.id);
        }
    }
    if let Some(edge) = jump {
        app.doc_ui.selection.only_edge(edge);
    }
}

fn edge_fields(app: &mut CredenceApp, ui: &mut Ui, id: EdgeId) {
    let Some(original) = app.open.doc().edge(id).cloned() else {
        return;
    };
    let name = |n: NodeId| {
        app.open
            .doc()
            .node(n)
            .map(|n| n.title.clone())
            .unwrap_or_else(|| "?".into())
    };
    ui.heading("Edge");
    ui.label(format!(
        "\"{}\" {} \"{}\"",
        name(original.from),
        original.kind.label(),
        name(original.to)
    ));
    ui.separator();
    let mut draft = original.clone();
    let mut seal = false;
    let mut key = "edge";
    egui::Grid::new("edge-fields")
        .num_columns(2)
        .show(ui, |ui| {
            pick(
                ui,
                "Edge kind",
                &mut draft.kind,
                &EdgeKind::ALL,
                |k| k.label(),
                |_| None,
            );
            if draft.kind != original.kind {
                seal = true;
                key = "edge-kind";
            }
            ui.end_row();
            let l = labelled(ui, "Label");
            let r = ui
                .add(TextEdit::singleline(&mut draft.label).hint_text("shown instead of the kind"))
                .labelled_by(l);
            seal |= r.lost_focus();
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button("Reverse")
            .on_hover_text("Swap which end the arrow points to")
            .clicked()
        {
            std::mem::swap(&mut draft.from, &mut draft.to);
            seal = true;
            key = "edge-reverse";
        }
        if ui
            .button("Delete")
            .on_hover_text("Delete this edge (Delete)")
            .clicked()
        {
            delete_selection(app);
        }
    });
    if app.open.doc().edge(id).is_some() && draft != original {
        app.apply_merged(
            Command::UpdateEdges(vec![draft]),
            MergeKey(format!("{key}-{}", id.0)),
        );
    }
    if seal {
        app.open.queue(Edit::Seal);
    }
}

fn document_fields(app: &mut CredenceApp, ui: &mut Ui) {
    ui.heading("Document");
    let mut title = app.open.doc().title.clone();
    let l = labelled(ui, "Document title");
    let r = ui
        .add(TextEdit::singleline(&mut title).hint_text("Name this map"))
        .labelled_by(l);
    if r.changed() {
        app.apply_merged(Command::SetTitle(title), MergeKey("doc-title".into()));
    }
    if r.lost_focus() {
        app.open.queue(Edit::Seal);
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Select a card or an edge to edit it.").weak());
    ui.add_space(12.0);
    ui.label(RichText::new("Shortcuts").strong());
    egui::Grid::new("shortcut-help")
        .num_columns(2)
        .show(ui, |ui| {
            for (keys, what) in SHORTCUT_HELP {
                ui.label(RichText::new(*keys).monospace());
                ui.label(*what);
                ui.end_row();
            }
        });
}

/// Shown in the inspector when nothing is selected; the README lists the same.
pub const SHORTCUT_HELP: &[(&str, &str)] = &[
    ("Double-click", "New card / rename"),
    ("Tab", "New child of the selection"),
    ("Enter", "New sibling"),
    ("F2", "Rename"),
    ("Delete", "Delete selection"),
    ("Ctrl+C / V / D", "Copy / paste / duplicate"),
    ("Ctrl+A", "Select all"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo"),
    ("Shift+drag", "Select an area"),
    ("Drag, Space+drag", "Pan"),
    ("Ctrl+scroll", "Zoom"),
    ("T / Esc", "Trace selection / clear"),
    ("L", "Lay out selection or all"),
    ("F / Ctrl+0", "Fit / 100%"),
    ("Ctrl+N / O / S", "New / open / save"),
    ("Ctrl+Shift+S", "Save as"),
    ("Ctrl+E", "Export"),
    ("Ctrl+F", "Search all boards"),
];

/// Effective confidence, the trace lists and "what if this is wrong?".
fn reasoning(app: &mut CredenceApp, ui: &mut Ui, id: NodeId) {
    app.refresh_insights();
    let Some(node) = app.open.doc().node(id).cloned() else {
        return;
    };
    let Some(insights) = app.insights_ref() else {
        return;
    };
    let effective = insights
        .effective
        .get(&id)
        .copied()
        .unwrap_or(node.confidence);
    let impact =
        matches!(node.kind, NodeKind::Assumption | NodeKind::Belief).then(|| insights.impact(id));
    let mut jump = None;
    if effective < node.confidence {
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "⚠ You say {}%; what it rests on says {effective}%.",
                node.confidence
            ))
            .color(crate::render::kind_colour(NodeKind::Question)),
        )
        .on_hover_text(
            "Effective confidence is capped by the weakest node this depends on, \
             and by the importance-weighted mean of the nodes that support it.",
        );
    }
    if let Some(impact) = impact {
        ui.add_space(8.0);
        ui.label(RichText::new("If this is wrong").strong());
        if impact.bets_and_outcomes.is_empty() {
            ui.label(RichText::new("No bet or outcome loses all its support.").weak());
        }
        let falls = impact.bets_and_outcomes.iter().copied();
        let text = |n: &Node| format!("{} falls: {}", n.kind.label(), n.title);
        jump = jump.or(jump_entries(ui, app, falls, text));
    }
    ui.add_space(8.0);
    let tracing = app.doc_ui.trace_focus == Some(id);
    if ui
        .selectable_label(tracing, RichText::new("Trace (T)").strong())
        .on_hover_text("Light up what this rests on and what rests on it")
        .clicked()
    {
        app.toggle_trace(id);
    }
    if app.doc_ui.trace_focus == Some(id) {
        let g = &app.insights_ref().expect("refreshed").graph;
        for (heading, ids, colour) in [
            ("Rests on", trace::upstream(g, id), crate::render::TRACE_UP),
            (
                "Rests on it",
                trace::downstream(g, id),
                crate::render::TRACE_DOWN,
            ),
        ] {
            ui.label(RichText::new(format!("{heading} ({})", ids.len())).color(colour));
            let text = |n: &Node| format!("{}: {}", n.kind.label(), n.title);
            jump = jump.or(jump_entries(ui, app, ids.into_iter(), text));
        }
    }
    if let Some(other) = jump {
        app.jump_to(other);
    }
}

/// One clickable line per node; the clicked node, if any.
fn jump_entries(
    ui: &mut Ui,
    app: &CredenceApp,
    ids: impl Iterator<Item = NodeId>,
    text: impl Fn(&Node) -> String,
) -> Option<NodeId> {
    let mut clicked = None;
    for id in ids {
        if let Some(node) = app.open.doc().node(id)
            && ui
                .selectable_label(false, text(node))
                .on_hover_text("Jump to it")
                .clicked()
        {
            clicked = Some(id);
        }
    }
    clicked
}
