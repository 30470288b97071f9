//! The catalog: the newsroom's lists (latest, per category, per author,
//! per topic)
//! and what each renderer reads of them, computed once per build.

use std::collections::BTreeMap;

use bantin_model::{
    archive, date_short, rfc3339, Article, ArticleSummary, Author, Category, CategoryRef, Headline,
    Headlines, Home, Page, Section, Site, HEADLINES_MAX, HOME_LATEST, HOME_SECTION, PAGE_SIZE,
};

use crate::check::Newsroom;

/// Related articles shown under an article.
pub const RELATED: usize = 5;

/// Options that change the output but not the content.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Overrides `site.toml`'s base URL.
    pub base_url: Option<String>,
}

/// A paged list of articles: the latest, a category's, an author's.
#[derive(Debug, Clone, Copy)]
pub enum List<'b> {
    Latest,
    Category(&'b CategoryRef),
    Author(&'b Author),
    Topic(&'b Author),
}

/// What the list, article and home files are built from, computed once:
/// the summaries, newest first, and per category and per author the
/// indices into them.
pub struct Catalog<'a> {
    newsroom: &'a Newsroom,
    summaries: Vec<ArticleSummary>,
    by_category: BTreeMap<&'a str, Vec<usize>>,
    /// Every author, by slug, and the indices of their articles.
    authors: Vec<Author>,
    by_author: Vec<Vec<usize>>,
    /// Every topic, by slug (an [`Author`]'s shape: slug, name, count),
    /// and the indices of its articles.
    topics: Vec<Author>,
    by_topic: Vec<Vec<usize>>,
}

impl<'a> Catalog<'a> {
    pub fn new(newsroom: &'a Newsroom) -> Catalog<'a> {
        let summaries = newsroom.articles.iter().map(Article::summary).collect();
        let mut by_category: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        // Two people with one name (or names folding to one slug) share a
        // page; it bears the newest article's spelling.
        let mut by_author: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
        // Checked topics are one per slug in an article, folded to one name.
        let mut by_topic: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
        for (index, article) in newsroom.articles.iter().enumerate() {
            for topic in &article.topics {
                by_topic
                    .entry(&topic.slug)
                    .or_insert_with(|| (&topic.name, Vec::new()))
                    .1
                    .push(index);
            }
            by_category
                .entry(&article.category.slug)
                .or_default()
                .push(index);
            for author in &article.authors {
                let (_, indices) = by_author
                    .entry(&author.slug)
                    .or_insert_with(|| (&author.name, Vec::new()));
                // A byline naming someone twice lists the article once.
                if indices.last() != Some(&index) {
                    indices.push(index);
                }
            }
        }
        let (authors, by_author) = counted(by_author);
        let (topics, by_topic) = counted(by_topic);
        Catalog {
            newsroom,
            summaries,
            by_category,
            authors,
            by_author,
            topics,
            by_topic,
        }
    }

    /// Every published article, newest first.
    pub fn articles(&self) -> &'a [Article] {
        &self.newsroom.articles
    }

    /// The site's categories, in `site.toml`'s order.
    pub fn categories(&self) -> &'a [CategoryRef] {
        &self.newsroom.site.categories
    }

    /// Everyone who signed an article, by slug.
    pub fn authors(&self) -> &[Author] {
        &self.authors
    }

    /// Every topic an article names, by slug.
    pub fn topics(&self) -> &[Author] {
        &self.topics
    }

    fn in_category(&self, slug: &str) -> &[usize] {
        self.by_category.get(slug).map_or(&[][..], Vec::as_slice)
    }

    /// The indices of a list's articles, newest first (`None`: every one).
    fn indices(&self, list: List) -> Option<&[usize]> {
        match list {
            List::Latest => None,
            List::Category(c) => Some(self.in_category(&c.slug)),
            List::Author(a) => Some(find(&self.authors, &self.by_author, &a.slug)),
            List::Topic(t) => Some(find(&self.topics, &self.by_topic, &t.slug)),
        }
    }

    /// The articles of a list, newest first.
    pub fn articles_in(&self, list: List) -> Box<dyn Iterator<Item = &'a Article> + '_> {
        let articles = self.articles();
        match self.indices(list) {
            Some(indices) => Box::new(indices.iter().map(move |&i| &articles[i])),
            None => Box::new(articles.iter()),
        }
    }

    /// The summaries of a list, newest first.
    fn listed(&self, list: List) -> Box<dyn Iterator<Item = &ArticleSummary> + '_> {
        match self.indices(list) {
            Some(indices) => Box::new(indices.iter().map(|&i| &self.summaries[i])),
            None => Box::new(self.summaries.iter()),
        }
    }

    /// `articles/{id}.json` of the article at `index`, with its related ones.
    pub fn full_article(&self, index: usize) -> Article {
        let article = &self.newsroom.articles[index];
        let mut full = article.clone();
        let on_topics: Vec<&[usize]> = article
            .topics
            .iter()
            .map(|t| find(&self.topics, &self.by_topic, &t.slug))
            .collect();
        full.related = related(index, &on_topics, self.in_category(&article.category.slug))
            .into_iter()
            .map(|i| self.summaries[i].clone())
            .collect();
        full
    }

    /// `home.json`: the lead story, the latest others, a block per category.
    pub fn home(&self) -> Home {
        let lead = self
            .newsroom
            .lead_story
            .and_then(|id| self.summaries.iter().find(|s| s.id == id))
            .cloned();
        let lead_id = lead.as_ref().map(|l| l.id);
        Home {
            latest: self
                .summaries
                .iter()
                .filter(|s| Some(s.id) != lead_id)
                .take(HOME_LATEST)
                .cloned()
                .collect(),
            lead,
            sections: self
                .categories()
                .iter()
                .filter(|c| !self.in_category(&c.slug).is_empty())
                .map(|c| Section {
                    category: CategoryRef {
                        slug: c.slug.clone(),
                        name: c.name.clone(),
                    },
                    items: self
                        .listed(List::Category(c))
                        .take(HOME_SECTION)
                        .cloned()
                        .collect(),
                })
                .collect(),
        }
    }

    /// Every page of a list, one at a time: the landing page, then the
    /// archive blocks from the oldest (`bantin_model::archive`). The one
    /// paging loop of the build.
    pub fn pages<'b>(&'b self, list: List<'b>) -> impl Iterator<Item = Page<ArticleSummary>> + 'b {
        let total = self
            .indices(list)
            .map_or(self.summaries.len(), <[usize]>::len);
        let blocks = archive::blocks(total);
        let named = |slug: &str, name: &str| {
            Some(CategoryRef {
                slug: slug.to_owned(),
                name: name.to_owned(),
            })
        };
        let (category, author, topic) = match list {
            List::Latest => (None, None, None),
            List::Category(c) => (named(&c.slug, &c.name), None, None),
            List::Author(a) => (None, named(&a.slug, &a.name), None),
            List::Topic(t) => (None, None, named(&t.slug, &t.name)),
        };
        (0..=blocks).map(move |block| {
            let range = archive::range(total, block);
            let landing = block == 0;
            Page {
                block,
                older: if landing { blocks } else { block - 1 },
                newer: if landing || block == blocks {
                    0
                } else {
                    block + 1
                },
                total: landing.then_some(total),
                category: category.clone(),
                author: author.clone(),
                topic: topic.clone(),
                items: self
                    .listed(list)
                    .skip(range.start)
                    .take(range.len())
                    .cloned()
                    .collect(),
            }
        })
    }

    /// The widget's file for a category, or for every article.
    pub fn headlines(&self, site: &Site, category: Option<&CategoryRef>) -> Headlines {
        Headlines {
            site: site.name.clone(),
            url: site.absolute("/"),
            category: category.map(|c| c.name.clone()),
            items: self
                .listed(category.map_or(List::Latest, List::Category))
                .zip(self.articles_in(category.map_or(List::Latest, List::Category)))
                .take(HEADLINES_MAX)
                .map(|(s, a)| Headline {
                    title: s.title.clone(),
                    url: site.absolute(&s.path),
                    datetime: rfc3339::format(&s.published),
                    date: date_short(&s.published),
                    // The widget's thumbnails are 80 px: the smallest variant.
                    image: s.image.as_ref().map(|i| site.absolute(i.smallest())),
                    media: a.audio.is_some() || a.video.is_some(),
                })
                .collect(),
        }
    }
}

