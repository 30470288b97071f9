//! The output stage: where rendered files go.
//!
//! - [`sink`]: the one interface renderers write through, and the
//!   in-memory sink tests read back;
//! - [`staging`]: the output's lock and the staging folder that replaces
//!   the output at once when the build commits;
//! - [`index`]: the file index kept beside each output folder;
//! - [`beside`]: files beside the output, opened without following links.

pub(crate) mod beside;
pub(crate) mod index;
pub(crate) mod sink;
pub(crate) mod staging;
