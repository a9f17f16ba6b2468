//! The room, opened from the Workshop panel: the join address, a large QR
//! code of it, and the code; Close room stops the server.
//!
//! The window owns the document, so the room's edits come through the
//! owner's queue like any other; the room wakes the window when one
//! arrives, so a vote shows even while nobody touches the mouse. Opening
//! another document closes the room: its people and tokens belonged to
//! the old one.

use super::app::CredenceApp;
use crate::room::{CardChoice, Room, RoomConfig};
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
        let cards = if selected.is_empty() {
            CardChoice::Beliefs
        } else {
            CardChoice::Ids(selected)
        };
        let config = RoomConfig {
            bind: IpAddr::from([0, 0, 0, 0]),
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
            }
        });
}