/// The API's `site.json`, from the settings and the newsroom.
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
        description: newsroom
            .site
            .description
            .clone()
            .unwrap_or_else(|| newsroom.site.name.clone()),
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

/// Authors or topics from their articles' indices, by slug: each with
/// its name (the first article's spelling) and count.
fn counted(lists: BTreeMap<&str, (&str, Vec<usize>)>) -> (Vec<Author>, Vec<Vec<usize>>) {
    lists
        .into_iter()
        .map(|(slug, (name, indices))| {
            let named = Author {
                slug: slug.to_owned(),
                name: name.to_owned(),
                count: indices.len(),
            };
            (named, indices)
        })
        .unzip()
}

/// The indices of the author's or topic's articles whose slug is `slug`.
fn find<'c>(named: &[Author], indices: &'c [Vec<usize>], slug: &str) -> &'c [usize] {
    named
        .binary_search_by(|x| x.slug.as_str().cmp(slug))
        .map_or(&[][..], |i| &indices[i])
}

/// Up to [`RELATED`] articles for the one at `index`, newest first: those
/// sharing a topic with it nearest in time, then those of its category
/// nearest in the category's list (as before topics, so an article
/// without topics keeps its related list). Lists hold indices into the newest-first articles.
fn related(index: usize, topics: &[&[usize]], category: &[usize]) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::with_capacity(RELATED);
    // Across topics the common measure is the place among all articles.
    let mut shared: Vec<(usize, usize)> = topics
        .iter()
        .flat_map(|list| nearest(index, list))
        .map(|i| (i.abs_diff(index), i))
        .collect();
    shared.sort_unstable();
    shared.dedup();
    for (_, i) in shared {
        if chosen.len() < RELATED && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    for i in nearest(index, category) {
        if chosen.len() < RELATED && !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// The [`RELATED`] × 2 articles of `siblings` nearest to `index` (not
/// itself) by their place in the list, nearest first; on equal distance
/// the newer. `siblings` is ascending, so the article is found by
/// bisection and only its neighbourhood is ranked: linear in RELATED, not
/// the archive. Twice RELATED, so that after those another list gave,
/// RELATED are left.
fn nearest(index: usize, siblings: &[usize]) -> Vec<usize> {
    let reach = 2 * RELATED;
    let centre = siblings.partition_point(|&s| s < index);
    let from = centre.saturating_sub(reach);
    let window = &siblings[from..(centre + reach + 1).min(siblings.len())];
    let mut ranked: Vec<(usize, usize)> = window
        .iter()
        .enumerate()
        .filter(|&(_, &s)| s != index)
        // Below the centre, places count from the one before it.
        .map(|(i, &s)| {
            let place = from + i;
            let distance = if place < centre {
                centre - place
            } else {
                place - centre + usize::from(siblings.get(centre) != Some(&index))
            };
            (distance, s)
        })
        .collect();
    ranked.sort_unstable();
    ranked.into_iter().take(reach).map(|(_, s)| s).collect()
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
            assert_eq!(related(index, &[], &siblings), want, "related of {index}");
        }
        assert!(related(3, &[], &[3]).is_empty());
        // Nearest by place in the category, not by place among all.
        let sparse = [1, 5, 6, 7, 30, 31, 32, 33];
        assert_eq!(related(7, &[], &sparse), [1, 5, 6, 30, 31]);
    }

    #[test]
    fn related_prefers_shared_topics_then_the_category() {
        let category: Vec<usize> = (0..40).collect();
        let evens: Vec<usize> = (0..=30).step_by(2).collect();
        // (its topics' lists, ascending; want)
        let cases: [(&[&[usize]], &[usize]); 4] = [
            // Far-off articles on its topic come before near ones; then
            // the category, nearest first, the newer on a tie (18, not 22).
            (&[&[2, 20, 38]], &[2, 18, 19, 21, 38]),
            // Two topics: their nearest (an article on both once), then
            // the category.
            (&[&[1, 20], &[5, 20, 39]], &[1, 5, 19, 21, 39]),
            // Many on its topic: the nearest five of them.
            (&[&evens], &[14, 16, 18, 22, 24]),
            // The topic holds only itself: the category.
            (&[&[20]], &[17, 18, 19, 21, 22]),
        ];
        for (topics, want) in cases {
            assert_eq!(related(20, topics, &category), want, "{topics:?}");
        }
    }
}
