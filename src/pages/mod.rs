//! One routed page per file.

mod article;
mod category;
mod home;
mod meta;
mod not_found;
mod widget;

pub use article::ArticlePage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFound;
pub use widget::WidgetPage;
