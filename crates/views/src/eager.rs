//! A page view that hydrates synchronously, and only that way.
//!
//! The router type-erases each route's view (`AnyView`), and an erased
//! view's table links both ways of hydrating it: at once, and lazily
//! (`hydrate_async`, for lazy routes and islands). This app hydrates the
//! whole body at once (`hydrate_body`), so the lazy half — a second copy of
//! every page's hydration code — is never run. Wrapped in [`Eager`], a page
//! keeps the trait's default `hydrate_async`, which calls the synchronous
//! one, and the second copy is not linked (docs/size-analysis.md).

use leptos::tachys::html::attribute::{any_attribute::AnyAttribute, Attribute};
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::{AnyView, IntoAny};
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// `view`, rendered and hydrated as it is, never lazily.
pub struct Eager<V>(pub V);

/// `into_any()` for views that hydrate at once (every view of this project).
pub trait IntoAnyEager {
    fn into_any_eager(self) -> AnyView;
}

impl<V: RenderHtml + 'static> IntoAnyEager for V {
    fn into_any_eager(self) -> AnyView {
        Eager(self).into_any()
    }
}

impl<V: Render> Render for Eager<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<V: RenderHtml> RenderHtml for Eager<V> {
    type AsyncOutput = Eager<V::AsyncOutput>;
    type Owned = Eager<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Eager(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(
            buf,
            position,
            escape,
            mark_branches,
            extra_attrs,
        );
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    // `hydrate_async` is the trait's default on purpose: see the module.

    fn into_owned(self) -> Self::Owned {
        Eager(self.0.into_owned())
    }
}

impl<V: AddAnyAttr> AddAnyAttr for Eager<V> {
    type Output<SomeNewAttr: Attribute> = Eager<V::Output<SomeNewAttr>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Eager(self.0.add_any_attr(attr))
    }
}
