//! The room, opened from the Workshop panel: the join address, a large QR
//! code of it, and the code; Close room stops the server.
//!
//! The window owns the document, so the room's edits come through the
//! owner's queue like any other; the room wakes the window when one
//! arrives, so a vote shows even while nobody touches the mouse. Opening
//! another document closes the room: its people and tokens belonged to
//! the old one.

use super::app::CredenceApp;
use crate::model::ParticipantId;
use crate::room::{CardChoice, Room, RoomConfig, Writing};
use egui::{Color32, Rect, RichText, Sense, Ui, WidgetInfo, vec2};
use std::net::IpAddr;

/// An open room and how phones reach it.
pub struct OpenRoom {
    pub room: Room,
    pub url: String,
    /// The QR code's modules, row by row.
    qr: Vec<Vec<bool>>,
}

impl OpenRoom {
    fn new(room: Room) -> OpenRoom {
        let host = local_ip_address::local_ip().unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let url = room.join_url(host);
        let qr = qrcodegen::QrCode::encode_text(&url, qrcodegen::QrCodeEcc::Medium)
            .map(|code| {
                let size = code.size();
                (0..size)
                    .map(|y| (0..size).map(|x| code.get_module(x, y)).collect())
                    .collect()
            })
            .unwrap_or_default();
        OpenRoom { room, url, qr }
    }
}

/// A combo box with its label above it (the panel is narrow), showing
/// `shown`, that still carries the label for screen readers and tests.
fn combo(ui: &mut Ui, label: &str, shown: &str, hint: &str, choices: impl FnOnce(&mut Ui)) {
    ui.label(label);
    egui::ComboBox::from_id_salt(label)
        .width(ui.available_width() - 8.0)
        .selected_text(shown)
        .show_ui(ui, choices)
        .response
        .on_hover_text(hint)
        .widget_info(|| {
            let mut info = WidgetInfo::labeled(egui::Role::ComboBox, true, label);
            info.current_text_value = Some(shown.to_owned());
            info
        });
}

/// "7 notes waiting": all the big screen shows of the phones' notes.
pub fn waiting_text(waiting: usize) -> String {
    match waiting {
        1 => "1 note waiting".to_owned(),
        n => format!("{n} notes waiting"),
    }
}

