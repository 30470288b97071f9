//! `cargo xtask gen-content --count N --out DIR [--markdown DIR]`: a valid
//! synthetic newsroom of N articles (and the same corpus as Markdown for
//! other generators), deterministic for a given N.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::corpus::Vocabulary;
use crate::rng::Lcg;

const CATEGORIES: [(&str, &str); 7] = [
    ("chinh-tri", "Chính trị"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("an-ninh-quoc-phong", "An ninh – Quốc phòng"),
    ("the-thao", "Thể thao"),
];

pub fn run(args: &[String]) -> Result<()> {
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let count: usize = value("--count")
        .context("--count N is required")?
        .parse()
        .context("--count takes a number")?;
    let out = Path::new(value("--out").context("--out DIR is required")?);
    let markdown = value("--markdown").map(Path::new);
    let photos: usize = value("--photos")
        .map(|n| n.parse().context("--photos takes a number"))
        .transpose()?
        .unwrap_or(0);
    // `--add-newest N`: into a corpus already written with `--count`, the
    // N-th article newer than all others (what `bench-publish` adds before
    // each "new article" run), to time a republish by hand.
    if let Some(n) = value("--add-newest") {
        let n = n.parse().context("--add-newest takes a number")?;
        return add_newest(count, n, out, markdown);
    }
    write(count, out, markdown)?;
    attach_photos(out, photos, None)
}

/// Debian's mate-backgrounds: 16 JPEGs, 0.08–16 MB.
pub const PHOTO_DIR: &str = "/usr/share/backgrounds/mate";

/// The JPEGs of mate-backgrounds, sorted.
pub fn mate_photos() -> Result<Vec<std::path::PathBuf>> {
    let photos: Vec<std::path::PathBuf> = crate::util::files_under(Path::new(PHOTO_DIR))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "jpg"))
        .collect();
    if photos.is_empty() {
        anyhow::bail!("no photos in {PHOTO_DIR}: install mate-backgrounds (cargo xtask setup)");
    }
    Ok(photos)
}

/// Gives the first `count` articles of a generated newsroom a photo each:
/// the mate-backgrounds JPEGs in turn, each copy made unique by a JPEG
/// comment (so that each is its own photo to encode).
/// Only sources of at most `max_bytes` when given.
pub fn attach_photos(out: &Path, count: usize, max_bytes: Option<u64>) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    let sources: Vec<std::path::PathBuf> = mate_photos()?
        .into_iter()
        .filter(|p| max_bytes.is_none_or(|max| fs::metadata(p).is_ok_and(|m| m.len() <= max)))
        .collect();
    let sources: Vec<Vec<u8>> = sources.iter().map(fs::read).collect::<Result<_, _>>()?;
    fs::create_dir_all(out.join("media"))?;
    let articles = crate::util::files_under(&out.join("articles"));
    for (i, article) in articles.iter().take(count).enumerate() {
        let source = &sources[i % sources.len()];
        let photo = unique_jpeg(source, &format!("bantin gen-content photo {i}"));
        let name = format!("media/p{i}.jpg");
        fs::write(out.join(&name), photo)?;
        let text = fs::read_to_string(article)?;
        let mut lines: Vec<&str> = text.lines().collect();
        lines[5] = &name;
        fs::write(article, lines.join("\n") + "\n")?;
    }
    println!("attached {} photos", count.min(articles.len()));
    Ok(())
}

/// A JPEG with `comment` inserted after its start marker: the same
/// picture, but bytes of its own, so the photo pipeline encodes it anew.
pub fn unique_jpeg(source: &[u8], comment: &str) -> Vec<u8> {
    let mut photo = source[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xFE]);
    photo.extend_from_slice(&(comment.len() as u16 + 2).to_be_bytes());
    photo.extend_from_slice(comment.as_bytes());
    photo.extend_from_slice(&source[2..]);
    photo
}

