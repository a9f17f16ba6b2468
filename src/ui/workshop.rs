//! The Workshop panel: who is in the room, the hidden confidence votes and
//! their reveal, the biggest disagreements, a dot-voting round, and belief
//! snapshots with the history slider.
//!
//! Every change is one [`Command::ReplaceWorkshop`] (or a snapshot insert or
//! removal), so undo covers the whole session.

use super::app::CredenceApp;
use crate::analysis::votes::{self, Spread};
use crate::edit::{Command, MergeKey};
use crate::model::{
    Document, DotRound, DotTarget, NodeId, NodeState, ParticipantId, Rgb, Snapshot, Workshop,
};
use egui::{Color32, RichText, Ui};
use std::time::{SystemTime, UNIX_EPOCH};

/// Longer lists stop here: the panel is an agenda, not a report.
const MAX_LISTED: usize = 30;

/// The panel's own state; none of it is saved.
pub struct WorkshopUi {
    pub new_name: String,
    /// Who places dots with D or the inspector's button.
    pub voter: Option<ParticipantId>,
    pub dots_each: u8,
    pub snapshot_label: String,
    /// The snapshot the map shows; `None` is now.
    pub viewing: Option<usize>,
    /// The map as it was at `viewing`, for the document state it was built from.
    past: Option<((u64, u64, usize), Document)>,
    focus_name: bool,
}

impl Default for WorkshopUi {
    fn default() -> Self {
        Self {
            new_name: String::new(),
            voter: None,
            dots_each: 3,
            snapshot_label: String::new(),
            viewing: None,
            past: None,
            focus_name: false,
        }
    }
}

pub fn colour(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

impl CredenceApp {
    /// Changes the workshop as one undo step; nothing is recorded if `change`
    /// leaves it as it was.
    pub fn edit_workshop(&mut self, change: impl FnOnce(&mut Workshop)) {
        let mut w = self.open.doc().workshop.clone();
        change(&mut w);
        if w != self.open.doc().workshop {
            self.apply(Command::ReplaceWorkshop(w));
        }
    }

    /// Like [`Self::edit_workshop`], folding into the previous step with the
    /// same key (typing a two-digit vote is one step).
    pub(crate) fn edit_workshop_merged(
        &mut self,
        key: MergeKey,
        change: impl FnOnce(&mut Workshop),
    ) {
        let mut w = self.open.doc().workshop.clone();
        change(&mut w);
        if w != self.open.doc().workshop {
            self.apply_merged(Command::ReplaceWorkshop(w), key);
        }
    }

    pub fn add_participant(&mut self, name: &str) -> Option<ParticipantId> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let mut id = None;
        self.edit_workshop(|w| id = Some(w.add_participant(name)));
        if self.doc_ui.workshop_ui.voter.is_none() {
            self.doc_ui.workshop_ui.voter = id;
        }
        id
    }

    /// D: one dot from the current voter on `target`, or a clear message
    /// saying why not.
    pub fn place_dot(&mut self, target: DotTarget) {
        let Some(voter) = self.doc_ui.workshop_ui.voter else {
            self.notice = Some(super::notice::Notice::error(
                crate::model::DotRefused::UnknownParticipant.to_string(),
            ));
            return;
        };
        let mut w = self.open.doc().workshop.clone();
        match w.place_dot(voter, target) {
            Ok(()) => self.apply(Command::ReplaceWorkshop(w)),
            Err(refused) => {
                self.notice = Some(super::notice::Notice::error(refused.to_string()));
            }
        }
    }

    pub fn remove_dot(&mut self, target: DotTarget) {
        if let Some(voter) = self.doc_ui.workshop_ui.voter {
            self.edit_workshop(|w| {
                w.remove_dot(voter, target);
            });
        }
    }

    /// Records every node's confidence, status and evidence as they are now.
    pub fn take_snapshot(&mut self, label: &str) {
        let label = if label.trim().is_empty() {
            format!("Snapshot {}", self.open.doc().snapshots.len() + 1)
        } else {
            label.trim().to_string()
        };
        let command = insert_snapshot(self.open.doc(), label);
        self.apply(command);
    }

    /// "Snapshot on every save": a snapshot labelled with the time, unless
    /// nothing it records changed since the last one.
    pub(crate) fn snapshot_if_changed(&mut self) {
        let now = crate::analysis::belief_map::snapshot(self.open.doc(), String::new(), 0);
        let same = self
            .open
            .doc()
            .snapshots
            .last()
            .is_some_and(|last| last.nodes == now.nodes);
        if !same {
            self.take_snapshot(&format!("Saved {}", format_time(unix_seconds())));
        }
    }

    /// Builds the past map for the history slider, if it is on a snapshot
    /// and the cached one is stale. Call before [`Self::shown_doc`].
    pub(crate) fn refresh_past(&mut self) {
        let Some(index) = self
            .doc_ui
            .workshop_ui
            .viewing
            .filter(|i| *i < self.open.doc().snapshots.len())
        else {
            return;
        };
        let key = (self.open.generation(), self.open.history().state(), index);
        if self
            .doc_ui
            .workshop_ui
            .past
            .as_ref()
            .is_none_or(|(k, _)| *k != key)
        {
            let past = as_of(self.open.doc(), &self.open.doc().snapshots[index]);
            self.doc_ui.workshop_ui.past = Some((key, past));
        }
    }

    /// The document the map draws: the present, or, with the history slider
    /// on a snapshot, the map as it stood then. Cards added since are left
    /// out, and so are workshop marks, as snapshots hold none.
    pub fn shown_doc(&self) -> &Document {
        let index = self
            .doc_ui
            .workshop_ui
            .viewing
            .filter(|i| *i < self.open.doc().snapshots.len());
        match (&self.doc_ui.workshop_ui.past, index) {
            (Some(((_, _, at), past)), Some(i)) if *at == i => past,
            _ => self.open.doc(),
        }
    }
}

