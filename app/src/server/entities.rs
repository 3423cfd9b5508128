//! sea-orm entities, one module per table. The schema itself is defined by the `migrations`
//! crate; these mirror it for typed queries.

pub mod agency;
pub mod country;
pub mod login_failure;
pub mod person;
pub mod person_role;
pub mod position;