pub fn write(count: usize, out: &Path, markdown: Option<&Path>) -> Result<()> {
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out)?;
    let mut site = String::from(
        "name = \"Đài Truyền thanh Thị xã Duy Tiên\"\nbase_url = \"https://duytien.bantin.vn\"\n",
    );
    for (slug, name) in CATEGORIES {
        site.push_str(&format!(
            "\n[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\n"
        ));
    }
    fs::write(out.join("site.toml"), site)?;
    if let Some(md) = markdown {
        let _ = fs::remove_dir_all(md);
        fs::create_dir_all(md.join("content/posts"))?;
    }
    let vocabulary = Vocabulary::new(&crate::util::root().join("content"), 7);
    let mut rng = Lcg(42);
    for i in 0..count {
        let (slug, name) = CATEGORIES[rng.next() % CATEGORIES.len()];
        // Spread over about three years, minutes apart.
        let minutes = i * 15;
        let (day, minute) = (minutes / 1440, minutes % 1440);
        let date = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:00+07:00",
            2022 + day / 336,
            1 + (day / 28) % 12,
            1 + day % 28,
            minute / 60,
            minute % 60
        );
        let article = Generated::new(&vocabulary, &mut rng, 100_000 + i, slug, name, date);
        article.write(out, markdown, &format!("{}", i / 1000), i % 17)?;
    }
    println!("wrote {count} articles to {}", out.display());
    Ok(())
}

/// An article `count` + `n` newer than every one `write(count, …)` wrote
/// (dated the last day of 2025, `n` hours apart), in both formats: what an
/// editor publishes between two builds.
pub fn add_newest(count: usize, n: usize, out: &Path, markdown: Option<&Path>) -> Result<()> {
    let vocabulary = Vocabulary::new(&crate::util::root().join("content"), 7);
    let mut rng = Lcg(1_000 + n as u64);
    let (slug, name) = CATEGORIES[n % CATEGORIES.len()];
    let date = format!("2025-12-31T{:02}:00:00+07:00", 8 + n % 12);
    let article = Generated::new(&vocabulary, &mut rng, 100_000 + count + n, slug, name, date);
    article.write(out, markdown, "new", n % 17)
}

/// One generated article.
struct Generated {
    id: usize,
    slug: &'static str,
    name: &'static str,
    date: String,
    title: String,
    lead: String,
    body: Vec<String>,
}

impl Generated {
    fn new(
        vocabulary: &Vocabulary,
        rng: &mut Lcg,
        id: usize,
        slug: &'static str,
        name: &'static str,
        date: String,
    ) -> Generated {
        let paragraph = |rng: &mut Lcg| {
            let sentences = rng.between(2, 3);
            (0..sentences)
                .map(|_| {
                    let n = rng.between(8, 14);
                    format!("{}.", vocabulary.sentence(rng, n))
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let n = rng.between(5, 6);
        let title = vocabulary.sentence(rng, n);
        let n = rng.between(15, 15);
        let lead = format!("{}.", vocabulary.sentence(rng, n));
        let paragraphs = rng.between(3, 6);
        let body: Vec<String> = (0..paragraphs).map(|_| paragraph(rng)).collect();
        Generated {
            id,
            slug,
            name,
            date,
            title,
            lead,
            body,
        }
    }

    /// Into `out/articles/{category}/{folder}/{id}.txt`, and as Markdown.
    /// `reporter`: which of the 17 generated bylines.
    fn write(
        &self,
        out: &Path,
        markdown: Option<&Path>,
        folder: &str,
        reporter: usize,
    ) -> Result<()> {
        let (id, slug, date, title, lead) =
            (self.id, self.slug, &self.date, &self.title, &self.lead);
        let (name, body) = (self.name, &self.body);
        let dir = out.join("articles").join(slug).join(folder);
        fs::create_dir_all(&dir)?;
        let text = format!(
            "{title}\nPhóng viên {}\n{date}\n{date}\nhttp://duytien.hanamtv.vn/vi/news/{slug}/bai-{id}-{id}.html\n\nĐài Truyền thanh Thị xã Duy Tiên\n\n{lead}\n{}\nTác giả bài viết: Phóng viên\n",
            reporter,
            body.join("\n")
        );
        fs::write(dir.join(format!("{id}.txt")), text)?;
        if let Some(md) = markdown {
            let front = format!(
                "---\ntitle: \"{}\"\ndate: {date}\ncategories: [\"{name}\"]\nsummary: \"{}\"\n---\n\n{}\n",
                title.replace('"', "\\\""),
                lead.replace('"', "\\\""),
                body.join("\n\n")
            );
            fs::write(md.join("content/posts").join(format!("{id}.md")), front)?;
        }
        Ok(())
    }
}