/// `doc` with each node's judgements as `snapshot` recorded them.
pub fn as_of(doc: &Document, snapshot: &Snapshot) -> Document {
    let states: std::collections::HashMap<NodeId, &NodeState> =
        snapshot.nodes.iter().map(|s| (s.node, s)).collect();
    let mut past = Document {
        title: doc.title.clone(),
        ..Document::default()
    };
    for node in &doc.nodes {
        if let Some(s) = states.get(&node.id) {
            let mut node = node.clone();
            node.confidence = s.confidence;
            node.status = s.status;
            node.evidence = s.evidence;
            if let Some(importance) = s.importance {
                node.importance = importance;
            }
            // Older snapshots did not record the belief map; keep today's.
            if s.importance.is_some() {
                node.stance = s.stance;
                node.convergence = s.convergence;
            }
            past.nodes.push(node);
        }
    }
    past.edges = doc
        .edges
        .iter()
        .filter(|e| states.contains_key(&e.from) && states.contains_key(&e.to))
        .cloned()
        .collect();
    past
}

/// Appending a snapshot of `doc` as it is now, labelled `label`.
pub(crate) fn insert_snapshot(doc: &Document, label: String) -> Command {
    Command::InsertSnapshot {
        index: doc.snapshots.len(),
        snapshot: crate::analysis::belief_map::snapshot(doc, label, unix_seconds()),
    }
}

/// Seconds since 1970 (UTC); 0 on a clock set before then.
pub(crate) fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `2026-11-28 17:40 UTC`, without a date library: days since 1970 to a
/// civil date (Howard Hinnant's algorithm).
pub fn format_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{d:02} {h:02}:{m:02} UTC")
}

