//! Data for the border desk: the fictional people travellers and alert-list entries are made
//! of, and the alert lists themselves.
//!
//! Everyone here is fictional. Travellers and listed persons are nationals of ICAO's fictional
//! state Utopia (`UTO`) or of its invented neighbours below, whose codes come from the range
//! ISO 3166 leaves to users (`Q..`), so none is a real country.

pub mod alerts;
pub mod names;
pub mod travellers;

use crate::specimens::Issuer;

/// A fictional state a traveller or a listed person may belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The three-letter code written in documents and lists.
    pub code: &'static str,
    pub name: &'static str,
    /// Which name stock its people are drawn from.
    pub names: names::Tradition,
    /// How its documents print the state.
    pub issuer: Issuer,
    /// Whether its nationals need a visa to enter Utopia.
    pub visa_required: bool,
}

impl State {
    /// The state with `code`.
    pub fn by_code(code: &str) -> Option<&'static State> {
        STATES.iter().find(|s| s.code == code)
    }
}

/// Utopia and its neighbours.
pub const STATES: [State; 4] = [
    State {
        code: "UTO",
        name: "Utopia",
        names: names::Tradition::Mixed,
        issuer: crate::specimens::UTOPIA,
        visa_required: false,
    },
    State {
        code: "QZR",
        name: "Zarqania",
        names: names::Tradition::Arabic,
        issuer: Issuer {
            code: "QZR",
            state: "STATE OF ZARQANIA",
            nationality: "ZARQANIAN",
            authority: "ZARQANIA CIVIL STATUS DIRECTORATE",
        },
        visa_required: true,
    },
    State {
        code: "QVK",
        name: "Velikoria",
        names: names::Tradition::Cyrillic,
        issuer: Issuer {
            code: "QVK",
            state: "REPUBLIC OF VELIKORIA",
            nationality: "VELIKORIAN",
            authority: "VELIKORIA MIGRATION SERVICE",
        },
        visa_required: true,
    },
    State {
        code: "QMV",
        name: "Miravalle",
        names: names::Tradition::Latin,
        issuer: Issuer {
            code: "QMV",
            state: "REPUBLIC OF MIRAVALLE",
            nationality: "MIRAVALLEAN",
            authority: "MIRAVALLE NATIONAL IDENTITY OFFICE",
        },
        visa_required: false,
    },
];
