//! Progress on stderr while collecting: one spinner line with the scope (account, regions,
//! services), the API calls done so far, the time and the last call. Drawn only when stderr is a
//! terminal; when it is not, the bar is hidden and nothing at all is written.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

const TEMPLATE: &str = "{spinner} {prefix} · {pos} API calls · {elapsed} · {wide_msg}";

/// The progress of one collection; the line is cleared when this is dropped, however collection
/// ended.
#[derive(Debug)]
pub struct CollectionProgress {
    bar: ProgressBar,
}

impl CollectionProgress {
    /// A progress line on stderr if stderr is a terminal, else a hidden one.
    pub fn for_stderr() -> Self {
        Self::new(std::io::stderr().is_terminal())
    }

    pub fn new(visible: bool) -> Self {
        if !visible {
            return CollectionProgress {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(style());
        bar.enable_steady_tick(Duration::from_millis(120));
        CollectionProgress { bar }
    }

    /// The bar the collectors advance (see `Ctx::with_progress`).
    pub fn bar(&self) -> ProgressBar {
        self.bar.clone()
    }

    /// Says what is being collected: `123456789012 · 2 regions · 3 services`.
    pub fn set_scope(&self, account_id: &str, regions: usize, services: usize) {
        self.bar.set_prefix(format!(
            "{account_id} · {regions} region{} · {services} service{}",
            plural(regions),
            plural(services)
        ));
    }
}

impl Drop for CollectionProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn style() -> ProgressStyle {
    ProgressStyle::with_template(TEMPLATE).unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_valid() {
        assert!(ProgressStyle::with_template(TEMPLATE).is_ok());
    }

    #[test]
    fn not_on_a_terminal_nothing_is_drawn() {
        let progress = CollectionProgress::new(false);
        assert!(progress.bar().is_hidden());
        progress.set_scope("123456789012", 1, 3);
        assert_eq!(
            progress.bar().prefix(),
            "123456789012 · 1 region · 3 services"
        );
    }
}
