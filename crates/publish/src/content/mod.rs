//! The content stage: what the editors wrote, read and parsed file by file.
//!
//! - [`site`]: `site.toml`, the settings and the ordered categories;
//! - [`source`]: one article file, one field per line (docs/architecture.md,
//!   "Source format");
//! - [`youtube`]: a `Video:` line's YouTube address;
//! - [`load`]: the content folder walked, every article and the settings
//!   read, with the problems of each file.
//!
//! Rules across files (unique ids, known categories, photos) are the check
//! stage's; this one only sees one file at a time.

pub mod load;
pub mod site;
pub mod source;
pub mod youtube;

/// Local images must live here so that one folder holds all media.
pub const MEDIA_DIR: &str = "media";

/// Drafts live here, at any depth: checked (their problems are warnings)
/// and previewed, never published.
pub const DRAFTS_DIR: &str = "drafts";
