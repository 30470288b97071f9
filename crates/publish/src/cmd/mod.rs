//! The commands a newsroom runs beyond `check` and `build` (which are the
//! pipeline itself, [`crate::build`]), and every line the CLI prints.

pub mod messages;
pub mod new;
pub mod serve;
