//! `cargo xtask gen-content --count N --out DIR [--markdown DIR]`: a valid
//! synthetic newsroom of N articles (and the same corpus as Markdown for
//! other generators), deterministic for a given N.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

const CATEGORIES: [(&str, &str); 7] = [
    ("chinh-tri", "Chính trị"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("an-ninh-quoc-phong", "An ninh – Quốc phòng"),
    ("the-thao", "Thể thao"),
];

const WORDS: [&str; 24] = [
    "thị xã",
    "Duy Tiên",
    "nhân dân",
    "phát triển",
    "kinh tế",
    "xã hội",
    "hội nghị",
    "triển khai",
    "nhiệm vụ",
    "năm 2024",
    "cán bộ",
    "đảng viên",
    "phong trào",
    "xây dựng",
    "nông thôn mới",
    "đô thị",
    "giáo dục",
    "y tế",
    "an ninh",
    "trật tự",
    "văn hóa",
    "thể thao",
    "đoàn kết",
    "hiệu quả",
];

/// A small deterministic generator (no dependency for a benchmark corpus).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    /// `base` to `base + spread - 1` words.
    fn words(&mut self, base: usize, spread: usize) -> String {
        let n = base + self.next() % spread;
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

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
    write(count, out, markdown)
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
    let mut rng = Lcg(42);
    for i in 0..count {
        let id = 100_000 + i;
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
        let title = format!("{} {}", rng.words(6, 8), id);
        let lead = format!("{}.", rng.words(25, 20));
        let paragraphs = 3 + rng.next() % 6;
        let body: Vec<String> = (0..paragraphs)
            .map(|_| format!("{}.", rng.words(40, 60)))
            .collect();
        let dir = out
            .join("articles")
            .join(slug)
            .join(format!("{}", i / 1000));
        fs::create_dir_all(&dir)?;
        let text = format!(
            "{title}\nPhóng viên {}\n{date}\n{date}\nhttp://duytien.hanamtv.vn/vi/news/{slug}/bai-{id}-{id}.html\n\nĐài Truyền thanh Thị xã Duy Tiên\n\n{lead}\n{}\nTác giả bài viết: Phóng viên\n",
            i % 17,
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
    }
    println!("wrote {count} articles to {}", out.display());
    Ok(())
}
