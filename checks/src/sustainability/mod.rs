//! Sustainability: minimise the environmental impact of running cloud workloads.

use crate::check::Check;

pub static CHECKS: &[&Check] = &[];
