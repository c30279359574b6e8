//! Operational excellence: run and monitor systems, and improve processes and procedures.

use crate::check::Check;

pub static CHECKS: &[&Check] = &[];
