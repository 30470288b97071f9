//! `bantin`: checks a newsroom's articles and writes the static site.
//!
//! # The map
//!
//! The folders are the pipeline, in the order a build runs them
//! (docs/architecture.md draws the same picture with the output contract):
//!
//! | folder | stage | what it does |
//! |---|---|---|
//! | [`content`] | read | `site.toml` and each article file parsed, one file at a time |
//! | [`check`] | check | rules across files; the checked [`Newsroom`] |
//! | [`photos`] | check | local photos decoded, cropped, encoded, cached |
//! | [`media`] | check | recordings and videos told by their bytes, measured, cached |
//! | [`render`] | render | the JSON API, search index, feeds, redirects, `_headers`, HTML documents, offline files, each from one [`render::RenderContext`] |
//! | [`output`] | output | where rendered files go: the staging folder that replaces the output at once, or memory in tests |
//! | [`build`] | pipeline | the stages run in order, each timed as a [`build::Stage`] |
//! | [`cmd`] | commands | `new`, `serve`, and every line the CLI prints ([`cmd::messages`]) |
//!
//! Beside them, small helpers every stage may use: [`problem`] (an
//! editor's `path:line: what, how to fix`), [`text`] (text rules),
//! [`markup`] (escaping), [`js`] (typed script values), [`folders`] (the
//! build's folders kept apart, and walked).
//!
//! A module may use its own stage and earlier ones, never a later one, and
//! no two modules use each other: `cargo xtask layers` checks this (the
//! table is in `xtask/src/layers.rs`) as part of the test command.
//!
//! # Words the code uses
//!
//! - **newsroom**: the checked content, ready to render ([`Newsroom`]).
//! - **held back**: a draft or a scheduled article; checked, never
//!   published (`check::HeldBack`).
//! - **catalog**: the newsroom's lists (latest, per category, per author)
//!   every renderer reads (`render::catalog::Catalog`).
//! - **render context**: what every renderer takes: the site data, the
//!   catalog, the search index's pointer ([`render::RenderContext`]).
//! - **site settings** (`content::site::SiteConfig`, from `site.toml`) and
//!   **site data** (`bantin_model::Site`, the API's `site.json`).
//! - **document**: the HTML file a route is served from; **template**: the
//!   app build's `index.html` each document is made from.
//! - **sink**: where a renderer puts files: the staging folder, or memory
//!   in tests (`output::sink`).
//! - **staging**: the folder a build writes before it replaces the output
//!   (`output::staging`).
//! - **spare**: the output swapped out by the last build, kept beside it
//!   and rewritten in place by the next, so a rebuild creates few files.
//! - **carried**: a file the staging keeps from the spare because its
//!   bytes did not change.
//! - **file index**: what bantin wrote into an output folder, kept beside
//!   it (`output::index`), so unchanged files are not read back. Not the
//!   web app manifest (`render::offline::manifest`).
//! - **deploy manifest**: every file of the output by path and hash,
//!   `.{out}.manifest` beside it (`output::changes`); a deployed build's,
//!   given to `--since`, gives the **change list** (`.{out}.upload`,
//!   `.delete`, `.purge`). Keyed by path, unlike the file index, and
//!   meant for the deploy, not for the build.
//! - **build id**: one hash of the app shell the service worker keeps
//!   (`Staging::build_id`); the worker's version, which articles alone
//!   never change.
// Rendering the app's deeply nested Leptos view types natively with
// optimisations (`--profile cli`) needs more depth than the default 128.
#![recursion_limit = "256"]

pub mod build;
pub mod check;
pub mod cmd;
pub mod content;
pub(crate) mod folders;
pub(crate) mod js;
pub(crate) mod markup;
pub(crate) mod media;
pub(crate) mod output;
pub(crate) mod photos;
pub(crate) mod problem;
pub mod render;
#[cfg(test)]
mod testing;
pub(crate) mod text;

pub use build::{build, check, clock, BuildOptions, BuildReport};
pub use check::Newsroom;
pub use problem::{Problem, Problems};
