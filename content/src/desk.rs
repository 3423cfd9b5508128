//! Data for the border desk: the fictional people travellers and alert-list entries are made
//! of, and the alert lists themselves.
//!
//! Everyone here is fictional. Travellers and listed persons are nationals of ICAO's fictional
//! state Utopia (`UTO`) or of its invented neighbours below, whose codes come from the range
//! ISO 3166 leaves to users (`Q..`), so none is a real country.

pub mod alerts;
pub mod names;

/// A fictional state a traveller or a listed person may belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The three-letter code written in documents and lists.
    pub code: &'static str,
    pub name: &'static str,
    /// Which name stock its people are drawn from.
    pub names: names::Tradition,
}

/// Utopia and its neighbours.
pub const STATES: [State; 4] = [
    State {
        code: "UTO",
        name: "Utopia",
        names: names::Tradition::Mixed,
    },
    State {
        code: "QZR",
        name: "Zarqania",
        names: names::Tradition::Arabic,
    },
    State {
        code: "QVK",
        name: "Velikoria",
        names: names::Tradition::Cyrillic,
    },
    State {
        code: "QMV",
        name: "Miravalle",
        names: names::Tradition::Latin,
    },
];
