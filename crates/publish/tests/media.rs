//! Recordings and videos through `bantin check` and `build`
//! (docs/architecture.md, “Recordings”): every test file is made here with
//! Debian's `ffmpeg` and `lame` (installed by the test command's set-up),
//! never downloaded, and measured against `ffprobe`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{bantin, build, fixture_copy, ok, stderr, stdout, walk};

fn run(program: &str, args: &[&str], cwd: &Path) {
    let out = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}: install it (cargo xtask setup does)"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The test recordings and videos: 4.2 s of tone as WAV, MP3 (lame), M4A
/// and Opus; 3.5 s of test picture as MP4 (H.264 + AAC) and WebM (VP9 +
/// Opus). (program, arguments)
const MAKE: [(&str, &str); 7] = [
    ("ffmpeg", "-f lavfi -i color=c=0x1f6f8b:s=1400x1400 -frames:v 1 cover.png"),
    ("ffmpeg", "-f lavfi -i sine=frequency=440:duration=4.2 -ac 1 -ar 44100 tone.wav"),
    ("lame", "--quiet -b 64 tone.wav tone.mp3"),
    ("ffmpeg", "-i tone.wav -c:a aac -b:a 48k tone.m4a"),
    ("ffmpeg", "-i tone.wav -c:a libopus -b:a 24k tone.opus"),
    (
        "ffmpeg",
        "-f lavfi -i testsrc=size=320x180:rate=25:duration=3.5 -f lavfi -i sine=duration=3.5 \
         -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest -movflags +faststart report.mp4",
    ),
    (
        "ffmpeg",
        "-f lavfi -i testsrc=size=320x180:rate=25:duration=3.5 -f lavfi -i sine=duration=3.5 \
         -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 200k -c:a libopus -shortest clip.webm",
    ),
];

/// Makes the test media in `dir`.
fn make_media(dir: &Path) {
    fs::create_dir_all(dir).expect("mkdir");
    for (program, args) in MAKE {
        let mut all: Vec<&str> = if program == "ffmpeg" {
            vec!["-hide_banner", "-loglevel", "error", "-y"]
        } else {
            vec![]
        };
        all.extend(args.split_whitespace());
        run(program, &all, dir);
    }
}

/// The duration `ffprobe` reports, in milliseconds.
fn ffprobe_ms(file: &Path) -> u64 {
    let out = Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_entries",
            "format=duration",
            "-of",
            "csv=p=0",
        ])
        .arg(file)
        .output()
        .expect("ffprobe: install ffmpeg (cargo xtask setup does)");
    let seconds: f64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a duration");
    (seconds * 1000.0).round() as u64
}

const CAPTIONS: &str = "WEBVTT\n\n00:00.000 --> 00:01.500\nXin chào quý vị\n\n00:01.500 --> 00:03.400\nBản tin thời sự\n";

