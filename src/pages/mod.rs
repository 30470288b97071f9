//! One routed page per file.

mod article;
mod author;
mod category;
mod home;
mod not_found;
mod search;

pub use article::ArticlePage;
pub use author::AuthorPage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use search::SearchPage;
