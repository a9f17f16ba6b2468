//! The Insights panel: problems (merge conflicts, cycles) and the riskiest
//! assumptions, each entry one click from its nodes on the map.

use super::app::CredenceApp;
use crate::model::NodeId;
use egui::{RichText, Ui};

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    app.refresh_insights();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(6.0);
        ui.heading("Insights");
        ui.separator();
        problems(app, ui);
        ui.add_space(8.0);
        riskiest(app, ui);
    });
}

fn title(app: &CredenceApp, id: NodeId) -> String {
    app.open
        .doc()
        .node(id)
        .map(|n| n.title.clone())
        .unwrap_or_else(|| "?".into())
}

fn problems(app: &mut CredenceApp, ui: &mut Ui) {
    let cycles = app
        .insights_ref()
        .map(|i| i.cycles.clone())
        .unwrap_or_default();
    let conflicts = app.open.doc().conflicts.len();
    egui::CollapsingHeader::new(format!("Problems ({})", cycles.len() + conflicts))
        .default_open(true)
        .show(ui, |ui| {
            super::conflicts::show(app, ui);
            if cycles.is_empty() {
                ui.label(RichText::new("No cycles: nothing rests on itself.").weak());
            }
            let mut chosen = None;
            for (i, cycle) in cycles.iter().enumerate() {
                let names: Vec<String> = cycle.iter().map(|id| title(app, *id)).collect();
                let text = format!("Cycle {}: {}", i + 1, names.join(" · "));
                if ui
                    .selectable_label(false, text)
                    .on_hover_text("A cycle is allowed, but each of these rests on the others. Click to select them.")
                    .clicked()
                {
                    chosen = Some(cycle.clone());
                }
            }
            if let Some(cycle) = chosen {
                app.select_and_frame(&cycle);
            }
        });
}

fn riskiest(app: &mut CredenceApp, ui: &mut Ui) {
    let risks = app.risks();
    egui::CollapsingHeader::new("Riskiest assumptions")
        .default_open(true)
        .show(ui, |ui| {
            if risks.is_empty() {
                ui.label(RichText::new("No assumptions yet.").weak());
            }
            let mut chosen = None;
            for (rank, risk) in risks.iter().take(15).enumerate() {
                let text = format!("{}. {}  ({:.1})", rank + 1, title(app, risk.id), risk.score);
                if ui
                    .selectable_label(app.doc_ui.selection.nodes.contains(&risk.id), text)
                    .on_hover_text(risk.breakdown())
                    .clicked()
                {
                    chosen = Some(risk.id);
                }
                ui.label(RichText::new(risk.breakdown()).small().weak());
            }
            if let Some(id) = chosen {
                app.jump_to(id);
            }
        });
}
