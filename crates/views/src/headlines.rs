use bantin_model::ArticleSummary;
use leptos::prelude::*;

use crate::DateShort;

/// A plain list of headlines with their short dates.
#[component]
pub fn HeadlineList(items: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ul class="headlines">
            {items
                .into_iter()
                .map(|item| {
                    view! {
                        <li>
                            <a href=item.path>{item.title}</a>
                            " "
                            <DateShort at=item.published />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use bantin_model::CategoryRef;
    use chrono::DateTime;

    use super::*;

    fn item(id: u32, title: &str) -> ArticleSummary {
        ArticleSummary {
            id,
            slug: "s".into(),
            path: format!("/a/{id}/s/"),
            title: title.into(),
            lead: "Sapo".into(),
            category: CategoryRef {
                slug: "y-te".into(),
                name: "Y tế".into(),
            },
            published: DateTime::parse_from_rfc3339("2024-07-05T14:40:29+07:00").expect("date"),
            image: None,
        }
    }

    #[test]
    fn headline_list_escapes_text() {
        let items = vec![item(1, "Tin <b>nóng</b> & \"mới\""), item(2, "Tin hai")];
        let html = view! { <HeadlineList items /> }.to_html();
        insta::assert_snapshot!(html);
        assert!(!html.contains("<b>"), "markup in a title must stay text");
    }
}
