//! Presentational components: they take their data as props and fetch
//! nothing. The reader app wraps them in routes and resources; the CLI
//! renders the same components into each HTML document.

mod date;
mod headlines;

pub use date::{DateLine, DateShort};
pub use headlines::HeadlineList;