/// While the history slider is on a snapshot, a bar over the map says so
/// and leads back to now.
pub fn history_banner(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(i) = app.doc_ui.workshop_ui.viewing else {
        return;
    };
    let Some(s) = app.open.doc().snapshots.get(i) else {
        app.doc_ui.workshop_ui.viewing = None;
        return;
    };
    let text = format!(
        "Viewing snapshot {} of {}: {} · {}",
        i + 1,
        app.open.doc().snapshots.len(),
        s.label,
        format_time(s.taken)
    );
    let rect = app.doc_ui.map.rect;
    egui::Area::new(egui::Id::unique("history-banner"))
        .fixed_pos(rect.center_top() + egui::vec2(-220.0, 10.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(Color32::from_rgb(255, 247, 214))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(text).strong());
                        if ui
                            .button("Back to now")
                            .on_hover_text("Show the map as it is now")
                            .clicked()
                        {
                            app.doc_ui.workshop_ui.viewing = None;
                        }
                    });
                });
        });
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(6.0);
        ui.heading("Workshop");
        ui.separator();
        super::room_panel::show(app, ui);
        ui.add_space(8.0);
        participants(app, ui);
        ui.add_space(8.0);
        confidence_votes(app, ui);
        ui.add_space(8.0);
        dot_voting(app, ui);
        ui.add_space(8.0);
        history(app, ui);
        ui.add_space(8.0);
        spotlight_path(app, ui);
    });
}

fn participants(app: &mut CredenceApp, ui: &mut Ui) {
    let list = app.open.doc().workshop.participants.clone();
    egui::CollapsingHeader::new(format!("Participants ({})", list.len()))
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            let mut recolour = None;
            for p in &list {
                ui.horizontal(|ui| {
                    let mut rgb = [p.colour.0, p.colour.1, p.colour.2];
                    let picker = ui
                        .color_edit_button_srgb(&mut rgb)
                        .on_hover_text(format!("{}'s colour in vote strips", p.name))
                        .widget_info_labelled(format!("Colour of {}", p.name));
                    if picker.changed() {
                        recolour = Some((p.id, Rgb(rgb[0], rgb[1], rgb[2])));
                    }
                    ui.label(&p.name);
                    if ui
                        .small_button("✖")
                        .on_hover_text(format!("Remove {} and their votes and dots", p.name))
                        .widget_info_labelled(format!("Remove {}", p.name))
                        .clicked()
                    {
                        remove = Some(p.id);
                    }
                });
            }
            if let Some((id, rgb)) = recolour {
                // Dragging in the picker is one undo step per person.
                let key = MergeKey(format!("participant-colour-{}", id.0));
                app.edit_workshop_merged(key, |w| {
                    if let Some(p) = w.participants.iter_mut().find(|p| p.id == id) {
                        p.colour = rgb;
                    }
                });
            }
            if let Some(id) = remove {
                app.edit_workshop(|w| w.remove_participant(id));
                if app.doc_ui.workshop_ui.voter == Some(id) {
                    app.doc_ui.workshop_ui.voter = None;
                }
            }
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut app.doc_ui.workshop_ui.new_name)
                        .hint_text("Name, then Enter")
                        .desired_width(150.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Participant name")
                });
                if app.doc_ui.workshop_ui.focus_name {
                    app.doc_ui.workshop_ui.focus_name = false;
                    field.request_focus();
                }
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let clicked = ui
                    .button("Add")
                    .on_hover_text("Add this person to the room")
                    .clicked();
                if entered || clicked {
                    let name = std::mem::take(&mut app.doc_ui.workshop_ui.new_name);
                    app.add_participant(&name);
                    // Keep typing names: the next one goes straight in.
                    app.doc_ui.workshop_ui.focus_name = entered;
                }
            });
        });
}

