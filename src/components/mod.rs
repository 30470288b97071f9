//! The pieces the pages share around the presentational views.

mod copy_button;
mod error_state;
mod page_data;
mod reader_font;

pub use copy_button::CopyButton;
pub use error_state::ErrorState;
pub use page_data::page_data;
pub use reader_font::ReaderFont;
