//! The components' HTML, rendered natively (`ssr`) and snapshotted: what the
//! browser builds and what the CLI will pre-render are the same markup.
#![cfg(feature = "ssr")]

use bantin_model::{
    Article, ArticleSummary, AuthorRef, CategoryRef, Home, Image, Media, Page, Section, Source,
};
use bantin_views::{ArticleView, HomeView, ListView, Pager};
use chrono::DateTime;
use leptos::prelude::*;

fn summary(id: u32, title: &str, image: bool) -> ArticleSummary {
    ArticleSummary {
        id,
        slug: format!("tin-{id}"),
        path: format!("/a/{id}/tin-{id}/"),
        title: title.into(),
        lead: "Sapo của bài viết, đủ dài để thấy đoạn trích được cắt ở một chữ trọn vẹn chứ không phải giữa chừng một từ nào đó trong câu văn tiếng Việt có dấu.".into(),
        category: CategoryRef { slug: "y-te".into(), name: "Y tế".into() },
        published: DateTime::parse_from_rfc3339("2024-07-05T14:40:29+07:00").expect("date"),
        image: image.then(|| Image { src: format!("/media/{id}-960.jpg"), alt: title.into(), width: Some(1200), height: Some(675), srcset: format!("/media/{id}-240.webp 240w, /media/{id}-480.webp 480w"), color: Some("#6b7a5e".into()), card: None }),
    }
}

fn article() -> Article {
    let s = summary(7, "Tin <b>nóng</b> & \"mới\"", true);
    Article {
        id: s.id,
        slug: s.slug,
        path: s.path,
        title: s.title,
        lead: s.lead,
        category: s.category,
        published: s.published,
        modified: DateTime::parse_from_rfc3339("2024-07-06T08:00:00+07:00").expect("date"),
        byline: "Thu Hà, Văn Nam và Minh Đức".into(),
        authors: [
            ("Thu Hà", "thu-ha"),
            ("Văn Nam", "van-nam"),
            ("Minh Đức", "minh-duc"),
        ]
        .map(|(name, slug)| AuthorRef {
            name: name.into(),
            slug: slug.into(),
            path: format!("/tac-gia/{slug}/"),
        })
        .into(),
        image: s.image,
        body: vec![
            "Đoạn một <script>alert(1)</script>.".into(),
            "Đoạn hai.".into(),
        ],
        credit: Some("Thu Hà".into()),
        audio: None,
        video: None,
        media: String::new(),
        source: Source {
            name: "Đài".into(),
            url: "http://h/vi/news/y-te/tin-7.html".into(),
            logo: None,
        },
        topics: vec![AuthorRef {
            slug: "bong-da".into(),
            name: "Bóng đá <i>U23</i>".into(),
            path: "/chu-de/bong-da/".into(),
        }],
        related: vec![summary(8, "Tin liên quan", false)],
    }
}

#[test]
fn article_view() {
    let html = view! { <ArticleView article=article() url="https://s.vn/a/7/tin-7/".to_owned() tools=() share_extra=() /> }
        .to_html();
    assert!(!html.contains("<script>alert"), "body text stays text");
    assert!(
        html.contains(r#"<a href="/chu-de/bong-da/">Bóng đá &lt;i&gt;U23&lt;/i&gt;</a>"#),
        "{html}"
    );
    assert!(html.contains(
        r#"<time datetime="2024-07-05T14:40:29+07:00">Thứ Sáu, 05/07/2024, 14:40 (GMT+7)</time>"#
    ));
    insta::assert_snapshot!(html);
}

/// The players: a recording with captions and a YouTube facade, in the
/// document's markup (the app leaves them to it).
#[test]
fn article_with_recording_and_video() {
    let audio = Media {
        src: "/media/3f9c2a1e7b0d5c44.mp3".into(),
        mime: "audio/mpeg".into(),
        bytes: 3_870_000,
        duration_ms: 252_000,
        width: None,
        height: None,
        captions: Some("/media/aa11bb22cc33dd44.vtt".into()),
        page: None,
    };
    let video = Media {
        src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1".into(),
        mime: Media::YOUTUBE.into(),
        bytes: 0,
        duration_ms: 0,
        width: None,
        height: None,
        captions: None,
        page: Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><b>".into()),
    };
    let article = Article {
        media: Media::key(Some(&audio), Some(&video)),
        audio: Some(audio),
        video: Some(video),
        ..article()
    };
    let html = view! { <ArticleView article=article url="https://s.vn/a/7/tin-7/".to_owned() tools=() share_extra=() /> }
        .to_html();
    for want in [
        r#"<audio controls preload="none" src="/media/3f9c2a1e7b0d5c44.mp3">"#,
        r#"<track kind="captions" srclang="vi" label="Tiếng Việt" src="/media/aa11bb22cc33dd44.vtt" default="">"#,
        "Nghe bản tin · 4 phút 12 giây",
        "Tải về (MP3, 3,9 MB)",
        r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&quot;&gt;&lt;b&gt;""#,
    ] {
        assert!(html.contains(want), "{want} in {html}");
    }
    assert!(!html.contains("<iframe"), "no player before the click");
    let hero = html.find("<figure data-media=").expect("hero");
    let players = html.find("<div class=\"players\">").expect("players");
    assert!(players > hero, "the players follow the photo in the hero");
    insta::assert_snapshot!(html[hero..]
        .split("<div class=\"article-body\">")
        .next()
        .expect("hero"));
}

#[test]
fn home_view() {
    let home = Home {
        lead: Some(summary(1, "Tin đầu", true)),
        latest: vec![summary(2, "Tin hai", false)],
        sections: vec![Section {
            category: CategoryRef {
                slug: "y-te".into(),
                name: "Y tế".into(),
            },
            items: vec![summary(3, "Tin ba", true)],
        }],
    };
    insta::assert_snapshot!(view! { <HomeView home site_name="Đài".to_owned() /> }.to_html());
}

#[test]
fn category_view_and_pager() {
    let page = Page {
        block: 2,
        older: 1,
        newer: 3,
        total: None,
        category: None,
        author: None,
        topic: None,
        items: vec![summary(4, "Tin bốn", true)],
    };
    insta::assert_snapshot!(view! {
        <ListView page first="/c/y-te/".to_owned() name="Y tế".to_owned() empty="Chưa có bài." />
    }
    .to_html());
    insta::assert_snapshot!(
        view! { <Pager first="/tac-gia/anh-tuyet/".to_owned() block=5 older=4 newer=6 /> }
            .to_html()
    );
}
