//! Well-Architected Tool reviews: evidence-backed answers from a scan, written safely.

pub mod mapping;
pub mod notes;
pub mod plan;
