//! Topics across articles (docs/architecture.md, “Source format”):
//! spellings that fold to one slug are one topic, and slugs one edit
//! apart are probably one topic misspelt.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use bantin_model::{paths, Article, TopicRef};

use crate::problem::Problem;
use crate::text::slugify;

/// Where an article names its topics: the slugs, the file and the line.
pub type TopicLine = (Vec<String>, PathBuf, usize);

/// An article's topics as written, each with its slug and page.
pub fn refs(topics: &[String]) -> Vec<TopicRef> {
    topics
        .iter()
        .map(|name| {
            let slug = slugify(name);
            TopicRef {
                path: paths::topic_page(&slug, 0),
                slug,
                name: name.clone(),
            }
        })
        .collect()
}

/// Gives every topic the spelling of its oldest article (`articles`
/// newest first), so a new article never renames a topic's page.
pub fn fold(articles: &mut [Article]) {
    let mut names: HashMap<String, String> = HashMap::new();
    for article in articles.iter().rev() {
        for topic in &article.topics {
            names
                .entry(topic.slug.clone())
                .or_insert_with(|| topic.name.clone());
        }
    }
    for topic in articles.iter_mut().flat_map(|a| a.topics.iter_mut()) {
        if let Some(name) = names.get(&topic.slug) {
            topic.name.clone_from(name);
        }
    }
}

/// A warning for each topic whose slug is one edit from another topic's,
/// on the line of the less used one (ties: the later slug).
pub fn near_slugs(lines: &[TopicLine]) -> Vec<Problem> {
    let mut uses: BTreeMap<&str, (usize, &PathBuf, usize)> = BTreeMap::new();
    for (slugs, path, line) in lines {
        for slug in slugs {
            uses.entry(slug).or_insert((0, path, *line)).0 += 1;
        }
    }
    let slugs: Vec<&str> = uses.keys().copied().collect();
    let mut warnings = Vec::new();
    for (a, b) in one_edit_apart(&slugs) {
        let (used_a, used_b) = (uses[a].0, uses[b].0);
        let (odd, other) = if used_a < used_b { (a, b) } else { (b, a) };
        let (_, path, line) = uses[odd];
        warnings.push(Problem::new(
            path,
            line,
            format!("warning: the topic /chu-de/{odd}/ is one letter from /chu-de/{other}/"),
            format!("if they are one topic, spell it as in /chu-de/{other}/ in every article"),
        ));
    }
    warnings.sort();
    warnings
}

/// Every pair of `slugs` (distinct, sorted) at edit distance one, each
/// pair once, `(smaller, larger)`. Two strings one substitution apart
/// share a deletion at the same place; one insertion apart, the shorter
/// is a deletion of the longer. Linear in the slugs' total length, not
/// quadratic in their number.
fn one_edit_apart<'s>(slugs: &[&'s str]) -> Vec<(&'s str, &'s str)> {
    let whole: HashMap<&str, usize> = slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut deleted: HashMap<(usize, String), Vec<usize>> = HashMap::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, slug) in slugs.iter().enumerate() {
        for (at, c) in slug.char_indices() {
            let shorter = format!("{}{}", &slug[..at], &slug[at + c.len_utf8()..]);
            if let Some(&j) = whole.get(shorter.as_str()) {
                pairs.push((i.min(j), i.max(j)));
            }
            deleted.entry((at, shorter)).or_default().push(i);
        }
    }
    for same in deleted.values() {
        for (k, &i) in same.iter().enumerate() {
            for &j in &same[k + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(i, j)| {
            let (a, b) = (slugs[i], slugs[j]);
            if a < b {
                (a, b)
            } else {
                (b, a)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_apart_finds_substitutions_insertions_and_nothing_else() {
        type Pairs<'p> = &'p [(&'p str, &'p str)];
        let cases: [(&[&str], Pairs); 5] = [
            (&["bong-da", "bong-do"], &[("bong-da", "bong-do")]),
            (&["bong-da", "bong-dao"], &[("bong-da", "bong-dao")]),
            (&["y-te", "yte"], &[("y-te", "yte")]),
            (&["bong-da", "bong-ro", "y-te"], &[]),
            // Transposed letters are two edits.
            (&["ab", "ba"], &[]),
        ];
        for (slugs, want) in cases {
            assert_eq!(one_edit_apart(slugs), want, "{slugs:?}");
        }
    }

    #[test]
    fn a_near_slug_warns_on_the_less_used_topics_line() {
        let line = |slugs: &[&str], file: &str, n| {
            (
                slugs.iter().map(|s| (*s).to_owned()).collect(),
                PathBuf::from(file),
                n,
            )
        };
        let lines = [
            line(&["bong-da"], "a.txt", 12),
            line(&["bong-da", "y-te"], "b.txt", 13),
            line(&["bong-do"], "c.txt", 14),
        ];
        let found: Vec<String> = near_slugs(&lines).iter().map(ToString::to_string).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "c.txt:14: warning: the topic /chu-de/bong-do/ is one letter from /chu-de/bong-da/"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn the_oldest_spelling_names_the_topic() {
        let fixture = crate::testing::Fixture::small();
        let article = |topic: &str| Article {
            topics: refs(&[topic.to_owned()]),
            ..fixture.newsroom.articles[0].clone()
        };
        // Newest first: the last is the oldest.
        let mut articles = [article("BÓNG ĐÁ"), article("bong da"), article("Bóng đá")];
        fold(&mut articles);
        for a in &articles {
            assert_eq!(a.topics[0].name, "Bóng đá");
            assert_eq!(a.topics[0].slug, "bong-da");
        }
    }
}
