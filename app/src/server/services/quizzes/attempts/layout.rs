//! How a question's options appear in one attempt: the order they are shown in, and the opaque
//! token each is sent to the browser under.
//!
//! Option ids follow authoring order (the right answer is often written first), a matching
//! question's answers share their ids with their prompts, and ordering items are numbered in
//! the right order: sent as they are, ids give the key away. An attempt page therefore names
//! every option by a random token drawn for that attempt, and answers come back as tokens that
//! only this layout turns into ids again.

use assessments::results::SeededRng;
use serde::{Deserialize, Serialize};

/// Tokens are nine-digit numbers: never equal to a small authoring id.
const TOKEN_MIN: u64 = 100_000_000;
const TOKEN_SPAN: u64 = 900_000_000;

/// The order and tokens of one question's options in one attempt.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OptionLayout {
    /// Option ids in the order shown.
    order: Vec<u32>,
    /// `tokens[i]` is the token of `order[i]`.
    tokens: Vec<u32>,
}

/// The stored form (`attempt_questions.option_order`). Attempts started before tokens existed
/// stored the order alone; their options keep their ids as tokens until they close.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Stored {
    Tokens { order: Vec<u32>, tokens: Vec<u32> },
    Legacy(Vec<u32>),
}

impl OptionLayout {
    /// Options shown in `order`, each given a distinct random token from `rng`.
    pub fn new(order: Vec<u32>, rng: &mut SeededRng) -> Self {
        let mut tokens: Vec<u32> = Vec::with_capacity(order.len());
        while tokens.len() < order.len() {
            let token = (TOKEN_MIN + rng.next_u64() % TOKEN_SPAN) as u32;
            if !tokens.contains(&token) {
                tokens.push(token);
            }
        }
        Self { order, tokens }
    }

    /// Reads a stored layout.
    pub fn parse(json: &str) -> Result<Self, serde_json::Error> {
        Ok(match serde_json::from_str(json)? {
            Stored::Tokens { order, tokens } if order.len() == tokens.len() => {
                Self { order, tokens }
            }
            Stored::Tokens { order, .. } | Stored::Legacy(order) => Self {
                tokens: order.clone(),
                order,
            },
        })
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        serde_json::json!({ "order": self.order, "tokens": self.tokens }).to_string()
    }

    /// Option ids in the order shown.
    pub fn order(&self) -> &[u32] {
        &self.order
    }

    /// The token option `id` is shown under (its id when the layout does not name it).
    pub fn token(&self, id: u32) -> u32 {
        self.order
            .iter()
            .position(|o| *o == id)
            .map_or(id, |i| self.tokens[i])
    }

    /// The option a token sent back stands for, if any.
    pub fn id(&self, token: u32) -> Option<u32> {
        self.tokens
            .iter()
            .position(|t| *t == token)
            .map(|i| self.order[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn tokens_are_distinct_opaque_and_round_trip(n in 0usize..40, seed in any::<u64>()) {
            let order: Vec<u32> = (1..=n as u32).collect();
            let layout = OptionLayout::new(order.clone(), &mut SeededRng::new(seed));
            let again = OptionLayout::parse(&layout.to_json()).unwrap();
            prop_assert_eq!(&again, &layout);
            for id in &order {
                let token = layout.token(*id);
                prop_assert!(u64::from(token) >= TOKEN_MIN);
                prop_assert_eq!(layout.id(token), Some(*id));
            }
            let mut tokens: Vec<u32> = order.iter().map(|id| layout.token(*id)).collect();
            tokens.sort_unstable();
            tokens.dedup();
            prop_assert_eq!(tokens.len(), n);
            // An id is never a token.
            for id in &order {
                prop_assert_eq!(layout.id(*id), None);
            }
        }
    }

    #[test]
    fn layouts_stored_before_tokens_keep_their_ids() {
        let layout = OptionLayout::parse("[3,1,2]").unwrap();
        assert_eq!(layout.order(), &[3, 1, 2]);
        assert_eq!(layout.token(1), 1);
        assert_eq!(layout.id(2), Some(2));
        assert!(OptionLayout::parse("{}").is_err());
    }
}
