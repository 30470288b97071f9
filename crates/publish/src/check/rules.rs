//! The check's rules across files, one function each, returning its
//! problem; each is tested right after it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::content::site::{find_line, SiteConfig};
use crate::content::source::{line, Asset, SourceArticle};
use crate::content::DRAFTS_DIR;
use crate::problem::Problem;
use crate::text::slugify;

#[cfg(test)]
mod fixtures {
    use std::path::Path;

    use crate::content::site::{self, SiteConfig};
    use crate::content::source::{self, SourceArticle};

    /// The sample's first article, parsed, to vary one field at a time.
    pub fn article() -> SourceArticle {
        let text = include_str!("../../../../content/articles/chinh-tri/1678.txt");
        source::parse(Path::new("chinh-tri/1678.txt"), text).expect("the sample parses")
    }

    pub const SITE: &str = "name = \"Đài\"\nbase_url = \"https://dai.example.vn\"\nlead_story = 7\n\n[[categories]]\nslug = \"chinh-tri\"\nname = \"Chính trị\"\n";

    pub fn site() -> SiteConfig {
        site::parse(Path::new("site.toml"), SITE).expect("the site parses")
    }
}

/// The first folder of `path` under `content`, if it is in one.
fn first_folder<'p>(content: &Path, path: &'p Path) -> Option<&'p str> {
    let relative = path.strip_prefix(content).ok()?;
    let mut parts = relative.components();
    let first = parts.next()?.as_os_str().to_str()?;
    // A file directly under content/ is in no folder.
    parts.next().map(|_| first)
}

/// Whether `path` is a draft: under `drafts/` in any letter case, since
/// on a case-insensitive disk (macOS, Windows) `Drafts/` is that folder.
pub fn is_draft(content: &Path, path: &Path) -> bool {
    first_folder(content, path).is_some_and(|f| f.eq_ignore_ascii_case(DRAFTS_DIR))
}

/// A folder that looks meant for drafts but is not `drafts/`: its files
/// would be published, so the build refuses them with this problem.
pub fn near_miss_draft(content: &Path, path: &Path) -> Option<Problem> {
    let folder = first_folder(content, path)?;
    let folded = slugify(folder);
    let meant = ["draft", "drafts", "nhap", "ban-nhap", "bai-nhap"].contains(&folded.as_str());
    (meant && !folder.eq_ignore_ascii_case(DRAFTS_DIR)).then(|| {
        Problem::new(
            path,
            0,
            format!(
                "this file is in {folder}/, which is not the drafts folder: it would be published"
            ),
            "move it to content/drafts/ to keep it a draft, or to another folder to publish it",
        )
    })
}

#[cfg(test)]
mod drafts {
    use super::*;

    #[test]
    fn drafts_in_any_case_and_near_misses() {
        let content = Path::new("/n/content");
        // (path under content, a draft, a near miss)
        let cases = [
            ("drafts/chinh-tri/5.txt", true, false),
            ("Drafts/chinh-tri/5.txt", true, false),
            ("DRAFTS/5.txt", true, false),
            ("draft/5.txt", false, true),
            ("Draft/5.txt", false, true),
            ("nháp/5.txt", false, true),
            ("Bản nháp/5.txt", false, true),
            ("chinh-tri/drafts/5.txt", false, false),
            ("chinh-tri/5.txt", false, false),
            ("drafts.txt", false, false),
        ];
        for (relative, draft, near_miss) in cases {
            let path = content.join(relative);
            assert_eq!(is_draft(content, &path), draft, "{relative}");
            assert_eq!(
                near_miss_draft(content, &path).is_some(),
                near_miss,
                "{relative}"
            );
        }
    }
}

/// The station's own articles show the site's logo as their source's
/// (a local photo, not the old site's copy); an `http://` image from a
/// host `site.toml` lists in `https_hosts` is published as `https://`.
pub fn secure_assets(site: &SiteConfig, site_logo: Option<&Asset>, source: &mut SourceArticle) {
    if let (true, Some(logo)) = (source.source_name.trim() == site.name.trim(), site_logo) {
        source.source_logo = Some(logo.clone());
    }
    for asset in [&mut source.image, &mut source.source_logo]
        .into_iter()
        .flatten()
    {
        if let Asset::Remote(url) = asset {
            if let Some(secure) = upgraded(url, &site.https_hosts) {
                *url = secure;
            }
        }
    }
}

