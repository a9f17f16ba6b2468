//! The Learning backlog panel: Cutler's "must learn" items in rank order,
//! reordered by dragging, with a work-in-progress limit, and a Finish step
//! that records what was learned, the new confidence and a snapshot as one
//! undoable change.

use super::app::CredenceApp;
use crate::analysis::backlog::{self, Item};
use crate::edit::Edit;
use crate::edit::{Command, MergeKey};
use crate::model::{LearningCard, MAX_WIP, NodeId};
use egui::{Color32, Id, RichText, Sense, Stroke, Ui};

/// A row's frame around its two lines: group margin and stroke, both sides.
const ROW_CHROME: f32 = 14.0;

/// The Finish dialog's draft: nothing changes until it is confirmed.
pub struct Finishing {
    node: NodeId,
    card: LearningCard,
    confidence: u8,
}

#[derive(Default)]
pub struct BacklogUi {
    pub finishing: Option<Finishing>,
    /// The row being dragged.
    dragging: Option<NodeId>,
}

impl BacklogUi {
    /// The confidence the open Finish dialog would record.
    pub fn finishing_confidence(&self) -> Option<u8> {
        self.finishing.as_ref().map(|f| f.confidence)
    }
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    ui.add_space(6.0);
    ui.heading("Learning backlog").on_hover_text(
        "What we must learn: the belief map's bottom-left corner (we want to shift it and we \
         disagree) and the assumption map's leap-of-faith corner (important, little evidence)",
    );
    let items = backlog::items(app.open.doc());
    let limit = app.open.doc().workshop.backlog.wip_limit;
    let doing = backlog::in_progress(&items);
    ui.horizontal(|ui| {
        let l = ui.label("Learning in progress limit");
        let mut value = limit;
        let r = ui
            .add(egui::DragValue::new(&mut value).range(1..=MAX_WIP))
            .labelled_by(l.id)
            .on_hover_text("A work-in-progress limit: the panel warns when more are in progress");
        if r.changed() {
            app.edit_workshop_merged(MergeKey("backlog-wip".into()), |w| {
                w.backlog.wip_limit = value;
            });
        }
        if r.drag_stopped() || r.lost_focus() {
            app.open.queue(Edit::Seal);
        }
    });
    ui.label(format!("Learning in progress: {doing} of {limit}"));
    if doing > usize::from(limit) {
        ui.label(
            RichText::new(format!(
                "Over the limit: {doing} in progress, the limit is {limit}. \
                 Finish something before starting more."
            ))
            .color(ui.visuals().warn_fg_color)
            .strong(),
        );
    }
    ui.separator();
    if items.is_empty() {
        ui.weak(
            "Nothing to learn yet. Cards in the belief map's \"must learn\" corner and \
             assumptions in the assumption map's leap-of-faith corner appear here.",
        );
    }
    // Only the rows in view are laid out: a big map can put thousands of
    // items on the backlog.
    let inner = 2.0 * ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("backlog-scroll")
        .auto_shrink([false, true])
        .max_height(ui.available_height() - 60.0)
        .show_rows(ui, inner + ROW_CHROME, items.len(), |ui, range| {
            rows(app, ui, &items, range, inner);
        });
    finished(app, ui);
}

