//! Stage 3: the static JSON API (design §5), rendered file by file into a
//! [`Sink`] so that memory stays bounded by one file, not the archive.

use std::collections::BTreeMap;

use anyhow::Result;
use bantin_model::{
    date_short, paths, Article, ArticleSummary, Category, CategoryRef, Headline, Headlines, Home,
    Page, Section, Site, HEADLINES_MAX, HOME_LATEST, HOME_SECTION, PAGE_SIZE,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::validate::Newsroom;

/// Related articles shown under an article.
pub const RELATED: usize = 5;

/// Where rendered files go: the staging folder, or memory in tests.
pub trait Sink: Sync {
    /// `path` is relative to the site root, with `/` separators.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// Options that change the output but not the content.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `site.toml`'s base URL.
    pub base_url: Option<String>,
}

/// What the list, article and home files are built from, computed once:
/// the summaries, newest first, and per category the indices into them.
pub struct Catalog<'a> {
    pub newsroom: &'a Newsroom,
    pub summaries: Vec<ArticleSummary>,
    pub by_category: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> Catalog<'a> {
    pub fn new(newsroom: &'a Newsroom) -> Catalog<'a> {
        let summaries = newsroom.articles.iter().map(Article::summary).collect();
        let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (index, article) in newsroom.articles.iter().enumerate() {
            by_category
                .entry(&article.category.slug)
                .or_default()
                .push(index);
        }
        Catalog {
            newsroom,
            summaries,
            by_category,
        }
    }

    fn in_category(&self, slug: &str) -> &[usize] {
        self.by_category.get(slug).map_or(&[][..], Vec::as_slice)
    }

    /// `articles/{id}.json` of the article at `index`, with its related ones.
    pub fn full_article(&self, index: usize) -> Article {
        let article = &self.newsroom.articles[index];
        let mut full = article.clone();
        full.related = related(index, self.in_category(&article.category.slug))
            .map(|i| self.summaries[i].clone())
            .collect();
        full
    }

    pub fn home(&self) -> Home {
        home(self.newsroom, &self.summaries, &self.by_category)
    }

    /// Page `page` (from 1) of a category; `None` past the last page.
    pub fn category_page(
        &self,
        slug: &str,
        name: &str,
        page: usize,
    ) -> Option<Page<ArticleSummary>> {
        let indices = self.in_category(slug);
        let pages = indices.len().div_ceil(PAGE_SIZE).max(1);
        (page >= 1 && page <= pages).then(|| Page {
            page,
            pages,
            total: indices.len(),
            category: Some(CategoryRef {
                slug: slug.to_owned(),
                name: name.to_owned(),
            }),
            items: indices
                .iter()
                .skip((page - 1) * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|&i| self.summaries[i].clone())
                .collect(),
        })
    }
}

pub fn api(catalog: &Catalog, site: &Site, sink: &dyn Sink) -> Result<()> {
    let newsroom = catalog.newsroom;
    let (summaries, by_category) = (&catalog.summaries, &catalog.by_category);
    put_json(sink, &paths::site(), site)?;
    (0..newsroom.articles.len())
        .into_par_iter()
        .try_for_each(|index| {
            let full = catalog.full_article(index);
            put_json(sink, &paths::article(full.id), &full)
        })?;
    put_json(sink, &paths::home(), &catalog.home())?;

    let headlines =
        |category: Option<&str>, items: &mut dyn Iterator<Item = &ArticleSummary>| Headlines {
            site: site.name.clone(),
            url: site.absolute("/"),
            category: category.map(str::to_owned),
            items: items
                .take(HEADLINES_MAX)
                .map(|s| Headline {
                    title: s.title.clone(),
                    url: site.absolute(&s.path),
                    datetime: s.published.to_rfc3339(),
                    date: date_short(&s.published),
                    image: s.image.as_ref().map(|i| site.absolute(&i.src)),
                })
                .collect(),
        };
    put_json(
        sink,
        &paths::headlines(None),
        &headlines(None, &mut summaries.iter()),
    )?;
    for category in &newsroom.site.categories {
        let indices = by_category
            .get(category.slug.as_str())
            .map_or(&[][..], Vec::as_slice);
        let mut items = indices.iter().map(|&i| &summaries[i]);
        put_json(
            sink,
            &paths::headlines(Some(&category.slug)),
            &headlines(Some(&category.name), &mut items),
        )?;
    }

    let all: Vec<&ArticleSummary> = summaries.iter().collect();
    write_pages(sink, &all, None, paths::latest)?;
    for category in &newsroom.site.categories {
        let mut n = 1;
        while let Some(page) = catalog.category_page(&category.slug, &category.name, n) {
            put_json(sink, &paths::category(&category.slug, n), &page)?;
            n += 1;
        }
    }
    Ok(())
}

fn home(
    newsroom: &Newsroom,
    summaries: &[ArticleSummary],
    by_category: &BTreeMap<&str, Vec<usize>>,
) -> Home {
    let lead = newsroom
        .lead_story
        .and_then(|id| summaries.iter().find(|s| s.id == id))
        .cloned();
    let lead_id = lead.as_ref().map(|l| l.id);
    Home {
        latest: summaries
            .iter()
            .filter(|s| Some(s.id) != lead_id)
            .take(HOME_LATEST)
            .cloned()
            .collect(),
        lead,
        sections: newsroom
            .site
            .categories
            .iter()
            .filter_map(|c| {
                let items: Vec<ArticleSummary> = by_category
                    .get(c.slug.as_str())?
                    .iter()
                    .take(HOME_SECTION)
                    .map(|&i| summaries[i].clone())
                    .collect();
                Some(Section {
                    category: CategoryRef {
                        slug: c.slug.clone(),
                        name: c.name.clone(),
                    },
                    items,
                })
            })
            .collect(),
    }
}

pub fn site(newsroom: &Newsroom, options: &RenderOptions) -> Site {
    let base_url = options
        .base_url
        .clone()
        .unwrap_or_else(|| newsroom.site.base_url.clone());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for article in &newsroom.articles {
        *counts.entry(&article.category.slug).or_default() += 1;
    }
    Site {
        name: newsroom.site.name.clone(),
        base_url: base_url.trim_end_matches('/').to_owned(),
        language: newsroom.site.language.clone(),
        logo: newsroom.logo.clone(),
        page_size: PAGE_SIZE,
        lead_story: newsroom.lead_story,
        categories: newsroom
            .site
            .categories
            .iter()
            .map(|c| Category {
                slug: c.slug.clone(),
                name: c.name.clone(),
                count: counts.get(c.slug.as_str()).copied().unwrap_or(0),
            })
            .collect(),
    }
}

/// Up to [`RELATED`] articles of the same category nearest in time to
/// `index`, newest first. `siblings` are indices into the newest-first list.
fn related(index: usize, siblings: &[usize]) -> impl Iterator<Item = usize> {
    // `siblings` is ascending, so the article is found by bisection and
    // only its neighbourhood is ranked: linear in RELATED, not the archive.
    let pos = siblings.binary_search(&index).ok();
    let centre = pos.unwrap_or(0);
    let window =
        &siblings[centre.saturating_sub(RELATED)..(centre + RELATED + 1).min(siblings.len())];
    let offset = centre.saturating_sub(RELATED);
    let mut ranked: Vec<(usize, usize)> = window
        .iter()
        .enumerate()
        .map(|(i, &s)| (offset + i, s))
        .filter(|&(p, _)| Some(p) != pos)
        .map(|(p, s)| (p.abs_diff(centre), s))
        .collect();
    // Nearest first; on equal distance the newer (smaller index) wins.
    ranked.sort_unstable();
    let mut near: Vec<usize> = ranked.into_iter().take(RELATED).map(|(_, i)| i).collect();
    near.sort_unstable();
    near.into_iter()
}

fn write_pages(
    sink: &dyn Sink,
    items: &[&ArticleSummary],
    category: Option<CategoryRef>,
    path_of: impl Fn(usize) -> String,
) -> Result<()> {
    let pages = items.len().div_ceil(PAGE_SIZE).max(1);
    for page in 1..=pages {
        let chunk = items.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE);
        let list = Page {
            page,
            pages,
            total: items.len(),
            category: category.clone(),
            items: chunk.map(|s| (*s).clone()).collect(),
        };
        put_json(sink, &path_of(page), &list)?;
    }
    Ok(())
}

fn put_json(sink: &dyn Sink, site_path: &str, value: &impl Serialize) -> Result<()> {
    let bytes = serde_json::to_vec(value)?;
    sink.put(site_path.trim_start_matches('/'), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_is_nearest_in_time_newest_first() {
        let siblings = [10, 11, 12, 13, 14, 15, 16, 17];
        let cases: [(usize, &[usize]); 3] = [
            (10, &[11, 12, 13, 14, 15]),
            (14, &[11, 12, 13, 15, 16]),
            (17, &[12, 13, 14, 15, 16]),
        ];
        for (index, want) in cases {
            let got: Vec<usize> = related(index, &siblings).collect();
            assert_eq!(got, want, "related of {index}");
        }
        assert_eq!(related(3, &[3]).count(), 0);
    }
}
