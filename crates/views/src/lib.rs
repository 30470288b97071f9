//! Presentational components: they take their data as props and fetch
//! nothing. The reader app wraps them in routes and resources; the CLI
//! renders the same components into each HTML document.

mod article;
mod card;
mod configurator;
mod date;
mod font;
mod headlines;
mod home;
mod layout;
mod list;
mod media;
mod pager;
mod picture;
mod search;
mod text;

pub use article::{ArticleView, Breadcrumb, Byline, ShareBar};
pub use card::{CardHeading, LeadStory, SummaryCard};
pub use configurator::WidgetConfigurator;
pub use date::{DateLine, DateShort};
pub use font::{FontSizeControl, FONT_SCALES, FONT_SCALE_DEFAULT, FONT_SCALE_KEY};
pub use headlines::HeadlineList;
pub use home::HomeView;
pub use layout::{Frame, SiteFooter, SiteHeader};
pub use list::ListView;
pub use media::{download_label, players, spoken_duration, AudioPlayer, VideoPlayer};
pub use pager::{pager_items, Pager, PagerItem};
pub use picture::{box_style, Picture, Place};
pub use search::{results_status, search_href, SearchForm, SearchResults};
pub use text::{encode_uri_component, excerpt};
