//! Real photos through `bantin build` (docs/architecture.md, “Photos”): Debian's
//! `mate-backgrounds` (installed by the test command's set-up), and a
//! reporter's phone photo made from one of them at test time — stored
//! landscape with EXIF `Orientation = 6` and GPS tags.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{bantin, build, fixture_copy, set_line, stderr, stdout, walk};

const MATE: &str = "/usr/share/backgrounds/mate";

fn mate(name: &str) -> PathBuf {
    let path = Path::new(MATE).join(name);
    assert!(
        path.is_file(),
        "{} is missing: install Debian's mate-backgrounds (cargo xtask setup does)",
        path.display()
    );
    path
}

/// A structured-data crop is named by its pixel size: `{key}-1200x675.jpg`.
fn is_crop(name: &str) -> bool {
    name.strip_suffix(".jpg")
        .and_then(|stem| stem.rsplit('-').next())
        .and_then(|size| size.split_once('x'))
        .is_some_and(|(w, h)| w.parse::<u32>().is_ok() && h.parse::<u32>().is_ok())
}

/// What only the phone's metadata holds: it must not reach any file.
const SECRET: &[u8] = b"BANTIN-GPS-21.0285N-105.8542E";

/// A little-endian EXIF segment (APP1): IFD0 with the orientation, a
/// description holding [`SECRET`], and a GPS IFD with a latitude.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let ifd0_entries = 3u16;
    let ifd0_len = 2 + 12 * usize::from(ifd0_entries) + 4;
    let description_at = 8 + ifd0_len;
    let gps_at = description_at + SECRET.len() + 1;
    let entry = |tag: u16, kind: u16, count: u32, value: u32| {
        let mut e = Vec::new();
        e.extend_from_slice(&tag.to_le_bytes());
        e.extend_from_slice(&kind.to_le_bytes());
        e.extend_from_slice(&count.to_le_bytes());
        e.extend_from_slice(&value.to_le_bytes());
        e
    };
    tiff.extend_from_slice(&ifd0_entries.to_le_bytes());
    tiff.extend(entry(
        0x010E,
        2,
        SECRET.len() as u32 + 1,
        description_at as u32,
    ));
    tiff.extend(entry(0x0112, 3, 1, u32::from(orientation)));
    tiff.extend(entry(0x8825, 4, 1, gps_at as u32));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(SECRET);
    tiff.push(0);
    // GPS IFD: latitude ref "N" and latitude 21° 1' 42.6".
    let rationals_at = gps_at + 2 + 12 * 2 + 4;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0")));
    tiff.extend(entry(0x0002, 5, 3, rationals_at as u32));
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (num, den) in [(21u32, 1u32), (1, 1), (426, 10)] {
        tiff.extend_from_slice(&num.to_le_bytes());
        tiff.extend_from_slice(&den.to_le_bytes());
    }
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&(payload.len() as u16 + 2).to_be_bytes());
    segment.extend(payload);
    segment
}

/// `jpeg` with our EXIF segment in place of its own (a camera writes one).
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8], "a JPEG");
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_segment(orientation));
    let mut at = 2;
    // The segments before the image data, without their APP1 (EXIF, XMP).
    while jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA {
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if jpeg[at + 1] != 0xE1 {
            out.extend_from_slice(&jpeg[at..at + 2 + length]);
        }
        at += 2 + length;
    }
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// The small fixture in `dir/content`, with `photo` as article 3's image.
fn content_with(dir: &Path, name: &str, photo: &[u8]) -> PathBuf {
    let content = fixture_copy("small", dir);
    fs::write(content.join("media").join(name), photo).expect("photo");
    set_line(&content, "tin/3.txt", 6, &format!("media/{name}"));
    content
}

