//! Reporters: the scan result rendered for people (terminal) and machines (JSON, CSV, SARIF,
//! OCSF, ASFF: see [`output`]).

pub mod asff;
pub mod csv;
pub mod json;
pub mod ocsf;
pub mod output;
pub mod sarif;
pub mod terminal;
