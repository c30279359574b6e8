//! Reporters: the scan result rendered for people (terminal, HTML) and machines (JSON, in `scan`).

pub mod html;
pub mod terminal;
