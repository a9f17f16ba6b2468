//! Map → Fit cards to text: every card's height made to show its whole
//! title (up to six lines), in one undo step. Files keep their sizes until
//! this is asked for, so opening an old map never moves anything.

use super::app::CredenceApp;
use crate::edit::Command;

impl CredenceApp {
    /// Fits every card on the map to its title; nothing happens (and no
    /// undo step is made) when all already fit.
    pub fn fit_cards_to_text(&mut self) {
        let fitted: Vec<_> = self
            .open
            .doc()
            .nodes
            .iter()
            .filter_map(|n| {
                let h = crate::render::fit_height(&n.title, n.size.w);
                ((h - n.size.h).abs() > 0.01).then(|| {
                    let mut n = n.clone();
                    n.size.h = h;
                    n
                })
            })
            .collect();
        if !fitted.is_empty() {
            self.apply(Command::UpdateNodes(fitted));
        }
    }
}
