//! The reader app: routes, pages and data fetching around `bantin-views`.

pub mod api;
mod app;
mod pages;

pub use app::App;