/// The ranked rows; a row dragged and dropped between two others takes
/// that place, and the whole order is then the team's.
fn rows(
    app: &mut CredenceApp,
    ui: &mut Ui,
    items: &[Item],
    range: std::ops::Range<usize>,
    inner: f32,
) {
    let mut rects = Vec::with_capacity(range.len());
    let first = range.start;
    for (rank, item) in items[range].iter().enumerate() {
        let rank = first + rank;
        let Some(node) = app.open.doc().node(item.id) else {
            continue;
        };
        let title = node.title.clone();
        let lifted = app.doc_ui.backlog_ui.dragging == Some(item.id);
        // The row's drag handle goes under its buttons, so it is registered
        // first, with the rectangle the row had last frame.
        let row_id = Id::unique(("backlog-row", item.id.0));
        let last_rect = ui.data(|d| d.get_temp::<egui::Rect>(row_id));
        let handle = last_rect.map(|r| {
            ui.interact(r, row_id, Sense::click_and_drag())
                .on_hover_cursor(egui::CursorIcon::Grab)
        });
        let frame = egui::Frame::group(ui.style())
            .fill(if lifted {
                Color32::from_rgb(224, 236, 255)
            } else {
                ui.visuals().faint_bg_color
            })
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.set_min_height(inner);
                // A press on the row's text starts the row's drag, not a
                // text selection.
                ui.style_mut().interaction.selectable_labels = false;
                let title_response = ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}.", rank + 1)).strong());
                    let r = ui
                        .selectable_label(app.doc_ui.selection.nodes.contains(&item.id), &title)
                        .on_hover_text(format!(
                            "{}\nScore {:.1}. Click to select; drag the row to reorder.",
                            item.source(),
                            item.score
                        ));
                    if r.clicked() {
                        app.jump_to(item.id);
                    }
                    r
                });
                ui.horizontal(|ui| {
                    ui.weak(item.source());
                    let mut doing = item.in_progress;
                    let r = ui
                        .toggle_value(&mut doing, "In progress")
                        .on_hover_text("Someone is learning about this now");
                    // Each row's buttons read the same; screen readers and
                    // tests need to know whose they are.
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(
                            egui::Role::Button,
                            true,
                            doing,
                            format!("In progress: {title}"),
                        )
                    });
                    if r.clicked() {
                        set_in_progress(app, item.id, doing);
                    }
                    let r = ui.button("Finish…").on_hover_text(
                        "Record what was learned and the new confidence, with a snapshot",
                    );
                    r.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Finish: {title}"),
                        )
                    });
                    if r.clicked() {
                        start_finishing(app, item.id);
                    }
                });
                title_response.inner
            });
        let rect = frame.response.rect;
        ui.data_mut(|d| d.insert_temp(row_id, rect));
        let handle = handle.unwrap_or_else(|| ui.interact(rect, row_id, Sense::click_and_drag()));
        handle.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::ListItem,
                true,
                format!("Backlog item {}: {title}", rank + 1),
            )
        });
        if handle.drag_started() {
            app.doc_ui.backlog_ui.dragging = Some(item.id);
        }
        if handle.clicked() {
            app.jump_to(item.id);
        }
        // The same menu on the row and on its title, which takes its own clicks.
        for response in [&handle, &frame.inner] {
            response.context_menu(|ui| row_menu(app, ui, items, item.id, rank));
        }
        rects.push(rect);
    }
    let Some(dragged) = app.doc_ui.backlog_ui.dragging else {
        return;
    };
    let pointer = ui.input(|i| i.pointer.interact_pos());
    // Where the row would land: before the first row whose middle is below.
    let target = pointer.map(|p| first + rects.iter().take_while(|r| r.center().y < p.y).count());
    if let (Some(p), Some(at)) = (pointer, target) {
        let y = match rects.get(at - first) {
            Some(r) => r.top() - 2.0,
            None => rects.last().map_or(p.y, |r| r.bottom() + 2.0),
        };
        let x = rects.first().map_or((p.x, p.x), |r| (r.left(), r.right()));
        ui.painter().line_segment(
            [egui::pos2(x.0, y), egui::pos2(x.1, y)],
            Stroke::new(2.5, Color32::from_rgb(37, 99, 235)),
        );
    }
    if ui.input(|i| i.pointer.any_released()) {
        app.doc_ui.backlog_ui.dragging = None;
        if let Some(at) = target {
            let from = items.iter().position(|i| i.id == dragged);
            // Dropping below itself counts the row's own old slot.
            let at = match from {
                Some(f) if f < at => at - 1,
                _ => at,
            };
            reorder(app, items, dragged, at);
        }
    } else {
        ui.ctx().request_repaint();
    }
}

/// A row's context menu: move it without dragging.
fn row_menu(app: &mut CredenceApp, ui: &mut Ui, items: &[Item], id: NodeId, rank: usize) {
    if ui.button("Move to top").clicked() {
        reorder(app, items, id, 0);
        ui.close();
    }
    if rank > 0 && ui.button("Move up").clicked() {
        reorder(app, items, id, rank - 1);
        ui.close();
    }
    if rank + 1 < items.len() && ui.button("Move down").clicked() {
        reorder(app, items, id, rank + 1);
        ui.close();
    }
}