fn confidence_votes(app: &mut CredenceApp, ui: &mut Ui) {
    egui::CollapsingHeader::new("Confidence votes")
        .default_open(true)
        .show(ui, |ui| {
            let revealed = app.open.doc().workshop.revealed;
            ui.horizontal(|ui| {
                let (text, tip) = if revealed {
                    ("Hide votes", "Hide the votes again, for example before a new round")
                } else {
                    (
                        "Reveal votes",
                        "Show everyone's votes on the map: dot strips, median and spread",
                    )
                };
                // Nothing to reveal before the first vote; hiding is always possible.
                let enabled = revealed || !app.open.doc().workshop.votes.is_empty();
                if ui
                    .add_enabled(enabled, egui::Button::new(text))
                    .on_hover_text(tip)
                    .on_disabled_hover_text("No votes yet: select a card and type each person's vote in the inspector")
                    .clicked()
                {
                    app.edit_workshop(|w| w.revealed = !revealed);
                }
                if ui
                    .add_enabled(!app.open.doc().workshop.votes.is_empty(), egui::Button::new("Clear votes"))
                    .on_hover_text("Remove every vote and hide, to start a new round (undoable)")
                    .clicked()
                {
                    app.edit_workshop(|w| {
                        w.votes.clear();
                        w.revealed = false;
                    });
                }
            });
            if app.open.doc().workshop.participants.is_empty() {
                ui.label(RichText::new("Add participants, then select a belief, assumption or bet and type each person's confidence in the inspector.").weak());
                return;
            }
            if !revealed {
                ui.label(RichText::new("Hidden: the map shows only how many have voted.").weak());
                let mut chosen = None;
                // One pass over the votes, not one per card: maps grow large.
                let people: std::collections::HashSet<_> =
                    app.open.doc().workshop.participants.iter().map(|p| p.id).collect();
                let mut counts: std::collections::HashMap<NodeId, usize> =
                    std::collections::HashMap::new();
                for v in &app.open.doc().workshop.votes {
                    if people.contains(&v.participant) {
                        *counts.entry(v.node).or_default() += 1;
                    }
                }
                let voted = app
                    .open
                    .doc()
                    .nodes
                    .iter()
                    .filter(|n| crate::model::takes_votes(n.kind))
                    .filter_map(|n| counts.get(&n.id).map(|c| (n, *c)));
                let mut shown = 0;
                for (node, n) in voted {
                    shown += 1;
                    if shown > MAX_LISTED {
                        continue;
                    }
                    let text = format!("{}: {n} of {} voted", node.title, people.len());
                    if ui.selectable_label(false, text).clicked() {
                        chosen = Some(node.id);
                    }
                }
                if shown > MAX_LISTED {
                    ui.weak(format!("… and {} more", shown - MAX_LISTED));
                }
                if let Some(id) = chosen {
                    app.jump_to(id);
                }
                return;
            }
            ui.label(RichText::new("Biggest disagreements").strong())
                .on_hover_text("Ranked by the spread of the middle half of the votes (IQR)");
            let ranked = votes::disagreements(app.open.doc());
            if ranked.is_empty() {
                ui.label(RichText::new("No card has two votes yet.").weak());
            }
            let mut chosen = None;
            if ranked.len() > MAX_LISTED {
                ui.weak(format!("The {MAX_LISTED} most contested of {}:", ranked.len()));
            }
            for (rank, (id, s)) in ranked.iter().take(MAX_LISTED).enumerate() {
                let title = app.open.doc().node(*id).map_or("?", |n| n.title.as_str());
                let text = format!("{}. {title}  ({})", rank + 1, spread_text(s));
                if ui
                    .selectable_label(app.doc_ui.selection.nodes.contains(id), text)
                    .on_hover_text("Click to go to this card")
                    .clicked()
                {
                    chosen = Some(*id);
                }
            }
            if let Some(id) = chosen {
                app.jump_to(id);
            }
        });
}

/// "median 50 · IQR 30 · 20–80 · 2 votes"
pub fn spread_text(s: &Spread) -> String {
    let num = votes::points;
    format!(
        "median {} · IQR {} · {}–{} · {} votes",
        num(s.median),
        num(s.iqr()),
        s.min,
        s.max,
        s.count
    )
}

