//! The app's interactive pieces around the presentational views.

mod copy_button;
mod error_state;
mod focus;
mod head;
mod page_data;
mod reader_font;

pub use copy_button::CopyButton;
pub use error_state::ErrorState;
pub use focus::{focus_heading_after_navigation, focus_when_shown};
pub use head::page_head;
pub use page_data::page_data;
pub use reader_font::{provide_reader_scale, ReaderFont};
