//! What a traveller answers at the desk, arriving or departing.

use super::{MinorTravel, PLACES_OF_BIRTH, Purpose, Question, iso};
use crate::specimens::{Holder, Rng};
use time::{Date, Duration};

/// An arriving traveller's answers to the officer's questions.
pub(super) fn arrival(
    rng: &mut Rng,
    purpose: Purpose,
    days: u32,
    holder: &Holder,
    impostor: bool,
    minor: &Option<MinorTravel>,
) -> Vec<(Question, String)> {
    let place = if impostor {
        // An impostor knows the name and the date, but not where "they" were born.
        PLACES_OF_BIRTH
            .iter()
            .find(|p| **p != holder.place)
            .unwrap_or(&"UTOPIA CITY")
            .to_string()
    } else {
        holder.place.clone()
    };
    let (purpose_text, stay_at, occupation) = match purpose {
        Purpose::Tourism => (
            "Holiday. I want to see the old town and the coast.",
            "Hotel Meridian, Harbour Road.",
            *rng.pick(&["Teacher.", "Nurse.", "Shop owner.", "Retired."]),
        ),
        Purpose::Business => (
            "A meeting with a supplier, then a trade fair.",
            "Hotel Continental, city centre; my company booked it.",
            *rng.pick(&["Sales manager.", "Engineer.", "Buyer for a textile firm."]),
        ),
        Purpose::FamilyVisit => (
            "I am visiting my sister and her children.",
            "At my sister's flat in Eastgate.",
            *rng.pick(&["Accountant.", "Driver.", "Farmer."]),
        ),
        Purpose::Study => (
            "A summer course at the University of Utopia.",
            "The university residence.",
            "Student.",
        ),
        Purpose::Transit => (
            "Only passing through; my connecting flight leaves tonight.",
            "I stay in the airport.",
            *rng.pick(&["Engineer.", "Seafarer.", "Consultant."]),
        ),
    };
    let with = match minor {
        Some(m) => m.accompanied_by.clone(),
        None => rng
            .pick(&[
                "Alone.",
                "With a colleague.",
                "With my husband.",
                "With my wife.",
            ])
            .to_string(),
    };
    vec![
        (Question::Purpose, purpose_text.to_string()),
        (Question::Length, format!("{days} days.")),
        (Question::Accommodation, stay_at.to_string()),
        (
            Question::Occupation,
            if minor.is_some() {
                "I am at school.".into()
            } else {
                occupation.to_string()
            },
        ),
        (Question::ReturnTicket, "Yes, here it is.".to_string()),
        (
            Question::Funds,
            rng.pick(&[
                "Cash and a bank card.",
                "My card; about 1,500 in my account.",
                "My company pays.",
            ])
            .to_string(),
        ),
        (Question::PlaceOfBirth, place),
        (Question::TravellingWith, with),
    ]
}

/// A departing traveller's answers: why they leave, how long they stayed (or will be away),
/// their ticket.
pub(super) fn departure(
    answers: &mut [(Question, String)],
    purpose: Purpose,
    citizen: bool,
    days: u32,
    entered: Option<Date>,
    today: Date,
) {
    for (question, answer) in answers.iter_mut() {
        match question {
            Question::Purpose => {
                *answer = if citizen {
                    match purpose {
                        Purpose::Tourism => "A holiday abroad.",
                        Purpose::Business => "A meeting with a client abroad.",
                        Purpose::FamilyVisit => "I am visiting my brother abroad.",
                        Purpose::Study => "A semester at a university abroad.",
                        Purpose::Transit => "I fly on to a conference.",
                    }
                } else {
                    match purpose {
                        Purpose::Tourism => "Going home after my holiday.",
                        Purpose::Business => "Flying home; the trade fair is over.",
                        Purpose::FamilyVisit => "Going home; I was visiting my sister.",
                        Purpose::Study => "My course has ended; I am going home.",
                        Purpose::Transit => "Catching my connecting flight.",
                    }
                }
                .to_string()
            }
            Question::Length => {
                *answer = match entered {
                    Some(since) => format!("I arrived on {}; {days} days.", iso(since)),
                    None => format!("{days} days abroad."),
                }
            }
            Question::Accommodation if citizen => {
                *answer = match purpose {
                    Purpose::Business | Purpose::Transit => "The hotel my company booked.",
                    Purpose::FamilyVisit => "At my brother's.",
                    Purpose::Study => "The university's residence.",
                    Purpose::Tourism => "A guest house by the sea.",
                }
                .to_string()
            }
            Question::ReturnTicket => {
                *answer = if citizen {
                    format!(
                        "Yes, I come back on {}.",
                        iso(today + Duration::days(i64::from(days)))
                    )
                } else {
                    "This is my ticket home, for today's flight.".to_string()
                }
            }
            _ => {}
        }
    }
}
