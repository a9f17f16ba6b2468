//! "Auto-layout all", "Auto-layout selection" and "Lay out from scratch":
//! the layered layout, animated into place over 300 ms as one undo step.

use super::app::CredenceApp;
use crate::edit::Edit;
use crate::edit::{Command, MergeKey};
use crate::layout::{LayoutOptions, layout};
use crate::model::{NodeId, Point};
use std::collections::BTreeSet;

const DURATION: f64 = 0.3;

pub struct LayoutAnimation {
    from: Vec<(NodeId, Point)>,
    to: Vec<(NodeId, Point)>,
    started: Option<f64>,
    key: MergeKey,
}

impl CredenceApp {
    /// Lays out every node, or only the selected ones (the rest stay put),
    /// starting from the order the cards are in, so a second layout after
    /// a small change moves little.
    pub fn auto_layout(&mut self, only_selection: bool) {
        self.lay_out(only_selection, true);
    }

    /// Map → Lay out from scratch: ignores where the cards are now.
    pub fn lay_out_from_scratch(&mut self) {
        self.lay_out(false, false);
    }

    fn lay_out(&mut self, only_selection: bool, keep_order: bool) {
        let subset: Option<BTreeSet<NodeId>> =
            only_selection.then(|| self.doc_ui.selection.nodes.clone());
        if subset.as_ref().is_some_and(|s| s.len() < 2) {
            return;
        }
        let options = LayoutOptions {
            flow: self.layout_flow,
            keep_order,
            style: self.layout_style,
            aspect: self.doc_ui.map.rect.aspect_ratio(),
            ..Default::default()
        };
        let count = subset
            .as_ref()
            .map_or(self.open.doc().nodes.len(), BTreeSet::len);
        if count >= self.background_layout_nodes {
            self.start_layout_job(subset, options);
            return;
        }
        let to = layout(self.open.doc(), subset.as_ref(), &options);
        self.animate_to(to);
    }

    /// Animates nodes from where they are to `to`, as one undo step.
    pub(crate) fn animate_to(&mut self, to: Vec<(NodeId, Point)>) {
        let from: Vec<(NodeId, Point)> = to
            .iter()
            .filter_map(|(id, _)| self.open.doc().node(*id).map(|n| (*id, n.pos)))
            .collect();
        self.doc_ui.map.cancel_edit();
        self.open.queue(Edit::Seal);
        self.doc_ui.layout_animation = Some(LayoutAnimation {
            from,
            to,
            started: None,
            key: self.doc_ui.map.fresh_key("layout"),
        });
    }

    /// The toolbar button and L: the selection when two or more cards are
    /// selected, otherwise the whole map.
    pub fn auto_layout_selection_or_all(&mut self) {
        let only_selection = self.doc_ui.selection.nodes.len() >= 2;
        self.auto_layout(only_selection);
    }

    /// Moves the nodes one frame further; the moves fold into one step.
    pub(crate) fn step_layout_animation(&mut self, ctx: &egui::Context) {
        let Some(animation) = &mut self.doc_ui.layout_animation else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let started = *animation.started.get_or_insert(now);
        let t = ((now - started) / DURATION).clamp(0.0, 1.0) as f32;
        let eased = t * t * (3.0 - 2.0 * t);
        let moves: Vec<(NodeId, Point)> = animation
            .from
            .iter()
            .zip(&animation.to)
            .map(|((id, a), (_, b))| {
                let p = if t >= 1.0 {
                    *b
                } else {
                    Point::new(a.x + (b.x - a.x) * eased, a.y + (b.y - a.y) * eased)
                };
                (*id, p)
            })
            .collect();
        let key = animation.key.clone();
        self.apply_merged(Command::Move(moves), key);
        if t >= 1.0 {
            self.open.queue(Edit::Seal);
            self.doc_ui.layout_animation = None;
        } else {
            ctx.request_repaint();
        }
    }

    pub fn is_animating(&self) -> bool {
        self.doc_ui.layout_animation.is_some()
    }
}
