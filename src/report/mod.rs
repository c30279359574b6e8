//! Reporters: the scan result rendered for people (terminal) and machines (JSON, in `scan`).

pub mod terminal;
