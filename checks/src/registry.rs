//! Every check, one explicit list per pillar.

use std::sync::LazyLock;

use crate::check::Check;

static ALL: LazyLock<Vec<&'static Check>> = LazyLock::new(|| {
    [
        crate::operational_excellence::CHECKS,
        crate::security::CHECKS,
        crate::reliability::CHECKS,
        crate::performance_efficiency::CHECKS,
        crate::cost_optimization::CHECKS,
        crate::sustainability::CHECKS,
    ]
    .concat()
});

/// Every check, by pillar in the framework's order, then as each pillar lists them.
pub fn all_checks() -> &'static [&'static Check] {
    &ALL
}

/// The check with this id.
pub fn find_check(id: &str) -> Option<&'static Check> {
    all_checks().iter().copied().find(|check| check.id == id)
}
