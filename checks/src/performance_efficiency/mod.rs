//! Performance efficiency: use computing resources efficiently as demand changes.

use crate::check::Check;

pub static CHECKS: &[&Check] = &[];
