use bantin_model::paths;
use leptos::either::Either;
use leptos::prelude::*;

/// One element of a pager, left to right from the newest: a link to a
/// page by its block (0: the landing page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagerItem {
    Newer(usize),
    Page { block: usize, current: bool },
    Gap,
    Older(usize),
}

/// Newer, the landing page, the blocks around this one newest first, the
/// oldest block, older; gaps where blocks are left out. Built from what the
/// page knows (block 0 knows how many blocks there are, a block only its
/// neighbours), so at most seven links whatever the numbers say.
pub fn pager_items(block: usize, older: usize, newer: usize) -> Vec<PagerItem> {
    let mut items = Vec::new();
    if block == 0 && older == 0 {
        return items;
    }
    if block > 0 {
        items.push(PagerItem::Newer(newer));
    }
    items.push(PagerItem::Page {
        block: 0,
        current: block == 0,
    });
    let mut numbers = if block == 0 {
        [older, older.saturating_sub(1), 1, 0]
    } else {
        [newer, block, block - 1, 1]
    };
    numbers.sort_unstable_by(|a, b| b.cmp(a));
    let mut last_shown = 0;
    for number in numbers {
        if number == 0 || number == last_shown {
            continue;
        }
        if last_shown != 0 && last_shown - number > 1 {
            items.push(PagerItem::Gap);
        }
        items.push(PagerItem::Page {
            block: number,
            current: number == block,
        });
        last_shown = number;
    }
    if older > 0 {
        items.push(PagerItem::Older(older));
    }
    items
}

/// Pagination as real links: newer, the pages, older. `first` is the
/// address of the list's landing page.
#[component]
pub fn Pager(first: String, block: usize, older: usize, newer: usize) -> impl IntoView {
    let items = pager_items(block, older, newer);
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
                                PagerItem::Newer(n) => (n, "‹ Mới hơn".to_owned(), Some("prev"), None),
                                PagerItem::Older(n) => (n, "Cũ hơn ›".to_owned(), Some("next"), None),
                                PagerItem::Page { block, current } => {
                                    let text = if block == 0 { "Mới nhất".to_owned() } else { block.to_string() };
                                    (block, text, None, current.then_some("page"))
                                }
                            };
                            let label = (rel.is_none() && n > 0).then(|| format!("Lưu trữ {n}"));
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

    fn p(block: usize, current: bool) -> PagerItem {
        Page { block, current }
    }

    #[test]
    fn pager_windows() {
        // (block, older, newer) as the page's file says them.
        let cases: Vec<((usize, usize, usize), Vec<PagerItem>)> = vec![
            // One page: no pager.
            ((0, 0, 0), vec![]),
            // The landing page of a list with one block behind it.
            ((0, 1, 0), vec![p(0, true), p(1, false), Older(1)]),
            // ... and with nine.
            (
                (0, 9, 0),
                vec![
                    p(0, true),
                    p(9, false),
                    p(8, false),
                    Gap,
                    p(1, false),
                    Older(9),
                ],
            ),
            // The newest block: newer is the landing page.
            (
                (9, 8, 0),
                vec![
                    Newer(0),
                    p(0, false),
                    p(9, true),
                    p(8, false),
                    Gap,
                    p(1, false),
                    Older(8),
                ],
            ),
            (
                (5, 4, 6),
                vec![
                    Newer(6),
                    p(0, false),
                    p(6, false),
                    p(5, true),
                    p(4, false),
                    Gap,
                    p(1, false),
                    Older(4),
                ],
            ),
            (
                (2, 1, 3),
                vec![
                    Newer(3),
                    p(0, false),
                    p(3, false),
                    p(2, true),
                    p(1, false),
                    Older(1),
                ],
            ),
            // The oldest block: nothing older.
            (
                (1, 0, 2),
                vec![Newer(2), p(0, false), p(2, false), p(1, true)],
            ),
            ((1, 0, 0), vec![Newer(0), p(0, false), p(1, true)]),
        ];
        for ((block, older, newer), want) in cases {
            assert_eq!(pager_items(block, older, newer), want, "block {block}");
        }
    }

    #[test]
    fn absurd_numbers_stay_small() {
        let cases: Vec<((usize, usize, usize), usize)> = vec![
            ((0, usize::MAX, 0), 6),
            ((usize::MAX, usize::MAX - 1, 0), 7),
            ((3, usize::MAX, usize::MAX), 8),
        ];
        for ((block, older, newer), most) in cases {
            let items = pager_items(block, older, newer);
            assert!(items.len() <= most, "{block}: {items:?}");
        }
    }
}
