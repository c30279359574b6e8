//! Cost optimization: deliver business value at the lowest price point.

use crate::check::Check;

pub static CHECKS: &[&Check] = &[];