fn dot_voting(app: &mut CredenceApp, ui: &mut Ui) {
    egui::CollapsingHeader::new("Dot voting")
        .default_open(true)
        .show(ui, |ui| {
            let round = app.open.doc().workshop.dot_round.clone();
            let open = round.as_ref().is_some_and(|r| r.open);
            if !open {
                ui.horizontal(|ui| {
                    let label = ui.label("Dots each");
                    ui.add(
                        egui::DragValue::new(&mut app.doc_ui.workshop_ui.dots_each)
                            .range(1..=crate::model::MAX_DOTS_EACH),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("How many dots each participant may place");
                    let enabled = !app.open.doc().workshop.participants.is_empty();
                    if ui
                        .add_enabled(enabled, egui::Button::new("Start round"))
                        .on_hover_text(
                            "Start a dot-voting round; earlier dots are cleared (undoable)",
                        )
                        .clicked()
                    {
                        let per_person = app.doc_ui.workshop_ui.dots_each;
                        app.edit_workshop(|w| {
                            w.dot_round = Some(DotRound {
                                per_person,
                                open: true,
                                dots: Vec::new(),
                            })
                        });
                        if app.doc_ui.workshop_ui.voter.is_none() {
                            app.doc_ui.workshop_ui.voter =
                                app.open.doc().workshop.participants.first().map(|p| p.id);
                        }
                    }
                });
            } else {
                voter_picker(app, ui);
                ui.label(
                    RichText::new(
                        "Select a card or note, then press D or use Place dot in the inspector.",
                    )
                    .weak(),
                );
                if ui
                    .button("End round")
                    .on_hover_text("Close the round and keep its ranked result")
                    .clicked()
                {
                    app.edit_workshop(|w| {
                        if let Some(r) = &mut w.dot_round {
                            r.open = false;
                        }
                    });
                }
            }
            if let Some(round) = round {
                ui.label(RichText::new(if open { "Live tally" } else { "Result" }).strong());
                let tally = votes::dot_tally(app.open.doc());
                if tally.is_empty() {
                    ui.label(RichText::new("No dots yet.").weak());
                }
                let mut chosen = None;
                for (rank, (target, n)) in tally.iter().enumerate() {
                    let text = format!(
                        "{}. {}  ({n} dot{})",
                        rank + 1,
                        votes::target_name(app.open.doc(), *target),
                        if *n == 1 { "" } else { "s" }
                    );
                    if ui.selectable_label(false, text).clicked() {
                        chosen = Some(*target);
                    }
                }
                if let Some(DotTarget::Node(id)) = chosen {
                    app.jump_to(id);
                }
                for p in &app.open.doc().workshop.participants {
                    ui.label(
                        RichText::new(format!(
                            "{}: {} of {} dots",
                            p.name,
                            app.open.doc().workshop.dots_used(p.id),
                            round.per_person
                        ))
                        .small()
                        .color(colour(p.colour)),
                    );
                }
            }
        });
}

fn voter_picker(app: &mut CredenceApp, ui: &mut Ui) {
    // A file opened mid-round, or a voter removed: the first person votes
    // until the facilitator picks another, and the picker shows who.
    let voter_present = app
        .doc_ui
        .workshop_ui
        .voter
        .is_some_and(|v| app.open.doc().workshop.participant(v).is_some());
    if !voter_present {
        app.doc_ui.workshop_ui.voter = app.open.doc().workshop.participants.first().map(|p| p.id);
    }
    let name = app
        .doc_ui
        .workshop_ui
        .voter
        .and_then(|id| app.open.doc().workshop.participant(id))
        .map_or("—".to_string(), |p| p.name.clone());
    egui::ComboBox::from_label("Voting as")
        .selected_text(name)
        .show_ui(ui, |ui| {
            for p in &app.open.doc().workshop.participants {
                ui.selectable_value(&mut app.doc_ui.workshop_ui.voter, Some(p.id), &p.name);
            }
        })
        .response
        .on_hover_text("Whose dots D places");
}

fn history(app: &mut CredenceApp, ui: &mut Ui) {
    egui::CollapsingHeader::new(format!(
        "Belief history ({})",
        app.open.doc().snapshots.len()
    ))
    .default_open(true)
    .show(ui, |ui| {
        ui.horizontal(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut app.doc_ui.workshop_ui.snapshot_label)
                    .hint_text("Label, e.g. Q3 planning")
                    .desired_width(150.0),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Snapshot label")
            });
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui
                .button("Snapshot")
                .on_hover_text("Record every card's confidence, status and evidence now")
                .clicked()
                || entered
            {
                let label = std::mem::take(&mut app.doc_ui.workshop_ui.snapshot_label);
                app.take_snapshot(&label);
            }
        });
        let mut on_save = app.open.doc().workshop.snapshot_on_save;
        if ui
            .checkbox(&mut on_save, "Snapshot on every save")
            .changed()
        {
            app.edit_workshop(|w| w.snapshot_on_save = on_save);
        }
        let count = app.open.doc().snapshots.len();
        if count == 0 {
            ui.label(RichText::new("No snapshots yet.").weak());
            app.doc_ui.workshop_ui.viewing = None;
            return;
        }
        let mut at = app.doc_ui.workshop_ui.viewing.unwrap_or(count).min(count);
        let caption = |i: usize| match app.open.doc().snapshots.get(i) {
            Some(s) => format!("{} · {}", s.label, format_time(s.taken)),
            None => "Now".to_string(),
        };
        let slider = ui
            .add(egui::Slider::new(&mut at, 0..=count).show_value(false))
            .on_hover_text("Drag to see the map as it was at each snapshot; far right is now");
        slider.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, "History"));
        if slider.changed() {
            app.doc_ui.workshop_ui.viewing = (at < count).then_some(at);
        }
        ui.label(RichText::new(caption(at)).strong());
        let mut remove = None;
        for (i, s) in app.open.doc().snapshots.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(app.doc_ui.workshop_ui.viewing == Some(i), &s.label)
                    .on_hover_text(format_time(s.taken))
                    .clicked()
                {
                    app.doc_ui.workshop_ui.viewing = Some(i);
                }
                if ui
                    .small_button("✖")
                    .on_hover_text("Delete this snapshot (undoable)")
                    .widget_info_labelled(format!("Delete snapshot {}", s.label))
                    .clicked()
                {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            app.doc_ui.workshop_ui.viewing = None;
            app.apply(Command::RemoveSnapshot(i));
        }
    });
}