/// `bantin build` of `content` into `dir/dist`, its photos cached in
/// `dir/cache`, with `extra` flags: the run, and the output folder.
fn build_in(dir: &Path, content: &Path, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let out_dir = dir.join("dist");
    let cache = dir.join("cache").to_string_lossy().into_owned();
    let mut args = vec!["--cache", cache.as_str()];
    args.extend_from_slice(extra);
    (build(content, &out_dir, &args, dir), out_dir)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).expect("read")).expect("JSON")
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one photo followed through the build: every file it becomes is checked in turn"
)]
fn a_phone_photo_comes_out_upright_small_and_without_metadata() {
    let tmp = tempfile::tempdir().expect("tmp");
    let source = fs::read(mate("nature/Dune.jpg")).expect("photo");
    let (width, height) = {
        let image = image::load_from_memory(&source).expect("decodes");
        (image.width(), image.height())
    };
    assert!(width > height, "the source is stored landscape");
    let phone = with_exif(&source, 6);
    assert!(phone.windows(SECRET.len()).any(|w| w == SECRET));
    let content = content_with(tmp.path(), "phone.jpg", &phone);
    fs::write(content.join("media/unused.jpg"), &source).expect("unused");
    let cache = tmp.path().join("cache");
    let out_dir = tmp.path().join("dist");
    let args = ["--cache", &*cache.to_string_lossy()].map(str::to_owned);
    let extra: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = build(&content, &out_dir, &extra, tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("(3 encoded"), "{}", stdout(&out));
    // Unnamed media are not published, and check says so.
    assert!(
        stderr(&out).contains("unused.jpg: note: no article or setting names this file"),
        "{}",
        stderr(&out)
    );

    let article = json(&out_dir.join("api/v1/articles/3.json"));
    let image = &article["image"];
    // Rotated: portrait, as the reporter held the phone.
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(u64::from(height)), Some(u64::from(width)))
    );
    assert!(image["srcset"]
        .as_str()
        .unwrap_or_default()
        .contains("-240.webp 240w"));
    assert!(image["color"].as_str().unwrap_or_default().starts_with('#'));
    let media: Vec<PathBuf> = walk(&out_dir.join("media"));
    let names: Vec<String> = media
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("unused") || n.contains("phone")),
        "{names:?}"
    );
    let key = image["src"]
        .as_str()
        .unwrap_or_default()
        .trim_start_matches("/media/")
        .split('-')
        .next()
        .unwrap_or_default()
        .to_owned();
    for (path, name) in media.iter().zip(&names) {
        let bytes = fs::read(path).expect("read");
        assert!(
            !bytes.windows(SECRET.len()).any(|w| w == SECRET),
            "{name} keeps the phone's metadata"
        );
        assert!(
            !bytes.windows(6).any(|w| w == b"Exif\0\0"),
            "{name} has an EXIF segment"
        );
        assert!(
            !bytes.windows(4).any(|w| w == b"EXIF" || w == b"XMP "),
            "{name} has a metadata chunk"
        );
        let decoded = image::load_from_memory(&bytes).expect("a published image decodes");
        // The phone photo's variants are upright: taller than wide. Its
        // structured-data crops (`-{w}x{h}.jpg`) have fixed ratios.
        if name.starts_with(&key) && !name.ends_with("-card.jpg") && !is_crop(name) {
            assert!(decoded.height() > decoded.width(), "{name} is not upright");
        }
    }
    // 1050 px wide once upright: 240, 480 and 800 px WebP, and the fallback.
    assert_eq!(
        names
            .iter()
            .filter(|n| n.starts_with(&key) && !is_crop(n))
            .count(),
        4,
        "{names:?}"
    );
    // And the largest 16:9, 4:3 and 1:1 crops of 1050 × 1400, none upscaled.
    let mut crops: Vec<&str> = names
        .iter()
        .filter(|n| n.starts_with(&key) && is_crop(n))
        .map(|n| n.trim_start_matches(&key))
        .collect();
    crops.sort_unstable();
    assert_eq!(
        crops,
        ["-1050x1050.jpg", "-1050x590.jpg", "-1050x787.jpg"],
        "{names:?}"
    );
    // Named after the bytes and settings: 16 hex digits, then the width.
    let src = image["src"].as_str().unwrap_or_default();
    let stem = src.trim_start_matches("/media/");
    assert_eq!(stem.split('-').next().map(str::len), Some(16), "{src}");
    assert!(src.ends_with(&format!("-{}.jpg", height.min(960))), "{src}");

    // A second build with the same cache encodes nothing, and writes the same site.
    let site = common::tree(&out_dir);
    let again = build(&content, &out_dir, &extra, tmp.path());
    assert!(again.status.success());
    assert!(stdout(&again).contains("(0 encoded"), "{}", stdout(&again));
    assert!(common::tree(&out_dir) == site, "the cached build differs");
}

