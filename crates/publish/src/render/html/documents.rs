//! Render: an HTML document per route (docs/architecture.md, “Routes”),
//! each with its head from the shared head functions (`bantin_model::head`),
//! its page rendered by the app itself, and the page's data.

use anyhow::Result;
use bantin_model::search::SearchIndex;
use std::collections::HashMap;

use bantin_model::{head, paths, Article, ArticleSummary, Page, Site};
use bantin_views::{Frame, WidgetConfigurator};
use leptos::prelude::*;
use rayon::prelude::*;

use crate::markup::valid_comments;
use crate::output::sink::Sink;
use crate::photos::Crop;
use crate::render::catalog::{Catalog, List};
use crate::render::html::prerender::Prerender;
use crate::render::html::structured;
use crate::render::html::template::{Document, Program, Template};
use crate::render::recipe::Recipe;
use crate::render::redirects;
use crate::render::RenderContext;

/// Writes every route's document, the redirects, and the start script.
pub fn write(cx: &RenderContext, template: &Template, sink: &dyn Sink) -> Result<()> {
    let (catalog, site) = (&cx.catalog, &cx.site);
    if let Some((name, code)) = &template.start_script {
        sink.put(name, code.as_bytes())?;
        let (name, code) = &template.media_script;
        sink.put(name, code.as_bytes())?;
    }
    let writer = Writer {
        site,
        crops: &cx.crops,
        template,
        template_identity: template.identity(),
        sink,
        prerender: Prerender::new(site),
    };
    writer.home(catalog)?;
    writer.not_found()?;
    writer.widget()?;
    writer.search(&cx.search)?;
    // The pages of every list, rendered in parallel like the articles:
    // on a large archive they are tens of thousands.
    let lists = (catalog.categories().iter().map(List::Category))
        .chain(catalog.authors().iter().map(List::Author))
        .chain(catalog.topics().iter().map(List::Topic))
        .chain([List::Latest]);
    // Bridged, not collected: all of them at once would hold every
    // summary twenty times over.
    lists
        .flat_map(|list| catalog.pages(list))
        .par_bridge()
        .try_for_each(|page| writer.list_page(&page))?;
    (0..catalog.articles().len())
        .into_par_iter()
        .try_for_each(|index| writer.article(&catalog.full_article(index)))?;
    redirects::write_rules(catalog.articles(), sink)
}

/// Where a document goes: its file, its route, and the API file its page
/// is rendered from.
struct At<'r> {
    file: &'r str,
    route: &'r str,
    api_path: &'r str,
}

struct Writer<'a> {
    site: &'a Site,
    crops: &'a HashMap<String, Vec<Crop>>,
    template: &'a Template,
    /// The template's part of every document's recipe.
    template_identity: Vec<u8>,
    sink: &'a dyn Sink,
    prerender: Prerender,
}