/// Moves `id` to rank `at` and stores the whole order as the team's.
fn reorder(app: &mut CredenceApp, items: &[Item], id: NodeId, at: usize) {
    let ranked: Vec<NodeId> = items.iter().map(|i| i.id).collect();
    let mut order: Vec<NodeId> = ranked.iter().copied().filter(|i| *i != id).collect();
    order.insert(at.min(order.len()), id);
    // A press that did not move the row (a click on its buttons) is no edit.
    if order == ranked {
        return;
    }
    // Ordered items no longer on the backlog keep their place for when they return.
    let kept: Vec<NodeId> = app
        .open
        .doc()
        .workshop
        .backlog
        .order
        .iter()
        .copied()
        .filter(|i| !order.contains(i))
        .collect();
    order.extend(kept);
    app.edit_workshop(|w| w.backlog.order = order);
}

fn set_in_progress(app: &mut CredenceApp, id: NodeId, doing: bool) {
    app.edit_workshop(|w| {
        w.backlog.in_progress.retain(|i| *i != id);
        if doing {
            w.backlog.in_progress.push(id);
        }
    });
}

fn start_finishing(app: &mut CredenceApp, id: NodeId) {
    if let Some(node) = app.open.doc().node(id) {
        app.doc_ui.backlog_ui.finishing = Some(Finishing {
            node: id,
            card: node.learning_card.clone(),
            confidence: node.confidence,
        });
    }
}

/// Finished items, each of which can go back on the backlog.
fn finished(app: &mut CredenceApp, ui: &mut Ui) {
    let done: Vec<(NodeId, String)> = app
        .open
        .doc()
        .workshop
        .backlog
        .finished
        .iter()
        .filter_map(|id| app.open.doc().node(*id).map(|n| (*id, n.title.clone())))
        .collect();
    if done.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Finished ({})", done.len()))
        .id_salt("backlog-finished")
        .show(ui, |ui| {
            for (id, title) in done {
                ui.horizontal(|ui| {
                    if ui.link(&title).clicked() {
                        app.jump_to(id);
                    }
                    if ui
                        .small_button("Reopen")
                        .on_hover_text("Put it back on the backlog")
                        .clicked()
                    {
                        app.edit_workshop(|w| w.backlog.finished.retain(|i| *i != id));
                    }
                });
            }
        });
}

/// The Finish dialog: the learning card and the new confidence; confirming
/// applies them, marks the item finished and takes a snapshot, in one step.
pub fn finish_dialog(app: &mut CredenceApp, ctx: &egui::Context) {
    let Some(f) = app.doc_ui.backlog_ui.finishing.as_mut() else {
        return;
    };
    let Some(title) = app.open.doc().node(f.node).map(|n| n.title.clone()) else {
        app.doc_ui.backlog_ui.finishing = None;
        return;
    };
    let mut confirmed = false;
    let mut cancelled = false;
    egui::Modal::new(Id::unique("backlog-finish")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Finish learning");
        ui.label(RichText::new(&title).strong());
        ui.label("What did we learn? Fill in the learning card.");
        super::inspector::card_fields(ui, &mut f.card);
        ui.horizontal(|ui| {
            let l = ui.label("New confidence");
            ui.add(egui::Slider::new(&mut f.confidence, 0..=100).suffix("%"))
                .labelled_by(l.id)
                .on_hover_text("How sure the team is now");
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Finish and snapshot")
                .on_hover_text(
                    "Save the card and confidence, take it off the backlog, and take a snapshot",
                )
                .clicked()
            {
                confirmed = true;
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                cancelled = true;
            }
        });
    });
    if cancelled {
        app.doc_ui.backlog_ui.finishing = None;
    }
    if confirmed && let Some(f) = app.doc_ui.backlog_ui.finishing.take() {
        finish(app, f, &title);
    }
}

fn finish(app: &mut CredenceApp, f: Finishing, title: &str) {
    let Some(mut node) = app.open.doc().node(f.node).cloned() else {
        return;
    };
    node.learning_card = f.card;
    node.confidence = f.confidence;
    let mut workshop = app.open.doc().workshop.clone();
    let b = &mut workshop.backlog;
    b.in_progress.retain(|i| *i != f.node);
    b.order.retain(|i| *i != f.node);
    if !b.finished.contains(&f.node) {
        b.finished.push(f.node);
    }
    let changes = vec![
        Command::UpdateNodes(vec![node]),
        Command::ReplaceWorkshop(workshop),
    ];
    // The snapshot records the map as it stands after the change.
    let mut after = app.open.doc().clone();
    Command::Batch(changes.clone()).apply(&mut after);
    let mut batch = changes;
    batch.push(super::workshop::insert_snapshot(
        &after,
        format!("Learned: {title}"),
    ));
    app.apply(Command::Batch(batch));
}
