//! The inspector's workshop section for one card: each participant's
//! confidence vote, its dots in a dot-voting round, and its confidence
//! over the snapshots as a small line chart.
//!
//! Vote fields are masked until the facilitator reveals the votes, so
//! typing them in on the big screen shows nobody's number. Tab moves to
//! the next person, which is how a facilitator goes round the room.

use super::app::CredenceApp;
use super::workshop::{colour, spread_text};
use crate::analysis::votes;
use crate::edit::Edit;
use crate::edit::MergeKey;
use crate::model::{DotTarget, NodeId, takes_votes};
use egui::{Color32, RichText, Sense, Stroke, TextEdit, Ui, WidgetInfo, pos2, vec2};

pub fn show(app: &mut CredenceApp, ui: &mut Ui, id: NodeId) {
    let Some(node) = app.open.doc().node(id) else {
        return;
    };
    let votable = takes_votes(node.kind);
    if votable && !app.open.doc().workshop.participants.is_empty() {
        ui.add_space(8.0);
        vote_fields(app, ui, id);
    }
    if app
        .open
        .doc()
        .workshop
        .dot_round
        .as_ref()
        .is_some_and(|r| r.open)
    {
        ui.add_space(8.0);
        dot_buttons(app, ui, DotTarget::Node(id));
    }
    if !app.open.doc().snapshots.is_empty() {
        ui.add_space(8.0);
        history_chart(app, ui, id);
    }
}

fn vote_fields(app: &mut CredenceApp, ui: &mut Ui, id: NodeId) {
    let w = &app.open.doc().workshop;
    let voted = w.votes_on(id).len();
    ui.label(RichText::new("Confidence votes").strong());
    if w.revealed {
        match votes::spread(app.open.doc(), id) {
            Some(s) => ui.label(spread_text(&s)),
            None => ui.label(RichText::new("No votes").weak()),
        };
    } else {
        ui.label(format!(
            "{voted} of {} voted · hidden until Reveal",
            w.participants.len()
        ));
    }
    let revealed = w.revealed;
    let people: Vec<_> = w
        .participants
        .iter()
        .map(|p| (p.id, p.name.clone(), p.colour, w.vote(id, p.id)))
        .collect();
    egui::Grid::new("votes")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (pid, name, c, vote) in people {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                    ui.painter().circle_filled(rect.center(), 5.0, colour(c));
                    ui.label(&name);
                });
                let field_id = ui.make_persistent_id(("vote", id.0, pid.0));
                let typing = ui.memory(|m| m.has_focus(field_id));
                let mut text = match vote {
                    // Hidden and not being typed: the same mask for every
                    // vote, so not even the number of digits shows.
                    Some(_) if !revealed && !typing => "•••".to_string(),
                    Some(v) => v.to_string(),
                    None => String::new(),
                };
                let response = ui.add(
                    TextEdit::singleline(&mut text)
                        .id(field_id)
                        .password(!revealed && typing)
                        .hint_text("0–100")
                        .desired_width(56.0)
                        .char_limit(3),
                );
                response.widget_info(|| {
                    WidgetInfo::labeled(egui::Role::TextInput, true, format!("Vote of {name}"))
                });
                let response = response.on_hover_text(format!(
                    "{name}'s confidence, 0–100. Tab moves to the next person; empty withdraws the vote."
                ));
                // Anything but a whole number 0–100 is refused, not
                // clamped: "4070" is a slip of the keyboard, not a 100.
                if response.changed()
                    && let Some(value) = parse_vote(&text)
                {
                    let key = MergeKey(format!("vote-{}-{}", id.0, pid.0));
                    app.edit_workshop_merged(key, |w| w.set_vote(id, pid, value));
                }
                if response.lost_focus() {
                    app.open.queue(Edit::Seal);
                }
                ui.end_row();
            }
        });
}

/// `Some(None)` withdraws the vote (an empty field); `None` refuses the text.
fn parse_vote(text: &str) -> Option<Option<u8>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    match text.parse::<u8>() {
        Ok(v) if v <= 100 && text.chars().all(|c| c.is_ascii_digit()) => Some(Some(v)),
        _ => None,
    }
}

/// Place and take back dots on a card or note for whoever is voting.
pub fn dot_buttons(app: &mut CredenceApp, ui: &mut Ui, target: DotTarget) {
    let here = app.open.doc().workshop.dots_on(target);
    let voter = app
        .doc_ui
        .workshop_ui
        .voter
        .and_then(|v| app.open.doc().workshop.participant(v))
        .map(|p| p.name.clone());
    ui.label(RichText::new(format!("Dots here: {here}")).strong());
    ui.horizontal(|ui| {
        let who = voter.clone().unwrap_or_else(|| "—".into());
        if ui
            .button(format!("Place dot ({who})"))
            .on_hover_text(
                "One of the voter's dots on this (D). Pick the voter in the Workshop panel.",
            )
            .clicked()
        {
            app.place_dot(target);
        }
        if ui
            .add_enabled(voter.is_some(), egui::Button::new("Remove dot"))
            .on_hover_text("Take back one of the voter's dots from this")
            .clicked()
        {
            app.remove_dot(target);
        }
    });
}

/// The card's own confidence at each snapshot, then now.
fn history_chart(app: &mut CredenceApp, ui: &mut Ui, id: NodeId) {
    let Some(node) = app.open.doc().node(id) else {
        return;
    };
    let mut points: Vec<(String, u8)> = app
        .open
        .doc()
        .snapshots
        .iter()
        .filter_map(|s| s.state_of(id).map(|st| (s.label.clone(), st.confidence)))
        .collect();
    points.push(("now".into(), node.confidence));
    ui.label(RichText::new("Confidence over time").strong());
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width().min(260.0), 64.0), Sense::hover());
    let summary = points
        .iter()
        .map(|(label, c)| format!("{label} {c}%"))
        .collect::<Vec<_>>()
        .join(", ");
    response.widget_info(|| {
        WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Confidence history: {summary}"),
        )
    });
    response.on_hover_text(&summary);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, Color32::from_gray(246));
    let inner = rect.shrink2(vec2(8.0, 6.0));
    for level in [0.0, 50.0, 100.0] {
        let y = inner.bottom() - inner.height() * level / 100.0;
        painter.line_segment(
            [pos2(inner.left(), y), pos2(inner.right(), y)],
            Stroke::new(0.5, Color32::from_gray(215)),
        );
    }
    let step = if points.len() > 1 {
        inner.width() / (points.len() - 1) as f32
    } else {
        0.0
    };
    let at: Vec<egui::Pos2> = points
        .iter()
        .enumerate()
        .map(|(i, (_, c))| {
            pos2(
                inner.left() + step * i as f32,
                inner.bottom() - inner.height() * f32::from(*c) / 100.0,
            )
        })
        .collect();
    let accent = crate::render::kind_colour(node.kind);
    painter.add(egui::Shape::line(at.clone(), Stroke::new(2.0, accent)));
    for p in at {
        painter.circle_filled(p, 3.0, accent);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_vote;

    #[test]
    fn only_whole_numbers_up_to_100_are_votes() {
        assert_eq!(parse_vote(""), Some(None));
        assert_eq!(parse_vote("0"), Some(Some(0)));
        assert_eq!(parse_vote("100"), Some(Some(100)));
        assert_eq!(parse_vote(" 42 "), Some(Some(42)));
        for bad in ["101", "4070", "-1", "+5", "4a", "•••", "1.5"] {
            assert_eq!(parse_vote(bad), None, "{bad}");
        }
    }
}