#[test]
fn a_16_megabyte_camera_file_becomes_small_variants() {
    let tmp = tempfile::tempdir().expect("tmp");
    let source = fs::read(mate("abstract/Elephants_5640x3172.jpg")).expect("photo");
    assert!(source.len() > 15_000_000);
    let content = content_with(tmp.path(), "elephants.jpg", &source);
    let (out, out_dir) = build_in(tmp.path(), &content, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let image = json(&out_dir.join("api/v1/articles/3.json"))["image"].clone();
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(5640), Some(3172))
    );
    let sizes: Vec<(String, u64)> = walk(&out_dir.join("media"))
        .iter()
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                fs::metadata(p).expect("meta").len(),
            )
        })
        .collect();
    let size_of = |suffix: &str| {
        sizes
            .iter()
            .find(|(n, _)| n.ends_with(suffix))
            .map(|(_, s)| *s)
            .unwrap_or_else(|| panic!("no {suffix} in {sizes:?}"))
    };
    // What a phone downloads (≈ 720 px at 1.75× for a 412 px screen): 800 w.
    assert!(size_of("-800.webp") < 150_000, "{sizes:?}");
    assert!(size_of("-240.webp") < 20_000, "{sizes:?}");
    assert!(size_of("-1600.webp") < 400_000, "{sizes:?}");
    assert!(size_of("-card.jpg") < 300_000, "{sizes:?}");
    let card = image::load_from_memory(
        &fs::read(
            out_dir.join("media").join(
                sizes
                    .iter()
                    .find(|(n, _)| n.ends_with("-card.jpg"))
                    .map(|(n, _)| n.clone())
                    .expect("card"),
            ),
        )
        .expect("card"),
    )
    .expect("decodes");
    assert_eq!((card.width(), card.height()), (1200, 630));
    let html = fs::read_to_string(out_dir.join("api/v1/articles/3.json")).expect("json");
    assert!(html.contains("-card.jpg"));
}

#[test]
fn bad_photos_are_errors_on_their_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let whole = fs::read(mate("nature/LadyBird.jpg")).expect("photo");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.jpg",
            whole[..whole.len() * 6 / 10].to_vec(),
            "is cut short",
        ),
        ("notes.jpg", b"ghi chu".to_vec(), "is not an image"),
        (
            "anim.gif",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
            "is a GIF image; photos must be JPEG, PNG or WebP",
        ),
    ];
    for (name, bytes, want) in cases {
        let dir = tmp.path().join(name);
        let content = content_with(&dir, name, &bytes);
        let out = bantin(
            &[
                "check",
                "--content",
                &content.to_string_lossy(),
                "--cache",
                &dir.join("cache").to_string_lossy(),
            ],
            &dir,
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        let text = stderr(&out);
        let line = format!("tin/3.txt:6: the image \"media/{name}\" {want}");
        assert!(text.contains(&line), "{line} in:\n{text}");
        // Nothing was published.
        let (out, out_dir) = build_in(&dir, &content, &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(!out_dir.exists());
    }
}

#[test]
fn check_decodes_photos_but_encodes_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let photo = fs::read(mate("nature/LadyBird.jpg")).expect("photo");
    let content = content_with(tmp.path(), "bo-rua.jpg", &photo);
    let cache = tmp.path().join("cache");
    let check = |cache: &Path| {
        bantin(
            &[
                "check",
                "--content",
                &content.to_string_lossy(),
                "--cache",
                &cache.to_string_lossy(),
            ],
            tmp.path(),
        )
    };
    let out = check(&cache);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!cache.exists(), "check wrote the photo cache");
    // A broken photo is still found by decoding it.
    fs::write(content.join("media/bo-rua.jpg"), &photo[..photo.len() / 2]).expect("cut");
    let out = check(&cache);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is cut short"), "{}", stderr(&out));
    assert!(!cache.exists());
    // The build encodes into the cache; check then reads it, still
    // writing nothing.
    fs::write(content.join("media/bo-rua.jpg"), &photo).expect("whole");
    let (out, _) = build_in(tmp.path(), &content, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        let mut files: Vec<_> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let modified = e.metadata().expect("meta").modified().expect("mtime");
                (e.path().display().to_string(), modified)
            })
            .collect();
        files.sort();
        files
    };
    let before = files(&cache);
    assert!(before.len() > 2, "the build filled the cache");
    let out = check(&cache);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(files(&cache), before, "check changed the cache");
}

