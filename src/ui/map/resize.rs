//! Resizing a selected card by its right edge, its bottom edge or its
//! corner, as on any whiteboard; double-clicking the corner fits the card to
//! its title again. A resize is one undo step, however long the drag.

use super::Drag;
use crate::edit::{Command, Edit, MergeKey};
use crate::model::{Document, NodeId, Point, Size};
use crate::render;
use crate::ui::app::CredenceApp;
use egui::{CursorIcon, Id, Rect, Response, Sense, Ui, WidgetInfo, vec2};

/// Screen half-thickness of an edge grip, and the side of the corner's.
const EDGE: f32 = 5.0;
const CORNER: f32 = 16.0;
/// Grips on more selected cards than this would bury the map.
const MAX_GRIPPED: usize = 32;

/// A resize under way: which card, which sides, and where it began.
#[derive(Debug)]
pub(super) struct Resize {
    key: MergeKey,
    node: NodeId,
    start: Point,
    origin: Size,
    width: bool,
    height: bool,
}

/// One grip on one card: which sides dragging it moves.
pub(super) struct Grip {
    node: NodeId,
    width: bool,
    height: bool,
    response: Response,
}

impl Resize {
    /// The edit that makes the card follow the pointer to `now` (a board
    /// point), if its size changes; the steps of one drag fold into one.
    pub(super) fn step(&self, doc: &Document, now: Point) -> Option<Edit> {
        let node = doc.node(self.node)?;
        let min = render::min_size(node);
        let mut size = self.origin;
        if self.width {
            size.w = (self.origin.w + now.x - self.start.x).max(min.w).round();
        }
        if self.height {
            size.h = (self.origin.h + now.y - self.start.y).max(min.h).round();
        }
        (size != node.size).then(|| {
            let mut node = node.clone();
            node.size = size;
            Edit::Merge(Command::UpdateNodes(vec![node]), self.key.clone())
        })
    }
}

/// The cursor over a grip, and while it is dragged wherever the pointer is.
fn cursor_for(width: bool, height: bool) -> CursorIcon {
    match (width, height) {
        (true, true) => CursorIcon::ResizeNwSe,
        (true, false) => CursorIcon::ResizeHorizontal,
        _ => CursorIcon::ResizeVertical,
    }
}

/// The grips of the selected cards in view. Made before the connect
/// handles, so where they overlap on the right edge the handle wins.
pub(super) fn grips(app: &CredenceApp, ui: &Ui, cards: &[(NodeId, Rect)]) -> Vec<Grip> {
    let selection = &app.doc_ui.selection.nodes;
    let mut grips = Vec::new();
    for (node_id, r) in cards.iter().filter(|(id, _)| selection.contains(id)) {
        if grips.len() >= 3 * MAX_GRIPPED {
            break;
        }
        let Some(node) = app.open.doc().node(*node_id) else {
            continue;
        };
        let inset = (r.width().min(r.height()) / 4.0).min(CORNER);
        let sides = [
            (
                true,
                false,
                Rect::from_x_y_ranges(
                    r.right() - EDGE..=r.right() + EDGE,
                    r.top() + inset..=r.bottom() - inset,
                ),
                "Resize width of",
            ),
            (
                false,
                true,
                Rect::from_x_y_ranges(
                    r.left() + inset..=r.right() - inset,
                    r.bottom() - EDGE..=r.bottom() + EDGE,
                ),
                "Resize height of",
            ),
            (
                true,
                true,
                Rect::from_center_size(r.right_bottom(), vec2(CORNER, CORNER)),
                "Resize",
            ),
        ];
        for (width, height, area, what) in sides {
            let id = Id::unique(("resize", node_id.0, width, height));
            let response = ui.interact(area, id, Sense::click_and_drag());
            response.widget_info(|| {
                WidgetInfo::labeled(egui::Role::Button, true, format!("{what} {}", node.title))
            });
            let response = if width && height {
                response.on_hover_text("Drag to resize; double-click to fit the card to its text")
            } else {
                response
            };
            grips.push(Grip {
                node: *node_id,
                width,
                height,
                response,
            });
        }
    }
    grips
}

impl CredenceApp {
    /// Starts a resize from the grip it began on, or fits a card whose
    /// corner was double-clicked. Returns true when a grip took the press.
    pub(super) fn use_grips(&mut self, ui: &Ui, rect: Rect, grips: &[Grip]) -> bool {
        let mut took = false;
        for grip in grips {
            let r = &grip.response;
            if r.hovered() || r.dragged() {
                ui.ctx()
                    .set_cursor_icon(cursor_for(grip.width, grip.height));
            }
            if r.double_clicked() && grip.width && grip.height {
                self.fit_card_to_text(grip.node);
                took = true;
            } else if r.drag_started()
                && let Some(node) = self.open.doc().node(grip.node)
            {
                let origin = node.size;
                self.open.queue(Edit::Seal);
                let key = self.doc_ui.map.fresh_key("resize");
                self.doc_ui.map.drag = Some(Drag::Resize(Resize {
                    key,
                    node: grip.node,
                    start: super::press_origin(ui, self, rect),
                    origin,
                    width: grip.width,
                    height: grip.height,
                }));
                took = true;
            } else if r.clicked() || r.is_pointer_button_down_on() {
                took = true;
            }
        }
        took
    }

    /// One card's height fitted to its title again, as one undo step.
    pub fn fit_card_to_text(&mut self, id: NodeId) {
        let Some(node) = self.open.doc().node(id) else {
            return;
        };
        let fitted = render::fitted(node.clone());
        if fitted.size != node.size {
            self.open.queue(Edit::Seal);
            self.apply(Command::UpdateNodes(vec![fitted]));
        }
    }
}

pub(super) fn cursor(resize: &Resize) -> CursorIcon {
    cursor_for(resize.width, resize.height)
}
