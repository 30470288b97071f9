//! An article's recording and video (docs/architecture.md, “Recordings”):
//! native players, pre-rendered, that fetch nothing until the reader
//! presses play (`preload="none"`), keep their box before and after
//! (no layout shift), and work without JavaScript. A YouTube video is a
//! facade, a link to its page with the article's photo: the page's start
//! script (`js/start.js`) puts the player in its place on a click, so no
//! request reaches another host before then.
//!
//! The players are in the documents only, after the hero's photo: the app
//! renders the hero with the photo alone and the players' files in
//! `data-media`; hydration leaves what follows the photo as the document
//! has it, and after a client navigation the start script puts the
//! players in from the article's document. Rendering them in the app
//! cost more than its size budget had (docs/size-analysis.md).

use bantin_model::Media;
use leptos::either::Either;
use leptos::prelude::*;

/// "4 phút 12 giây", as the duration is read out in Vietnamese.
pub fn spoken_duration(ms: u64) -> String {
    let s = (ms + 500) / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    let parts = [(h, "giờ"), (m, "phút"), (s, "giây")];
    let shown: Vec<String> = parts
        .iter()
        .skip_while(|(n, _)| *n == 0)
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if shown.is_empty() {
        "0 giây".into()
    } else {
        shown.join(" ")
    }
}

/// "MP3, 3,9 MB": the download link's format and size, with the
/// Vietnamese decimal comma.
pub fn download_label(mime: &str, bytes: u64) -> String {
    let format = match mime {
        "audio/mpeg" => "MP3",
        "audio/mp4" => "M4A",
        "audio/ogg" => "Opus",
        "video/mp4" => "MP4",
        "video/webm" => "WebM",
        _ => "tệp",
    };
    let tenths = (bytes + 50_000) / 100_000;
    match tenths % 10 {
        0 => format!("{format}, {} MB", tenths / 10),
        d => format!("{format}, {},{d} MB", tenths / 10),
    }
}

/// The players, after the hero's photo: in documents only (see the
/// module's documentation). First the placeholder that the app's `()`
/// hydrates (it must find one there), then the players, which hydration
/// leaves as they are: nothing the app renders follows them in the hero.
#[cfg(feature = "ssr")]
pub fn players(audio: Option<Media>, video: Option<Media>) -> impl IntoView {
    let shown = (audio.is_some() || video.is_some()).then(|| {
        view! {
            <div class="players">
                {video.map(|video| view! { <VideoPlayer video=video /> })}
                <AudioPlayer audio=audio />
            </div>
        }
    });
    ((), shown)
}

#[cfg(not(feature = "ssr"))]
pub fn players(_: Option<Media>, _: Option<Media>) {}

/// The recording: "Nghe bản tin · 4 phút 12 giây", the player, a download.
#[component]
pub fn AudioPlayer(audio: Option<Media>) -> impl IntoView {
    audio.map(|a| {
        let label = download_label(&a.mime, a.bytes);
        view! {
            <figure class="article-media audio">
                <figcaption>{format!("Nghe bản tin · {}", spoken_duration(a.duration_ms))}</figcaption>
                <audio controls preload="none" src=a.src.clone()>
                    <Captions src=a.captions />
                </audio>
                <a class="download" href=a.src download="">{format!("Tải về ({label})")}</a>
            </figure>
        }
    })
}

#[component]
fn Captions(src: Option<String>) -> impl IntoView {
    src.map(|src| view! { <track kind="captions" srclang="vi" label="Tiếng Việt" src=src default="" /> })
}

/// The video over the hero's photo: the file's player, or YouTube's
/// facade. The photo beneath is its poster, with no second download; a
/// player without one shows the hero's placeholder, in the video's shape.
#[component]
pub fn VideoPlayer(video: Media) -> impl IntoView {
    let (w, h) = (video.width.unwrap_or(16), video.height.unwrap_or(9));
    let ratio = format!("aspect-ratio:{w}/{h}");
    if video.is_youtube() {
        let page = video.page.unwrap_or_default();
        return Either::Left(view! {
            <figure class="article-media video">
                <a class="facade" href=page data-youtube=video.src style=ratio aria-label="Xem video">
                    <span class="play" aria-hidden="true">"▶"</span>
                </a>
                <figcaption>"Video trên YouTube"</figcaption>
            </figure>
        });
    }
    let label = download_label(&video.mime, video.bytes);
    Either::Right(view! {
        <figure class="article-media video">
            <video controls preload="none" playsinline src=video.src.clone() width=w height=h style=ratio>
                <Captions src=video.captions />
            </video>
            <figcaption>
                {format!("Xem video · {} · ", spoken_duration(video.duration_ms))}
                <a class="download" href=video.src download="">{format!("Tải về ({label})")}</a>
            </figcaption>
        </figure>
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_spoken() {
        // (milliseconds, text)
        let cases = [
            (252_000, "4 phút 12 giây"),
            (251_600, "4 phút 12 giây"),
            (45_000, "45 giây"),
            (180_000, "3 phút"),
            (3_900_000, "1 giờ 5 phút"),
            (3_600_400, "1 giờ"),
            (200, "0 giây"),
        ];
        for (ms, text) in cases {
            assert_eq!(spoken_duration(ms), text, "{ms}");
        }
    }

    #[test]
    fn downloads_say_format_and_size() {
        // (type, bytes, label)
        let cases = [
            ("audio/mpeg", 3_870_000, "MP3, 3,9 MB"),
            ("audio/mp4", 2_000_000, "M4A, 2 MB"),
            ("audio/ogg", 450_000, "Opus, 0,5 MB"),
            ("video/mp4", 104_960_000, "MP4, 105 MB"),
            ("video/webm", 12_340_000, "WebM, 12,3 MB"),
            ("application/x", 1_000_000, "tệp, 1 MB"),
        ];
        for (mime, bytes, label) in cases {
            assert_eq!(download_label(mime, bytes), label, "{mime}");
        }
    }
}
