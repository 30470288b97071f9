//! HTML: the app's `index.html` as the [`template`] of every document, the
//! app's own page rendered natively into it ([`prerender`]), and a
//! document per route ([`documents`]) with its structured data
//! ([`structured`]).

pub(crate) mod documents;
pub(crate) mod prerender;
pub(crate) mod structured;
pub(crate) mod template;
