use bantin_model::paths;
use leptos::either::Either;
use leptos::prelude::*;

/// One element of a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagerItem {
    Prev(usize),
    Page { number: usize, current: bool },
    Gap,
    Next(usize),
}

/// First, last, and the pages around the current one, with gaps between:
/// at most five numbers, whatever the counts say (a list file claiming
/// four billion pages costs the same as one with nine). A page past the
/// last is shown as the last.
pub fn pager_items(page: usize, pages: usize) -> Vec<PagerItem> {
    let mut items = Vec::new();
    if pages <= 1 {
        return items;
    }
    let page = page.clamp(1, pages);
    if page > 1 {
        items.push(PagerItem::Prev(page - 1));
    }
    let mut numbers = [
        1,
        page.saturating_sub(1).max(1),
        page,
        page.saturating_add(1).min(pages),
        pages,
    ];
    numbers.sort_unstable();
    let mut last_shown = 0;
    for number in numbers {
        if number == last_shown {
            continue;
        }
        if last_shown != 0 && number > last_shown + 1 {
            items.push(PagerItem::Gap);
        }
        items.push(PagerItem::Page {
            number,
            current: number == page,
        });
        last_shown = number;
    }
    if page < pages {
        items.push(PagerItem::Next(page + 1));
    }
    items
}

/// Pagination as real links: previous, numbers, next. `first` is the
/// address of the list's first page.
#[component]
pub fn Pager(first: String, page: usize, pages: usize) -> impl IntoView {
    let items = pager_items(page, pages);
    (!items.is_empty()).then(|| {
        view! {
            <nav class="pager" aria-label="Phân trang">
                <ul>
                    {items
                        .into_iter()
                        .map(|item| {
                            // One link shape with optional attributes, not a
                            // type per kind: lighter in the app.
                            let (n, text, rel, current) = match item {
                                PagerItem::Gap => {
                                    return Either::Right(view! { <li class="gap" aria-hidden="true">"…"</li> });
                                }
                                PagerItem::Prev(n) => (n, "‹ Trang trước".to_owned(), Some("prev"), None),
                                PagerItem::Next(n) => (n, "Trang sau ›".to_owned(), Some("next"), None),
                                PagerItem::Page { number, current } => {
                                    (number, number.to_string(), None, current.then_some("page"))
                                }
                            };
                            let label = rel.is_none().then(|| format!("Trang {n}"));
                            Either::Left(view! {
                                <li><a href=paths::list_page(&first, n) rel=rel aria-current=current aria-label=label>{text}</a></li>
                            })
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::PagerItem::*;
    use super::*;

    fn p(number: usize, current: bool) -> PagerItem {
        Page { number, current }
    }

    #[test]
    fn pager_windows() {
        let cases: Vec<(usize, usize, Vec<PagerItem>)> = vec![
            (1, 1, vec![]),
            (1, 2, vec![p(1, true), p(2, false), Next(2)]),
            (2, 2, vec![Prev(1), p(1, false), p(2, true)]),
            (
                1,
                5,
                vec![p(1, true), p(2, false), Gap, p(5, false), Next(2)],
            ),
            (
                3,
                5,
                vec![
                    Prev(2),
                    p(1, false),
                    p(2, false),
                    p(3, true),
                    p(4, false),
                    p(5, false),
                    Next(4),
                ],
            ),
            (
                5,
                9,
                vec![
                    Prev(4),
                    p(1, false),
                    Gap,
                    p(4, false),
                    p(5, true),
                    p(6, false),
                    Gap,
                    p(9, false),
                    Next(6),
                ],
            ),
        ];
        for (page, pages, want) in cases {
            assert_eq!(pager_items(page, pages), want, "page {page} of {pages}");
        }
    }

    #[test]
    fn absurd_counts_stay_small() {
        let cases: Vec<(usize, usize, Vec<PagerItem>)> = vec![
            (
                2,
                4_000_000_000,
                vec![
                    Prev(1),
                    p(1, false),
                    p(2, true),
                    p(3, false),
                    Gap,
                    p(4_000_000_000, false),
                    Next(3),
                ],
            ),
            (
                usize::MAX,
                usize::MAX,
                vec![
                    Prev(usize::MAX - 1),
                    p(1, false),
                    Gap,
                    p(usize::MAX - 1, false),
                    p(usize::MAX, true),
                ],
            ),
            // Past the last page: shown as the last.
            (7, 3, vec![Prev(2), p(1, false), p(2, false), p(3, true)]),
            (0, 3, vec![p(1, true), p(2, false), p(3, false), Next(2)]),
        ];
        for (page, pages, want) in cases {
            assert_eq!(pager_items(page, pages), want, "page {page} of {pages}");
        }
    }
}