/// `http://host/…` as `https://host/…` when `host` (without a port) is
/// one of `hosts`.
fn upgraded(url: &str, hosts: &[String]) -> Option<String> {
    let rest = url.strip_prefix("http://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(host))
        .then(|| format!("https://{rest}"))
}

#[cfg(test)]
mod secure {
    use super::*;

    #[test]
    fn http_images_from_listed_hosts_become_https() {
        let hosts = ["duytien.hanamtv.vn".to_owned()];
        let cases = [
            (
                "http://duytien.hanamtv.vn/a.png",
                Some("https://duytien.hanamtv.vn/a.png"),
            ),
            (
                "http://DuyTien.hanamtv.vn?x=1",
                Some("https://DuyTien.hanamtv.vn?x=1"),
            ),
            ("http://duytien.hanamtv.vn:8080/a.png", None),
            ("http://evil.vn/duytien.hanamtv.vn/a.png", None),
            ("http://duytien.hanamtv.vn.evil.vn/a.png", None),
            ("https://duytien.hanamtv.vn/a.png", None),
        ];
        for (url, want) in cases {
            assert_eq!(upgraded(url, &hosts).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn the_stations_own_articles_show_the_sites_logo() {
        let site = SiteConfig {
            name: "Đài Truyền thanh Thị xã Duy Tiên".into(),
            ..fixtures::site()
        };
        let logo = Asset::Local("media/logo.png".into());
        let mut own = fixtures::article();
        let before = own.source_logo.clone();
        secure_assets(&site, None, &mut own);
        assert_eq!(own.source_logo, before, "no usable site logo: kept");
        secure_assets(&site, Some(&logo), &mut own);
        assert_eq!(own.source_logo, Some(logo.clone()));
        let mut other = SourceArticle {
            source_name: "Báo Hà Nam".into(),
            ..fixtures::article()
        };
        let before = other.source_logo.clone();
        secure_assets(&site, Some(&logo), &mut other);
        assert_eq!(other.source_logo, before, "another source keeps its logo");
    }
}

/// Remote `http://` images left on an `https` site: browsers upgrade or
/// block them, with an error in the console.
pub fn http_images_on_https(https: bool, path: &Path, source: &SourceArticle) -> Vec<Problem> {
    let lines = [
        (line::IMAGE, "image", &source.image),
        (line::SOURCE_LOGO, "source logo", &source.source_logo),
    ];
    lines
        .into_iter()
        .filter_map(|(line, what, asset)| match asset {
            Some(Asset::Remote(url)) if https && url.starts_with("http://") => Some(Problem::new(
                path,
                line,
                format!("warning: the {what} {url} is http:// on an https site: browsers upgrade or block it"),
                "download the file into content/media/ and write media/… on this line, or list its host in site.toml's https_hosts if it serves HTTPS",
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod http_image {
    use super::*;

    #[test]
    fn only_remote_http_images_on_an_https_site_are_warned_of() {
        let path = Path::new("a.txt");
        let with = |image: Option<Asset>, logo: Option<Asset>| SourceArticle {
            image,
            source_logo: logo,
            ..fixtures::article()
        };
        let remote = |url: &str| Some(Asset::Remote(url.to_owned()));
        let local = Some(Asset::Local("media/a.jpg".into()));
        // (https site, image, source logo, the lines warned of)
        let cases = [
            (true, remote("http://x.vn/a.jpg"), None, vec![line::IMAGE]),
            (
                true,
                None,
                remote("http://x.vn/l.png"),
                vec![line::SOURCE_LOGO],
            ),
            (true, remote("https://x.vn/a.jpg"), local.clone(), vec![]),
            (
                false,
                remote("http://x.vn/a.jpg"),
                remote("http://x.vn/l.png"),
                vec![],
            ),
            (true, local, None, vec![]),
        ];
        for (https, image, logo, want) in cases {
            let found = http_images_on_https(https, path, &with(image.clone(), logo.clone()));
            let lines: Vec<usize> = found.iter().map(|p| p.line).collect();
            assert_eq!(lines, want, "{https} {image:?} {logo:?}");
            assert!(found.iter().all(|p| p.message.starts_with("warning:")));
        }
    }
}

/// Each article id once; the first file found keeps it.
pub fn unique_id(
    ids: &mut HashMap<u32, PathBuf>,
    path: &Path,
    source: &SourceArticle,
) -> Option<Problem> {
    if let Some(first) = ids.get(&source.id) {
        return Some(Problem::new(
            path,
            line::SOURCE_URL,
            format!(
                "article id {} is already used by {}",
                source.id,
                first.display()
            ),
            "each article needs its own id: fix the number at the end of the source URL",
        ));
    }
    ids.insert(source.id, path.to_path_buf());
    None
}

#[cfg(test)]
mod ids {
    use super::*;

    #[test]
    fn the_first_file_keeps_an_id_and_a_second_is_told_whose_it_is() {
        let mut ids = HashMap::new();
        let article = fixtures::article();
        assert!(unique_id(&mut ids, Path::new("a/1678.txt"), &article).is_none());
        let again = unique_id(&mut ids, Path::new("b/1678.txt"), &article).expect("a problem");
        assert_eq!(again.line, line::SOURCE_URL);
        assert!(
            again.message.contains("already used by a/1678.txt"),
            "{again:?}"
        );
        let other = SourceArticle {
            id: 1679,
            ..article
        };
        assert!(unique_id(&mut ids, Path::new("c/1679.txt"), &other).is_none());
        assert_eq!(ids.len(), 2);
    }
}

/// The source URL's category is one of `site.toml`'s.
pub fn known_category(site: &SiteConfig, path: &Path, source: &SourceArticle) -> Option<Problem> {
    site.category(&source.category).is_none().then(|| {
        Problem::new(
            path,
            line::SOURCE_URL,
            format!(
                "unknown category {:?}; the known categories are: {}",
                source.category,
                site.known_slugs()
            ),
            "fix the category in the source URL, or add it to content/site.toml",
        )
    })
}

#[cfg(test)]
mod categories {
    use super::*;

    #[test]
    fn a_category_site_toml_lacks_is_named_with_the_known_ones() {
        let site = fixtures::site();
        let path = Path::new("a.txt");
        assert!(known_category(&site, path, &fixtures::article()).is_none());
        let stray = SourceArticle {
            category: "giai-tri".into(),
            ..fixtures::article()
        };
        let problem = known_category(&site, path, &stray).expect("a problem");
        assert_eq!(problem.line, line::SOURCE_URL);
        assert!(
            problem.message.contains("\"giai-tri\"") && problem.message.contains("chinh-tri"),
            "{problem:?}"
        );
    }
}

/// `lead_story`, when given, names a published article.
pub fn lead_story(
    site: &SiteConfig,
    site_path: &Path,
    site_text: &str,
    ids: &HashMap<u32, PathBuf>,
) -> Option<Problem> {
    let id = site.lead_story?;
    (!ids.contains_key(&id)).then(|| {
        Problem::new(
            site_path,
            find_line(site_text, "lead_story"),
            format!("lead_story {id} is not the id of any article"),
            "use the number at the end of an article's source URL, or remove the line to lead with the newest",
        )
    })
}

#[cfg(test)]
mod lead {
    use super::*;

    #[test]
    fn lead_story_must_be_an_articles_id_on_its_own_line() {
        let site = fixtures::site();
        let path = Path::new("site.toml");
        let ids = |list: &[u32]| -> HashMap<u32, PathBuf> {
            list.iter()
                .map(|&id| (id, PathBuf::from("a.txt")))
                .collect()
        };
        assert!(lead_story(&site, path, fixtures::SITE, &ids(&[7, 8])).is_none());
        let problem = lead_story(&site, path, fixtures::SITE, &ids(&[8])).expect("a problem");
        assert_eq!(problem.line, 3, "the line of lead_story in site.toml");
        assert!(problem.message.contains("lead_story 7"), "{problem:?}");
        let without = SiteConfig {
            lead_story: None,
            ..site
        };
        assert!(lead_story(&without, path, fixtures::SITE, &ids(&[])).is_none());
    }
}
