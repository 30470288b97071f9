//! The output stage: where rendered files go.
//!
//! - [`sink`]: the one interface renderers write through, and the
//!   in-memory sink tests read back;
//! - [`lock`]: the right to write an output folder, and the repairs a
//!   killed build needs;
//! - [`staging`]: the staging folder that replaces the output at once when
//!   the build commits, and the spare it reuses;
//! - [`index`]: the file index kept beside each output folder;
//! - [`changes`]: the manifest of what a build wrote, and the change list
//!   since a deployed build;
//! - [`prior`]: records a build keeps beside the output for the next one
//!   (the search index's base segment);
//! - [`beside`]: files beside the output, opened without following links.

pub(crate) mod beside;
pub mod changes;
pub(crate) mod index;
pub(crate) mod lock;
pub(crate) mod prior;
pub(crate) mod sink;
pub(crate) mod staging;