/// `bantin build --timings`'s own peak memory, in MB.
fn peak_mb(out: &std::process::Output) -> u64 {
    let text = stderr(out);
    text.lines()
        .find_map(|l| l.trim().strip_prefix("peak memory"))
        .and_then(|rest| rest.trim().strip_suffix("MB"))
        .and_then(|mb| mb.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in:\n{text}"))
}

/// A `width`×`height` PNG, almost one colour (small on disk, like a
/// screenshot or an infographic), told apart by `seed`.
fn png(width: u32, height: u32, seed: u8) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([seed, (x / 512) as u8, (y / 512) as u8])
    });
    let mut bytes = Vec::new();
    image
        .write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes))
        .expect("png");
    bytes
}

#[test]
fn a_huge_file_named_jpg_is_refused_unread() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = content_with(tmp.path(), "huge.jpg", b"");
    // 1 GB, sparse: no disk, but read whole it would be 1 GB of memory.
    fs::File::options()
        .write(true)
        .open(content.join("media/huge.jpg"))
        .expect("open")
        .set_len(1 << 30)
        .expect("grow");
    let (out, _) = build_in(tmp.path(), &content, &["--timings"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("tin/3.txt:6: the image \"media/huge.jpg\" is 1073 MB, over the 50 MB a photo file may be"),
        "{text}"
    );
    // Measured: the build never held the file.
    let peak = peak_mb(&out);
    assert!(peak < 200, "peak {peak} MB");
}

#[test]
fn a_long_infographic_is_published_with_the_variants_libwebp_allows() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = content_with(tmp.path(), "infographic.png", &png(1200, 20_000, 7));
    let (out, out_dir) = build_in(tmp.path(), &content, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let article = json(&out_dir.join("api/v1/articles/3.json"));
    let image = &article["image"];
    assert_eq!(
        (image["width"].as_u64(), image["height"].as_u64()),
        (Some(1200), Some(20_000))
    );
    let srcset = image["srcset"].as_str().expect("srcset");
    assert!(srcset.ends_with(" 800w"), "{srcset}");
    for part in srcset.split(", ") {
        let path = part.split(' ').next().expect("path");
        assert!(
            out_dir.join(path.trim_start_matches('/')).is_file(),
            "{path}"
        );
    }
    // Too long even at the narrowest width: a sentence that says what to do.
    let dir = tmp.path().join("too-long");
    let content = content_with(&dir, "strip.png", &png(100, 20_000, 8));
    let (out, _) = build_in(&dir, &content, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("is 100×20000 pixels: too long to publish"),
        "{text}"
    );
    assert!(text.contains("cut it into several images"), "{text}");
}

#[test]
fn large_photos_wait_for_each_other_so_memory_has_a_ceiling() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // Four 30-megapixel photos, one article each, on four threads: at
    // most 50 megapixels are decoded at once, so one photo at a time.
    let first = fs::read_to_string(content.join("tin/1.txt")).expect("article");
    for n in 1..=4u8 {
        fs::write(
            content.join(format!("media/big-{n}.png")),
            png(6000, 5000, n),
        )
        .expect("png");
        let text: Vec<String> = first
            .lines()
            .enumerate()
            .map(|(i, line)| match i + 1 {
                5 => format!(
                    "http://duytien.hanamtv.vn/vi/news/chinh-tri/tin-lon-{}.html",
                    100 + u32::from(n)
                ),
                6 => format!("media/big-{n}.png"),
                _ => line.to_owned(),
            })
            .collect();
        fs::write(content.join(format!("tin/big-{n}.txt")), text.join("\n")).expect("article");
    }
    let cache = tmp.path().join("cache");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--timings", "--content"])
        .arg(&content)
        .arg("--out")
        .arg(tmp.path().join("dist"))
        .arg("--cache")
        .arg(&cache)
        .env("RAYON_NUM_THREADS", "4")
        .output()
        .expect("run bantin");
    assert!(out.status.success(), "{}", stderr(&out));
    let peak = peak_mb(&out);
    eprintln!("four 30-megapixel photos on four threads: peak {peak} MB");
    assert!(peak < PHOTO_CEILING_MB, "peak {peak} MB");
}

/// What the build may hold while photos are encoded (docs/photos.md).
const PHOTO_CEILING_MB: u64 = 700;
