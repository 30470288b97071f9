//! One routed page per file.

mod article;
mod home;
mod list;
mod not_found;
mod search;

pub use article::ArticlePage;
pub use home::HomePage;
pub use list::ListPage;
pub use not_found::NotFound;
pub use search::SearchPage;