/// The `small` fixture with the test media in `media/`, and `lines`
/// added to article `tin/{n}.txt` under its `---`.
fn content_with(dir: &Path, fields: &[(u32, &str)]) -> PathBuf {
    let content = fixture_copy("small", dir);
    make_media(&content.join("media"));
    for (n, field) in fields {
        let path = content.join(format!("tin/{n}.txt"));
        let mut text = fs::read_to_string(&path).expect("read");
        if !text.contains("\n---") {
            text.push_str("\n---");
        }
        text.push('\n');
        text.push_str(field);
        fs::write(&path, text).expect("write");
    }
    content
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).expect("read")).expect("JSON")
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "five files followed through two builds: every fact of each is checked"
)]
fn every_format_is_measured_as_ffprobe_measures_it_and_published_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = content_with(
        tmp.path(),
        &[
            (1, "Âm thanh: media/tone.mp3"),
            (1, "Video: media/report.mp4"),
            (2, "Âm thanh: media/tone.m4a"),
            (2, "Video: media/clip.webm"),
            (3, "Âm thanh: media/tone.opus"),
        ],
    );
    fs::write(content.join("media/report.vtt"), CAPTIONS).expect("captions");
    fs::write(content.join("media/tone.vtt"), CAPTIONS).expect("captions");
    let site = fs::read_to_string(content.join("site.toml")).expect("site");
    let podcast = "\n[podcast]\ncover = \"media/cover.png\"\nowner = \"Đài <Thử> & nghiệm\"\nemail = \"dai@thu.example.vn\"\ncategory = \"News\"\n";
    fs::write(content.join("site.toml"), site + podcast).expect("podcast");
    let out_dir = tmp.path().join("dist");
    let cache = tmp.path().join("cache").to_string_lossy().into_owned();
    let first = build(&content, &out_dir, &["--cache", &cache], tmp.path());
    ok(&first);
    // Every file is named: the WAV alone is left out (the cover by site.toml).
    let said = stderr(&first);
    let unnamed: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("no article or setting names this file"))
        .collect();
    assert!(
        unnamed.len() == 1 && unnamed[0].contains("tone.wav"),
        "{unnamed:#?}"
    );
    // (article, field, file, MIME type)
    let cases = [
        (1, "audio", "tone.mp3", "audio/mpeg"),
        (1, "video", "report.mp4", "video/mp4"),
        (2, "audio", "tone.m4a", "audio/mp4"),
        (2, "video", "clip.webm", "video/webm"),
        (3, "audio", "tone.opus", "audio/ogg"),
    ];
    for (id, field, file, mime) in cases {
        let media = json(&out_dir.join(format!("api/v1/articles/{id}.json")))[field].clone();
        let source = content.join("media").join(file);
        assert_eq!(media["type"], mime, "{file}");
        let published = out_dir.join(media["src"].as_str().expect("src").trim_start_matches('/'));
        assert_eq!(
            fs::read(&published).expect("published"),
            fs::read(&source).expect("source"),
            "{file}: published unchanged"
        );
        assert_eq!(
            media["bytes"].as_u64(),
            Some(fs::metadata(&source).expect("size").len())
        );
        let (ours, theirs) = (
            media["duration_ms"].as_u64().expect("duration"),
            ffprobe_ms(&source),
        );
        assert!(
            ours.abs_diff(theirs) <= 100,
            "{file}: {ours} ms, ffprobe {theirs} ms"
        );
        if field == "video" {
            assert_eq!(
                (media["width"].as_u64(), media["height"].as_u64()),
                (Some(320), Some(180)),
                "{file}"
            );
        }
    }
    // Captions beside the MP4 are published and named; none beside the WebM.
    let article = json(&out_dir.join("api/v1/articles/1.json"));
    let vtt = article["video"]["captions"].as_str().expect("captions");
    assert_eq!(
        fs::read_to_string(out_dir.join(vtt.trim_start_matches('/'))).expect("vtt"),
        CAPTIONS
    );
    assert!(json(&out_dir.join("api/v1/articles/2.json"))["video"]["captions"].is_null());
    // The WAV no line names is not published, and check says so.
    assert!(
        stderr(&first).contains("tone.wav: note: no article or setting names this file"),
        "{}",
        stderr(&first)
    );
    podcast_is_read_by_a_feed_parser(&out_dir, &content);
    // Rebuilt with nothing changed: nothing is read again.
    let again = build(&content, &out_dir, &["--cache", &cache], tmp.path());
    assert!(stdout(&again).contains("(0 encoded"), "{}", stdout(&again));
    let names: Vec<String> = walk(&out_dir.join("media"))
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".png") && !n.ends_with(".webp") && !n.ends_with(".jpg"))
        .collect();
    assert_eq!(
        names.len(),
        6,
        "five files and one captions file: {names:?}"
    );
}

/// The feed as Python's feedparser reads it, as JSON.
const FEED_SCRIPT: &str = r#"
import json, sys, feedparser
feed = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(feed.bozo),
    "owner": feed.feed.get("author_detail", {}).get("name"),
    "image": feed.feed.get("image", {}).get("href"),
    "episodes": [
        {"title": e.title, "id": e.id, "duration": e.itunes_duration,
         "enclosures": [[l.href, int(l.length), l.type] for l in e.enclosures]}
        for e in feed.entries
    ],
}))
"#;

