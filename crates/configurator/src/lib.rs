//! The partners' configurator at `/widget/` (docs/architecture.md, “Routes”): the build renders
//! the page (`bantin_views::WidgetConfigurator`); this module enables its
//! form and keeps the live preview and the two snippets in step with it.

use bantin_model::widget::Options;

/// What the form holds, as the page's controls give it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub category: String,
    pub limit: String,
    pub theme: String,
    pub layout: String,
    pub show_date: bool,
    pub new_tab: bool,
    pub partner: String,
}

impl Form {
    /// The widget's options for this form: the same rules as the widget's
    /// own attributes, so an invalid value falls back to the default there too.
    pub fn options(&self) -> Options {
        let show_date = if self.show_date { "true" } else { "false" };
        let target = if self.new_tab { "_blank" } else { "_self" };
        Options::parse(|name| match name {
            "category" => Some(self.category.as_str()),
            "limit" => Some(self.limit.as_str()),
            "theme" => Some(self.theme.as_str()),
            "layout" => Some(self.layout.as_str()),
            "show-date" => Some(show_date),
            "partner" => Some(self.partner.as_str()),
            "target" => Some(target),
            _ => None,
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod page;

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_model::widget::{Layout, Theme, DEFAULT_LIMIT};

    fn form() -> Form {
        Form {
            limit: "5".into(),
            theme: "auto".into(),
            layout: "list".into(),
            show_date: true,
            new_tab: true,
            ..Form::default()
        }
    }

    #[test]
    fn form_to_options() {
        let cases = [
            (form(), Options::default()),
            (
                Form {
                    category: "y-te".into(),
                    limit: "2".into(),
                    theme: "dark".into(),
                    layout: "thumbs".into(),
                    show_date: false,
                    new_tab: false,
                    partner: "phuong-dong-van".into(),
                },
                Options {
                    category: Some("y-te".into()),
                    limit: 2,
                    theme: Theme::Dark,
                    layout: Layout::Thumbs,
                    show_date: false,
                    partner: Some("phuong-dong-van".into()),
                    new_tab: false,
                },
            ),
            (
                Form {
                    limit: "99".into(),
                    ..form()
                },
                Options {
                    limit: 20,
                    ..Options::default()
                },
            ),
            (
                Form {
                    limit: "".into(),
                    partner: "<b>x</b>".into(),
                    ..form()
                },
                Options {
                    limit: DEFAULT_LIMIT,
                    ..Options::default()
                },
            ),
        ];
        for (form, want) in cases {
            assert_eq!(form.options(), want, "{form:?}");
        }
    }
}
