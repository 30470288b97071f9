use bantin_model::Image;
use leptos::either::Either;
use leptos::html::Img;
use leptos::prelude::*;

/// A node reference for an `<img>` with an `error` handler. When the app
/// hydrates a pre-rendered page, the image may already have failed before
/// anyone listened: it is asked for again, so that its `error` arrives.
pub fn retry_if_broken() -> NodeRef<Img> {
    let node = NodeRef::<Img>::new();
    Effect::new(move || {
        if let Some(img) = node.get() {
            // Loaded images have a size; failed ones are complete without one.
            if img.complete() && img.natural_width() == 0 {
                img.set_src(&img.src());
            }
        }
    });
    node
}

/// Where a picture sits on the page: its `sizes`, the width it is shown at
/// at each breakpoint of `style/main.css`, so the browser picks the
/// smallest variant that is sharp there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Place {
    /// An article's photo: the text column (42rem), full width below it.
    Hero,
    /// The home page's lead story: 3/5 of the page from 64rem.
    Lead,
    /// A list card's thumbnail (also related articles).
    #[default]
    Card,
    /// A card in the home page's four-column category blocks.
    Compact,
}

impl Place {
    pub fn sizes(self) -> &'static str {
        match self {
            Place::Hero => "(min-width: 44rem) 42rem, 100vw",
            Place::Lead => "(min-width: 64rem) 42rem, 100vw",
            Place::Card => "(min-width: 40rem) 12rem, 7.5rem",
            Place::Compact => "(min-width: 64rem) 17rem, (min-width: 40rem) 12rem, 7.5rem",
        }
    }
}

/// The box's inline style: the photo's proportions, so nothing shifts
/// while it loads, and its dominant colour until it arrives.
pub fn box_style(image: &Image) -> Option<String> {
    let ratio = image
        .width
        .zip(image.height)
        .map(|(w, h)| format!("aspect-ratio: {w} / {h};"));
    let color = image
        .color
        .as_ref()
        .filter(|c| {
            c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|c| format!("background-color: {c};"));
    match (ratio, color) {
        (None, None) => None,
        (ratio, color) => Some(format!(
            "{}{}",
            ratio.unwrap_or_default(),
            color.unwrap_or_default()
        )),
    }
}

/// An image in a box of fixed aspect ratio, so nothing shifts while it
/// loads; a neat placeholder when there is none or it fails to load.
/// `decorative` images (next to the same title) get an empty `alt`.
#[component]
pub fn Picture(
    image: Option<Image>,
    #[prop(optional)] place: Place,
    #[prop(default = "pic")] class: &'static str,
    #[prop(default = false)] decorative: bool,
    /// The hero image of a page: loaded first, not lazily.
    #[prop(default = false)]
    eager: bool,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    let style = image.as_ref().and_then(box_style);
    let placeholder = move || {
        view! { <span class="pic-fallback" aria-hidden="true"></span> }
    };
    let Some(image) = image else {
        return Either::Left(view! { <div class=class>{placeholder()}</div> });
    };
    let alt = if decorative {
        String::new()
    } else {
        image.alt.clone()
    };
    let (width, height) = (image.width, image.height);
    let src = image.src;
    let srcset = (!image.srcset.is_empty()).then_some(image.srcset);
    let sizes = srcset.as_ref().map(|_| place.sizes());
    Either::Right(view! {
        <div class=class style=style>
            {move || {
                if failed.get() {
                    Either::Left(placeholder())
                } else {
                    Either::Right(view! {
                        <img
                            src=src.clone()
                            srcset=srcset.clone()
                            sizes=sizes
                            alt=alt.clone()
                            width=width
                            height=height
                            loading=if eager { "eager" } else { "lazy" }
                            fetchpriority=if eager { Some("high") } else { None }
                            decoding="async"
                            node_ref=retry_if_broken()
                            on:error=move |_| failed.set(true)
                        />
                    })
                }
            }}
        </div>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_each_place() {
        let cases = [
            (Place::Hero, "(min-width: 44rem) 42rem, 100vw"),
            (Place::Lead, "(min-width: 64rem) 42rem, 100vw"),
            (Place::Card, "(min-width: 40rem) 12rem, 7.5rem"),
            (
                Place::Compact,
                "(min-width: 64rem) 17rem, (min-width: 40rem) 12rem, 7.5rem",
            ),
        ];
        for (place, sizes) in cases {
            assert_eq!(place.sizes(), sizes);
        }
    }

    #[test]
    fn the_box_has_proportions_and_a_safe_colour() {
        let image = |color: Option<&str>, size: Option<(u32, u32)>| Image {
            src: "/media/a-960.jpg".into(),
            alt: String::new(),
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
            srcset: String::new(),
            color: color.map(str::to_owned),
            card: None,
        };
        let cases = [
            (
                image(Some("#6b7a5e"), Some((4, 3))),
                Some("aspect-ratio: 4 / 3;background-color: #6b7a5e;"),
            ),
            (image(None, Some((4, 3))), Some("aspect-ratio: 4 / 3;")),
            // Anything but a colour stays out of the style attribute.
            (image(Some("red;background:url(x)"), None), None),
            (image(None, None), None),
        ];
        for (image, want) in cases {
            assert_eq!(box_style(&image).as_deref(), want);
        }
    }
}