/// Python's feedparser (Debian's `python3-feedparser`) on `podcast.xml`:
/// well formed, the channel's owner and cover, every episode with an
/// enclosure as long as its file and a transcript where captions are.
fn podcast_is_read_by_a_feed_parser(out_dir: &Path, content: &Path) {
    let out = Command::new("/usr/bin/python3")
        .args(["-c", FEED_SCRIPT])
        .arg(out_dir.join("podcast.xml"))
        .output()
        .expect("python3: install python3-feedparser (cargo xtask setup does)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let feed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["owner"], "Đài <Thử> & nghiệm");
    assert!(
        feed["image"]
            .as_str()
            .is_some_and(|h| h.ends_with("-cover.png")),
        "{feed}"
    );
    let episodes = feed["episodes"].as_array().expect("episodes");
    let mut ids: Vec<u64> = Vec::new();
    for episode in episodes {
        let id: u64 = episode["id"]
            .as_str()
            .expect("id")
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("/a/{id}/");
        ids.push(id);
        let enclosure = &episode["enclosures"][0];
        let article = json(&out_dir.join(format!("api/v1/articles/{id}.json")));
        let name = article["audio"]["src"]
            .as_str()
            .expect("src")
            .trim_start_matches('/');
        assert!(
            enclosure[0].as_str().expect("url").ends_with(name),
            "{episode}"
        );
        assert_eq!(
            enclosure[1].as_u64(),
            Some(fs::metadata(out_dir.join(name)).expect("file").len())
        );
        assert_eq!(enclosure[2], article["audio"]["type"]);
    }
    ids.sort_unstable();
    assert_eq!(
        ids,
        [1, 2, 3],
        "every article with a recording is an episode"
    );
    let xml = fs::read_to_string(out_dir.join("podcast.xml")).expect("podcast");
    // tone.vtt is beside each of the three tone recordings.
    assert_eq!(xml.matches("<podcast:transcript").count(), 3);
    assert!(content.join("media/cover.png").is_file());
}

/// `bantin check`'s problems, for content whose `tin/3.txt` has `field`.
fn check_with(dir: &Path, files: &[(&str, &[u8])], field: &str) -> String {
    let content = fixture_copy("small", dir);
    for (name, bytes) in files {
        fs::write(content.join("media").join(name), bytes).expect("write");
    }
    let path = content.join("tin/3.txt");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, format!("{text}\n{field}")).expect("write");
    let out = bantin(&["check", "--content", &content.to_string_lossy()], dir);
    assert!(!out.status.success(), "{field}: check passed");
    stderr(&out)
}

/// Files to write, the field naming one, and words of the problem.
type Case<'a> = (Vec<(&'a str, Vec<u8>)>, &'a str, &'a str);

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one table of bad files, each with its message"
)]
fn each_bad_file_is_refused_at_its_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let made = tmp.path().join("made");
    make_media(&made);
    let read = |name: &str| fs::read(made.join(name)).expect("made");
    let mp3 = read("tone.mp3");
    let cut = mp3[..mp3.len() * 6 / 10].to_vec();
    let mp4 = read("report.mp4");
    let cut_mp4 = mp4[..mp4.len() / 2].to_vec();
    let wav = read("tone.wav");
    // The fixture's tin/3.txt ends with a line break after line 11, so the field is line 13.
    // (files, field, words of the message)
    let cases: [Case; 10] = [
        (
            vec![("x.mp3", b"Bien ban hop giao ban\n".repeat(40))],
            "Âm thanh: media/x.mp3",
            "tin/3.txt:13: the recording \"media/x.mp3\" is not a recording or a video",
        ),
        (
            vec![("x.mp3", cut)],
            "Âm thanh: media/x.mp3",
            "tin/3.txt:13: the recording \"media/x.mp3\" is cut short",
        ),
        (
            vec![("x.mp4", cut_mp4)],
            "Video: media/x.mp4",
            "tin/3.txt:13: the video \"media/x.mp4\" is cut short",
        ),
        (
            vec![("x.wav", wav)],
            "Âm thanh: media/x.wav",
            "is WAV, which is not published",
        ),
        (
            vec![("x.mp4", mp4.clone())],
            "Âm thanh: media/x.mp4",
            "is a video (MP4); an `Âm thanh:` line names a recording",
        ),
        (
            vec![("x.mp3", mp3.clone())],
            "Video: media/x.mp3",
            "is a recording (MP3); a `Video:` line names a video",
        ),
        (
            vec![
                ("x.mp4", mp4.clone()),
                (
                    "x.vtt",
                    b"WEBVTT\n\n00:01.000 --> 00:02.000\nXin ch\xe0o\n".to_vec(),
                ),
            ],
            "Video: media/x.mp4",
            "media/x.vtt:4: the captions are not UTF-8 text",
        ),
        (
            vec![
                ("x.mp4", mp4),
                ("x.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n".to_vec()),
            ],
            "Video: media/x.mp4",
            "media/x.vtt:1: the captions do not start with `WEBVTT`",
        ),
        (
            vec![],
            "Video: https://www.youtube.com/playlist?list=PL123",
            "tin/3.txt:13: the video \"https://www.youtube.com/playlist?list=PL123\" is a playlist",
        ),
        (
            vec![],
            "Video: https://vimeo.com/12345",
            "tin/3.txt:13: the video \"https://vimeo.com/12345\" is neither a file nor on YouTube",
        ),
    ];
    for (i, (files, field, words)) in cases.into_iter().enumerate() {
        let dir = tmp.path().join(format!("case-{i}"));
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let problems = check_with(&dir, &files, field);
        assert!(
            problems.contains(words),
            "{field}: want {words:?} in\n{problems}"
        );
    }
}