fn spotlight_path(app: &mut CredenceApp, ui: &mut Ui) {
    egui::CollapsingHeader::new("Presentation path")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new("Empty: F5 follows the map from outcomes down. Otherwise it walks these cards in order.")
                    .weak(),
            );
            let path = app.open.doc().workshop.path.clone();
            let mut remove = None;
            for (i, id) in path.iter().enumerate() {
                let title = app.open.doc().node(*id).map_or("(deleted card)", |n| n.title.as_str());
                ui.horizontal(|ui| {
                    ui.label(format!("{}. {title}", i + 1));
                    if ui
                        .small_button("✖")
                        .widget_info_labelled(format!("Remove step {}", i + 1))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                app.edit_workshop(|w| {
                    w.path.remove(i);
                });
            }
            ui.horizontal(|ui| {
                let selected: Vec<NodeId> = app
                    .open
                    .doc()
                    .nodes
                    .iter()
                    .filter(|n| app.doc_ui.selection.nodes.contains(&n.id))
                    .map(|n| n.id)
                    .collect();
                if ui
                    .add_enabled(!selected.is_empty(), egui::Button::new("Add selected"))
                    .on_hover_text("Append the selected cards to the path")
                    .clicked()
                {
                    app.edit_workshop(|w| w.path.extend(selected));
                }
                if ui
                    .add_enabled(!path.is_empty(), egui::Button::new("Clear path"))
                    .clicked()
                {
                    app.edit_workshop(|w| w.path.clear());
                }
            });
        });
}

/// Gives a response an accessible name, for buttons whose text is a symbol.
trait Labelled {
    fn widget_info_labelled(self, label: String) -> Self;
}

impl Labelled for egui::Response {
    fn widget_info_labelled(self, label: String) -> Self {
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        self
    }
}
