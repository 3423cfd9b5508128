//! Reusable pieces of the interface.

pub mod charts;
pub mod examine;
pub mod feedback;
pub mod fetch;
pub mod forms;
pub mod islands;
pub mod layout;
pub mod page_title;
pub mod pagination;