/// Paints `qr` as black squares on white, filling `side` points.
pub fn paint_qr(ui: &mut Ui, open: &OpenRoom, side: f32) {
    let (rect, response) = ui.allocate_exact_size(vec2(side, side), Sense::hover());
    response.widget_info(|| {
        WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!("Room QR code: {}", open.url),
        )
    });
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, Color32::WHITE);
    let n = open.qr.len();
    if n == 0 {
        return;
    }
    // A quiet zone of four modules, as scanners expect.
    let module = side / (n as f32 + 8.0);
    let origin = rect.min + vec2(4.0 * module, 4.0 * module);
    for (y, row) in open.qr.iter().enumerate() {
        for (x, dark) in row.iter().enumerate() {
            if *dark {
                let min = origin + vec2(x as f32 * module, y as f32 * module);
                painter.rect_filled(
                    Rect::from_min_size(min, vec2(module, module)).expand(0.25),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
    }
}

impl CredenceApp {
    /// Opens the room on the local network for the document on show. The
    /// phones vote on the selected cards, or on every belief when none is
    /// selected.
    pub fn open_room(&mut self, ctx: &egui::Context) {
        if self.room.is_some() {
            return;
        }
        let mut selected: Vec<_> = self.doc_ui.selection.nodes.iter().copied().collect();
        selected.sort();
        let cards = match self.room_cards.take() {
            Some(chosen) => chosen,
            None if selected.is_empty() => CardChoice::Beliefs,
            None => CardChoice::Ids(selected),
        };
        let config = RoomConfig {
            bind: self.room_bind,
            port: self.room_port,
            code: None,
            cards,
        };
        match Room::open(config, self.open.sender()) {
            Ok(room) => {
                self.open.set_publisher(Some(room.publisher()));
                let ctx = ctx.clone();
                self.open
                    .set_waker(Some(std::sync::Arc::new(move || ctx.request_repaint())));
                self.room = Some(OpenRoom::new(room));
            }
            Err(e) => {
                self.notice = Some(super::notice::Notice::error(format!(
                    "Could not open the room: {e}"
                )));
            }
        }
    }

    /// What the open room's phones vote on.
    pub fn set_room_cards(&mut self, choice: CardChoice) {
        match &self.room {
            Some(open) => open.room.set_cards(choice),
            None => self.room_cards = Some(choice),
        }
    }

    /// Where the open room listens, for tests and scripts.
    pub fn room_address(&self) -> Option<std::net::SocketAddr> {
        self.room.as_ref().map(|r| r.room.address())
    }

    pub fn room_code(&self) -> Option<&str> {
        self.room.as_ref().map(|r| r.room.code())
    }

    /// Stops the server, frees the port and signs every phone out.
    pub fn close_room(&mut self) {
        if let Some(open) = self.room.take() {
            // Answer the requests already queued, so the server's shutdown
            // does not wait for answers this thread would never give.
            self.apply_queued(None);
            self.open.set_publisher(None);
            self.open.set_waker(None);
            open.room.close();
        }
    }
}

/// The Workshop panel's room section.
pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    egui::CollapsingHeader::new("Room")
        .default_open(true)
        .show(ui, |ui| {
            let Some(open) = &app.room else {
                ui.label(
                    RichText::new(
                        "Let the room vote from their phones, over this network. \
                         Plain HTTP: anyone here with the code can join.",
                    )
                    .weak(),
                );
                if ui
                    .button("Open room")
                    .on_hover_text(
                        "Start a server on the local network; phones vote on the selected \
                         cards, or on every belief",
                    )
                    .clicked()
                {
                    app.open_room(ui.ctx());
                }
                return;
            };
            ui.label(RichText::new(format!("Code {}", open.room.code())).heading());
            ui.label(&open.url);
            let side = ui.available_width().min(240.0);
            paint_qr(ui, open, side);
            if ui
                .button("Close room")
                .on_hover_text("Stop the server; every phone is signed out")
                .clicked()
            {
                app.close_room();
                return;
            }
            ui.separator();
            cards_choice(app, ui);
            dot_canvas(app, ui);
            phones(app, ui);
            writing(app, ui);
        });
}

/// What the phones vote on, changeable while the room is open.
fn cards_choice(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(open) = &app.room else {
        return;
    };
    let current = open.room.cards();
    let text = |choice: &CardChoice| match choice {
        CardChoice::Beliefs => "All beliefs".to_owned(),
        CardChoice::Assumptions => "All assumptions".to_owned(),
        CardChoice::Bets => "All bets".to_owned(),
        CardChoice::All => "Beliefs, assumptions and bets".to_owned(),
        CardChoice::Ids(ids) if ids.len() == 1 => "1 selected card".to_owned(),
        CardChoice::Ids(ids) => format!("{} selected cards", ids.len()),
    };
    let mut selected: Vec<_> = app.doc_ui.selection.nodes.iter().copied().collect();
    selected.sort();
    let mut chosen = None;
    let shown = text(&current);
    combo(
        ui,
        "Phones vote on",
        &shown,
        "The cards each phone lists with a slider, and dots on in a round",
        |ui| {
            for choice in [
                CardChoice::Beliefs,
                CardChoice::Assumptions,
                CardChoice::Bets,
                CardChoice::All,
            ] {
                if ui
                    .selectable_label(current == choice, text(&choice))
                    .clicked()
                {
                    chosen = Some(choice);
                }
            }
            let with_selection = CardChoice::Ids(selected.clone());
            let label = format!("The selection ({})", selected.len());
            if ui
                .add_enabled(!selected.is_empty(), egui::Button::selectable(false, label))
                .on_disabled_hover_text("Select cards on the map first")
                .clicked()
            {
                chosen = Some(with_selection);
            }
        },
    );
    if let Some(choice) = chosen {
        open.room.set_cards(choice);
    }
}

/// Whose canvas notes join the cards in a dot round on the phones.
fn dot_canvas(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(open) = &app.room else {
        return;
    };
    let doc = app.open.doc();
    if doc.canvases.is_empty() {
        return;
    }
    let current = open.room.canvas();
    let name = |id| {
        doc.canvases
            .iter()
            .find(|c| Some(c.id) == id)
            .map_or("None".to_owned(), |c| c.name.clone())
    };
    let mut chosen = None;
    let shown = name(current);
    combo(
        ui,
        "Notes to dot",
        &shown,
        "In a dot-voting round, phones also list this canvas's notes",
        |ui| {
            if ui.selectable_label(current.is_none(), "None").clicked() {
                chosen = Some(None);
            }
            for c in &doc.canvases {
                if ui
                    .selectable_label(current == Some(c.id), &c.name)
                    .clicked()
                {
                    chosen = Some(Some(c.id));
                }
            }
        },
    );
    if let Some(canvas) = chosen {
        open.room.set_canvas(canvas);
    }
}

/// Who is on a phone, each with Release; and the lock on new names.
fn phones(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(open) = &app.room else {
        return;
    };
    let mut locked = open.room.locked();
    if ui
        .checkbox(&mut locked, "Lock the list of names")
        .on_hover_text("Phones can still pick a name on the list; new names are refused")
        .changed()
    {
        open.room.set_locked(locked);
    }
    let held = open.room.held();
    let people = &app.open.doc().workshop.participants;
    let on_phones: Vec<(ParticipantId, String)> = people
        .iter()
        .filter(|p| held.contains(&p.id))
        .map(|p| (p.id, p.name.clone()))
        .collect();
    ui.label(format!(
        "{} of {} on a phone",
        on_phones.len(),
        people.len()
    ));
    for (id, name) in on_phones {
        ui.horizontal(|ui| {
            ui.label(&name);
            if ui
                .small_button("Release")
                .on_hover_text(format!(
                    "Sign {name}'s phone out, so the name can be picked on another phone"
                ))
                .clicked()
            {
                open.room.release(id);
            }
        });
    }
}

/// Silent writing: a canvas section the phones write into, the count of
/// notes waiting, and the reveal that lands them.
fn writing(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(open) = &app.room else {
        return;
    };
    let doc = app.open.doc();
    if doc.canvases.is_empty() {
        return;
    }
    let current = open.room.writing();
    let name_of = |w: Writing| {
        doc.canvases
            .iter()
            .find(|c| c.id == w.canvas)
            .and_then(|c| {
                c.section(w.section)
                    .map(|s| format!("{}: {}", c.name, s.title))
            })
            .unwrap_or_else(|| "a section since removed".to_owned())
    };
    let mut chosen = None;
    let shown = current.map_or("Nothing (off)".to_owned(), name_of);
    combo(
        ui,
        "Phones write into",
        &shown,
        "Silent writing: phones add notes to this section, hidden from everyone until you \
         reveal them",
        |ui| {
            if ui
                .selectable_label(current.is_none(), "Nothing (off)")
                .clicked()
            {
                chosen = Some(None);
            }
            for canvas in &doc.canvases {
                for section in &canvas.sections {
                    let w = Writing {
                        canvas: canvas.id,
                        section: section.id,
                    };
                    let label = format!("{}: {}", canvas.name, section.title);
                    if ui.selectable_label(current == Some(w), label).clicked() {
                        chosen = Some(Some(w));
                    }
                }
            }
        },
    );
    if let Some(w) = chosen {
        open.room.set_writing(w);
    }
    let waiting = open.room.waiting();
    ui.label(RichText::new(waiting_text(waiting)).strong());
    if ui
        .add_enabled(waiting > 0, egui::Button::new("Reveal notes"))
        .on_hover_text("Put every waiting note in its section, as ordinary notes (one undo step)")
        .clicked()
        && let Some(command) = open.room.take_notes(doc)
    {
        app.apply(command);
    }
}
