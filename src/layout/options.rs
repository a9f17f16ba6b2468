//! What a layout is asked for.

/// Which way what rests on what should read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flow {
    /// Causes below effects: outcomes at the top, evidence at the bottom.
    #[default]
    Down,
    /// Causes on the left, effects on the right.
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    pub flow: Flow,
    /// Space between neighbouring cards in one layer.
    pub node_gap: f32,
    /// Space between layers.
    pub layer_gap: f32,
    /// Space between disconnected parts of the map.
    pub component_gap: f32,
    /// Barycenter sweeps given to each starting order before the best one
    /// is chosen and swept on until sweeps stop paying. With 4, worse
    /// starts won: up to 14% more crossings on a wide 300-card map.
    pub sweeps: usize,
    /// Start from the order the cards are in now and keep the drawing where
    /// it is, so laying out again after a small change moves little. Off,
    /// the layout starts from scratch and tries several orders.
    pub keep_order: bool,
    pub style: Style,
    /// Width over height that Compact aims for: the window's, in the app.
    pub aspect: f32,
}

/// Which layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// Layers from effects down to causes, crossings kept few.
    #[default]
    Layered,
    /// An org chart folded to fit a screen: cards resting on one card hang
    /// in a column under it, sibling subtrees sit in rows, and the whole
    /// map wraps to the aspect ratio asked for.
    Compact,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            flow: Flow::Down,
            node_gap: 40.0,
            layer_gap: 100.0,
            component_gap: 120.0,
            sweeps: 8,
            keep_order: false,
            style: Style::Layered,
            aspect: 16.0 / 9.0,
        }
    }
}
