//! The rules of the primary line, as pure functions: how long a traveller may stay, and how a
//! trainee's shift at the border desk is scored.

pub mod shift;
pub mod stay;
