//! Ctrl+F: search the text of every board (card titles, notes, owners and
//! tags; canvas names, headers, sections and sticky notes), then jump to a
//! hit and select it. Enter takes the highlighted hit, arrows move, Esc
//! closes.

use super::app::CredenceApp;
use super::boards::Board;
use crate::model::{CanvasId, Document, NodeId, NoteId};
use egui::{Id, Key, RichText};

/// Enough to scan by eye; a longer list means the query needs a word more.
const MAX_HITS: usize = 50;

#[derive(Default)]
pub struct SearchState {
    pub query: String,
    highlighted: usize,
    focused_once: bool,
}

/// Where a hit is.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Node(NodeId),
    Note(CanvasId, NoteId),
    Canvas(CanvasId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub target: Target,
    pub text: String,
}

fn matches(text: &str, needle: &str) -> bool {
    text.to_lowercase().contains(needle)
}

/// Every place `query` appears, belief map first, then each canvas.
pub fn find(doc: &Document, query: &str) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for n in &doc.nodes {
        // Every text the card holds, from the one list of them.
        let found = n.texts().any(|(_, text)| matches(text, &needle));
        if found {
            hits.push(Hit {
                target: Target::Node(n.id),
                text: format!("Belief map › {}: {}", n.kind.label(), n.title),
            });
        }
    }
    for c in &doc.canvases {
        let h = &c.header;
        let canvas_found = matches(&c.name, &needle)
            || matches(&h.focus, &needle)
            || matches(&h.owner, &needle)
            || matches(&h.horizon, &needle)
            || c.sections
                .iter()
                .any(|s| matches(&s.title, &needle) || matches(&s.prompt, &needle));
        if canvas_found {
            hits.push(Hit {
                target: Target::Canvas(c.id),
                text: format!("Canvas › {}", c.name),
            });
        }
        for n in c.notes.iter().filter(|n| matches(&n.text, &needle)) {
            let section = c.section(n.section).map_or("", |s| s.title.as_str());
            hits.push(Hit {
                target: Target::Note(c.id, n.id),
                text: format!("{} › {section}: {}", c.name, n.text),
            });
        }
    }
    hits.truncate(MAX_HITS);
    hits
}

impl CredenceApp {
    pub fn open_search(&mut self) {
        self.doc_ui.search = Some(SearchState::default());
    }

    /// Shows the hit's board and selects it.
    pub fn go_to(&mut self, target: &Target) {
        match *target {
            Target::Node(id) => {
                self.open_board(Board::Map);
                self.jump_to(id);
            }
            Target::Note(canvas, note) => {
                self.open_board(Board::Canvas(canvas));
                self.doc_ui.canvas_board.selected = Some(note);
            }
            Target::Canvas(canvas) => self.open_board(Board::Canvas(canvas)),
        }
    }
}

pub fn show(app: &mut CredenceApp, ctx: &egui::Context) {
    let Some(state) = app.doc_ui.search.as_mut() else {
        return;
    };
    let hits = find(app.open.doc(), &state.query);
    let mut chosen = None;
    let mut close = false;
    egui::Window::new("Search")
        .id(Id::unique("credence-search"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
        .show(ctx, |ui| {
            ui.set_width(460.0);
            let label = ui.label("Search all boards");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut state.query)
                        .hint_text("Words on cards, notes, sections…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !state.focused_once {
                response.request_focus();
                state.focused_once = true;
            }
            if response.changed() {
                state.highlighted = 0;
            }
            let (down, up, enter, escape) = ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                    i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                    i.key_pressed(Key::Enter),
                    i.key_pressed(Key::Escape),
                )
            });
            if down && state.highlighted + 1 < hits.len() {
                state.highlighted += 1;
            }
            if up {
                state.highlighted = state.highlighted.saturating_sub(1);
            }
            if enter && let Some(hit) = hits.get(state.highlighted) {
                chosen = Some(hit.target.clone());
            }
            close |= escape;
            if hits.is_empty() && !state.query.trim().is_empty() {
                ui.label(RichText::new("Nothing found").weak());
            }
            for (i, hit) in hits.iter().enumerate() {
                let selected = i == state.highlighted;
                if ui.selectable_label(selected, &hit.text).clicked() {
                    chosen = Some(hit.target.clone());
                }
            }
        });
    if let Some(target) = chosen {
        app.doc_ui.search = None;
        app.go_to(&target);
    } else if close {
        app.doc_ui.search = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Canvas, Node, NodeKind, Note, Section, SectionId};

    #[test]
    fn finds_a_card_by_any_text_it_holds() {
        let mut doc = Document::default();
        let mut node = Node::new(NodeId(1), NodeKind::Bet, "Pilot with two teams");
        node.owner = "Growth squad".into();
        node.tags = vec!["pricing".into()];
        node.test_card.right_if = "Churn halves".into();
        doc.nodes.push(node);
        for query in ["pilot", "growth", "PRICING", "churn halves"] {
            assert_eq!(find(&doc, query).len(), 1, "{query}");
        }
        assert!(find(&doc, "nowhere").is_empty());
    }

    #[test]
    fn finds_cards_and_notes_case_insensitively() {
        let mut doc = Document::default();
        doc.nodes.push(Node::new(
            NodeId(1),
            NodeKind::Belief,
            "Pricing drives churn",
        ));
        let mut canvas = Canvas {
            id: CanvasId(1),
            name: "Q3".into(),
            ..Canvas::default()
        };
        canvas.sections.push(Section {
            id: SectionId(1),
            title: "Risks".into(),
            ..Section::default()
        });
        canvas.notes.push(Note {
            id: NoteId(1),
            section: SectionId(1),
            text: "Pricing page confuses admins".into(),
            ..Note::default()
        });
        doc.canvases.push(canvas);
        let hits = find(&doc, "PRICING");
        assert_eq!(
            hits.iter().map(|h| h.target.clone()).collect::<Vec<_>>(),
            [
                Target::Node(NodeId(1)),
                Target::Note(CanvasId(1), NoteId(1))
            ]
        );
        assert_eq!(hits[1].text, "Q3 › Risks: Pricing page confuses admins");
        assert!(find(&doc, "   ").is_empty());
    }
}