#[test]
fn a_file_over_the_cap_is_refused_unread() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("case");
    let content = fixture_copy("small", &dir);
    // Sparse: over the cap on paper, no disk taken.
    let file = fs::File::create(content.join("media/long.mp3")).expect("create");
    file.set_len(100_000_001).expect("sparse");
    let path = content.join("tin/3.txt");
    let text = fs::read_to_string(&path).expect("read");
    fs::write(&path, format!("{text}\nÂm thanh: media/long.mp3")).expect("write");
    let out = bantin(&["check", "--content", &content.to_string_lossy()], &dir);
    assert!(
        stderr(&out).contains("tin/3.txt:13: the recording \"media/long.mp3\" is 101 MB, over the 100 MB a recording file may be"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_takes_a_recording_from_elsewhere_with_its_captions_and_refuses_a_bad_one() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // The editor's desktop, outside the newsroom.
    let desktop = tmp.path().join("desktop");
    make_media(&desktop);
    fs::write(desktop.join("tone.vtt"), CAPTIONS).expect("captions");
    fs::write(desktop.join("notes.mp3"), "not a recording").expect("text");
    let dir = content.to_string_lossy().into_owned();
    let new = |extra: &[&str]| {
        let mut args = vec!["new", "--content", &dir, "--category", "y-te"];
        args.extend(extra);
        args.push("Bản tin tối");
        bantin(&args, Path::new("."))
    };
    let audio = desktop.join("tone.mp3").to_string_lossy().into_owned();
    let path = PathBuf::from(
        ok(&new(&[
            "--audio",
            &audio,
            "--video",
            "https://youtu.be/dQw4w9WgXcQ?t=30",
        ]))
        .trim(),
    );
    let text = fs::read_to_string(&path).expect("draft");
    assert!(
        text.ends_with(
            "\n---\nÂm thanh: media/tone.mp3\nVideo: https://youtu.be/dQw4w9WgXcQ?t=30\n"
        ),
        "{text}"
    );
    for file in ["tone.mp3", "tone.vtt"] {
        assert_eq!(
            fs::read(content.join("media").join(file)).expect("copied"),
            fs::read(desktop.join(file)).expect("original"),
            "{file}"
        );
    }
    // A file already in the newsroom is named where it is, not copied.
    fs::copy(desktop.join("report.mp4"), content.join("media/report.mp4")).expect("copy");
    let second = PathBuf::from(ok(&new(&["--video", "media/report.mp4"])).trim());
    let text = fs::read_to_string(second).expect("draft");
    assert!(text.ends_with("\n---\nVideo: media/report.mp4\n"), "{text}");
    // Refused, before any draft is written: (arguments, what stderr says)
    let notes = desktop.join("notes.mp3").to_string_lossy().into_owned();
    let wav = desktop.join("tone.wav").to_string_lossy().into_owned();
    let cases: [(&[&str], &str); 4] = [
        (&["--audio", &notes], "is not a recording or a video"),
        (&["--audio", &wav], "is WAV, which is not published"),
        (&["--video", &audio], "is a recording (MP3)"),
        (
            &["--video", "https://www.youtube.com/playlist?list=PL1"],
            "--video: ",
        ),
    ];
    let drafts = || walk(&content.join("drafts")).len();
    let before = drafts();
    for (args, want) in cases {
        let out = new(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(drafts(), before, "no draft for a refused file");
}