impl Writer<'_> {
    fn put(&self, file: &str, document: &Document) -> Result<()> {
        let html = self.template.render(document, &self.site.name);
        self.sink.put(file, html.as_bytes())
    }

    /// A document of the reader app at `at.route`, rendered from `data`
    /// (the API file `at.api_path`), its head and JSON-LD from `heads`.
    /// Its recipe is everything it is made from, so a document the last
    /// build made from the same is kept, not rendered: the template, the
    /// carried `site.json`, the route and the data, and `more` (an
    /// article's photo crops). The head and JSON-LD are functions of these
    /// (they read the site's carried fields only), so they are made only
    /// for a document that is rendered.
    fn app_page(
        &self,
        at: &At,
        data: &impl serde::Serialize,
        more: &[u8],
        heads: impl FnOnce() -> (head::Head, String),
    ) -> Result<()> {
        let data = serde_json::to_string(data)?;
        let recipe = Recipe::new("app document")
            .add(&self.template_identity)
            .add(self.prerender.site_json().as_bytes())
            .add(at.route.as_bytes())
            .add(at.api_path.as_bytes())
            .add(data.as_bytes())
            .add(more)
            .finish();
        if self.sink.reuse(at.file, recipe) {
            return Ok(());
        }
        let (head, extra_head) = heads();
        let body = self.prerender.page(at.route, at.api_path, data);
        let document = Document {
            head: &head,
            extra_head: &extra_head,
            route: Some(at.route),
            body: &body,
            program: Program::App,
        };
        let html = self.template.render(&document, &self.site.name);
        self.sink.put_made(at.file, recipe, html.as_bytes())
    }

    fn home(&self, catalog: &Catalog) -> Result<()> {
        let at = At {
            file: "index.html",
            route: "/",
            api_path: &paths::home(),
        };
        self.app_page(&at, &catalog.home(), &[], || {
            let json_ld = structured::script(structured::home(self.site));
            (head::home(self.site), json_ld)
        })
    }

    /// A category's, an author's, a topic's or the latest list's page.
    fn list_page(&self, page: &Page<ArticleSummary>) -> Result<()> {
        let latest_name = paths::LATEST_NAME.to_owned();
        let (route, api_path, name, first) = match (&page.category, &page.author, &page.topic) {
            (_, _, Some(t)) => (
                paths::topic_page(&t.slug, page.block),
                paths::topic(&t.slug, page.block),
                &t.name,
                paths::topic_page(&t.slug, 0),
            ),
            (Some(c), _, None) => (
                paths::category_page(&c.slug, page.block),
                paths::category(&c.slug, page.block),
                &c.name,
                paths::category_page(&c.slug, 0),
            ),
            (None, Some(a), None) => (
                paths::author_page(&a.slug, page.block),
                paths::author(&a.slug, page.block),
                &a.name,
                paths::author_page(&a.slug, 0),
            ),
            (None, None, None) => (
                paths::latest_page(page.block),
                paths::latest(page.block),
                &latest_name,
                paths::LATEST_PAGE.to_owned(),
            ),
        };
        let file = format!("{}index.html", route.trim_start_matches('/'));
        let at = At {
            file: &file,
            route: &route,
            api_path: &api_path,
        };
        self.app_page(&at, page, &[], || {
            let steps = [
                (structured::HOME_CRUMB, "/".to_owned()),
                (name.as_str(), first),
            ];
            let json_ld = structured::script(vec![structured::breadcrumb(self.site, &steps)]);
            (head::list(self.site, page), json_ld)
        })
    }

    fn article(&self, article: &Article) -> Result<()> {
        let file = format!("{}index.html", article.path.trim_start_matches('/'));
        let crops = article.image.as_ref().and_then(|i| self.crops.get(&i.src));
        let mut more = Vec::new();
        for crop in crops.into_iter().flatten() {
            more.extend((crop.path.len() as u64).to_le_bytes());
            more.extend(crop.path.as_bytes());
            more.extend(crop.width.to_le_bytes());
            more.extend(crop.height.to_le_bytes());
        }
        let at = At {
            file: &file,
            route: &article.path,
            api_path: &paths::article(article.id),
        };
        self.app_page(&at, article, &more, || {
            let graph = structured::article(self.site, article, crops.map(Vec::as_slice));
            (head::article(self.site, article), structured::script(graph))
        })?;
        redirects::write_article(self.site, article, self.sink)
    }

    /// `404.html`: the not-found page, for any unknown path.
    fn not_found(&self) -> Result<()> {
        let head = head::not_found(self.site);
        let body = self.prerender.not_found();
        self.put(
            "404.html",
            &Document {
                head: &head,
                extra_head: "",
                route: None,
                body: &body,
                program: Program::App,
            },
        )
    }

    /// `/tim-kiem/`: the search page without a query (the app reads `q`).
    /// The search page carries the index's pointer: a query typed on
    /// arrival costs no request for it.
    fn search(&self, search: &SearchIndex) -> Result<()> {
        let head = head::search(self.site);
        let route = paths::search_page();
        let body = self.prerender.page(
            route,
            &paths::search_index(),
            serde_json::to_string(search)?,
        );
        self.put(
            "tim-kiem/index.html",
            &Document {
                head: &head,
                extra_head: "",
                route: Some(route),
                body: &body,
                program: Program::App,
            },
        )
    }

    /// `/widget/`: for partners, not readers. Rendered here with the same
    /// components and run by its own small module, not the reader app.
    fn widget(&self) -> Result<()> {
        let head = head::widget(self.site);
        let site = self.site.clone();
        let body = Owner::new().with(move || {
            let (site_url, categories) = (site.base_url.clone(), site.category_refs());
            view! {
                <Frame site=move || Some(site.clone())>
                    <WidgetConfigurator site_url categories />
                </Frame>
            }
            .to_html()
        });
        self.put(
            "widget/index.html",
            &Document {
                head: &head,
                extra_head: "",
                route: Some("/widget/"),
                body: &valid_comments(&body),
                program: Program::Configurator,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sink::MemorySink;
    use crate::testing::Fixture;

    /// The files every route needs: its document, and the redirects.
    fn routes(catalog: &Catalog) -> Vec<String> {
        let mut want: Vec<String> = ["index.html", "404.html", "widget/index.html"]
            .into_iter()
            .chain(["tim-kiem/index.html", "_redirects"])
            .map(str::to_owned)
            .collect();
        for category in catalog.categories() {
            want.push(format!("c/{}/index.html", category.slug));
        }
        for author in catalog.authors() {
            want.push(format!("tac-gia/{}/index.html", author.slug));
        }
        for topic in catalog.topics() {
            want.push(format!("chu-de/{}/index.html", topic.slug));
        }
        want.push("tin-moi/index.html".to_owned());
        for article in catalog.articles() {
            want.push(format!(
                "{}index.html",
                article.path.trim_start_matches('/')
            ));
            want.push(format!("a/{}/index.html", article.id));
        }
        want
    }

    #[test]
    fn every_route_gets_its_document_with_head_data_and_text_as_text() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        let (site, catalog) = (&cx.site, &cx.catalog);
        let template = Template::parse(include_str!("../../../tests/fixtures/app/index.html"))
            .expect("the fixture app");
        let sink = MemorySink::default();
        write(&cx, &template, &sink).expect("documents");
        let files = sink.files();
        let (start, _) = template.start_script.as_ref().expect("a start script");
        for path in routes(catalog).iter().chain([start]) {
            assert!(files.contains_key(path), "{path} was not written");
        }
        for article in catalog.articles() {
            let html = sink
                .text(&format!(
                    "{}index.html",
                    article.path.trim_start_matches('/')
                ))
                .expect("the article's document");
            let canonical = format!(
                "<link rel=\"canonical\" href=\"{}\"",
                site.absolute(&article.path)
            );
            assert!(html.contains(&canonical), "{}: {html}", article.path);
            assert!(
                html.contains("\"@type\":\"NewsArticle\""),
                "{}",
                article.path
            );
            // The page is rendered from its file; no data rides along.
            assert!(
                html.contains("<h1 id=\"article-title\""),
                "{}",
                article.path
            );
            assert!(!html.contains("application/json"), "{}", article.path);
            assert!(html.contains(&format!(
                "<script type=\"module\" src=\"/{start}\"></script>"
            )));
            // The fixture's first title holds a script tag: text, never markup.
            assert_eq!(html.matches("<script>").count(), 0, "{}", article.path);
        }
        let not_found = sink.text("404.html").expect("404");
        assert!(not_found.contains("Không tìm thấy"), "{not_found}");
    }
}
