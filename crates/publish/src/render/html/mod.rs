//! HTML: the app's `index.html` as the [`template`] of every document, the
//! app's own page rendered natively into it ([`prerender`]), and a
//! document per route ([`documents`]).

pub mod documents;
pub mod prerender;
pub mod template;
