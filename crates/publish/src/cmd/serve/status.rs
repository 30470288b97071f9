//! What the last build of the preview left: its number, its problems and
//! the articles it shows that are not published (for their banners); and
//! the open pages waiting to hear of the next build.

use std::sync::mpsc::Sender;
use std::sync::{Mutex, RwLock};

use chrono::{Datelike, Timelike};
use serde_json::{json, Value};

use crate::check::{Held, HeldBack};
use crate::problem::Problem;

/// The preview's state, shared by the builder and the request threads.
#[derive(Default)]
pub struct Shared {
    status: RwLock<Status>,
    listeners: Mutex<Vec<Sender<String>>>,
}

#[derive(Debug, Default, Clone)]
pub struct Status {
    /// Counts every build, good or not.
    pub build: u64,
    /// The last good build, whose site is served (0: none yet).
    pub shown: u64,
    pub ok: bool,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    pub banners: Vec<Banner>,
}

/// A draft's or scheduled article's page, and what its banner says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub path: String,
    pub label: String,
}

impl Banner {
    pub fn of(held: &HeldBack) -> Banner {
        let label = match held.why {
            Held::Draft => "Bản nháp".to_owned(),
            Held::Scheduled => {
                let at = bantin_model::to_vietnam_time(&held.article.published);
                format!(
                    "Hẹn giờ đăng {:02}:{:02} {:02}/{:02}/{}",
                    at.hour(),
                    at.minute(),
                    at.day(),
                    at.month(),
                    at.year()
                )
            }
        };
        Banner {
            path: held.article.path.clone(),
            label,
        }
    }
}

impl Status {
    /// `/_bantin/problems`.
    pub fn to_json(&self) -> Value {
        json!({
            "build": self.build,
            "shown": self.shown,
            "ok": self.ok,
            "errors": self.errors,
            "warnings": self.warnings,
            "banners": self.banners.iter().map(|b| json!({ "path": b.path, "label": b.label })).collect::<Vec<_>>(),
        })
    }

    /// The server-sent event for this build.
    pub fn event(&self) -> String {
        format!(
            "event: build\ndata: {}\n\n",
            json!({ "build": self.build, "shown": self.shown, "ok": self.ok })
        )
    }
}

pub fn lines(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(ToString::to_string).collect()
}

impl Shared {
    /// The build whose site is served: all a file request needs.
    pub fn shown(&self) -> u64 {
        self.status.read().map(|s| s.shown).unwrap_or_default()
    }

    pub fn status(&self) -> Status {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Records a build and tells every open page.
    pub fn update(&self, change: impl FnOnce(&mut Status)) {
        let event = match self.status.write() {
            Ok(mut status) => {
                status.build += 1;
                change(&mut status);
                status.event()
            }
            Err(_) => return,
        };
        if let Ok(mut listeners) = self.listeners.lock() {
            // A page that went away has dropped its receiver.
            listeners.retain(|page| page.send(event.clone()).is_ok());
        }
    }

    pub fn listen(&self, page: Sender<String>) {
        if let Ok(mut listeners) = self.listeners.lock() {
            listeners.push(page);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_say_draft_or_the_time_in_vietnam() {
        // Published 23:00 UTC: 06:00 the next day in Vietnam.
        let article: bantin_model::Article = serde_json::from_value(json!({
            "id": 9, "slug": "tin", "path": "/a/9/tin/", "title": "Tin", "lead": "",
            "category": { "slug": "y-te", "name": "Y tế" },
            "published": "2024-12-11T23:00:00Z", "modified": "2024-12-11T23:00:00Z",
            "byline": "", "authors": [], "image": null, "body": [],
            "source": { "name": "Đài", "url": "", "logo": null }
        }))
        .expect("an article");
        let held = |why| HeldBack {
            path: "x.txt".into(),
            article: article.clone(),
            why,
        };
        assert_eq!(Banner::of(&held(Held::Draft)).label, "Bản nháp");
        assert_eq!(
            Banner::of(&held(Held::Scheduled)),
            Banner {
                path: "/a/9/tin/".to_owned(),
                label: "Hẹn giờ đăng 06:00 12/12/2024".to_owned()
            }
        );
    }

    #[test]
    fn every_open_page_hears_of_a_build_and_closed_ones_are_dropped() {
        let shared = Shared::default();
        let (open, heard) = std::sync::mpsc::channel();
        let (closed, gone) = std::sync::mpsc::channel();
        shared.listen(open);
        shared.listen(closed);
        drop(gone);
        shared.update(|s| {
            s.ok = true;
            s.shown = 1;
        });
        assert_eq!(
            heard.try_recv().expect("told"),
            "event: build\ndata: {\"build\":1,\"ok\":true,\"shown\":1}\n\n"
        );
        assert_eq!(shared.listeners.lock().expect("lock").len(), 1);
    }
}
