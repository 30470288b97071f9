//! HTML: the app's `index.html` as the [`template`] of every document, the
//! app's own page rendered natively into it ([`prerender`]), and a
//! document per route ([`documents`]).

pub(crate) mod documents;
pub(crate) mod prerender;
pub(crate) mod template;
