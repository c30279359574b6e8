//! Reporters: the scan result rendered for people (terminal, HTML) and machines (JSON, CSV, SARIF,
//! OCSF, ASFF: see [`output`]).

pub mod asff;
pub mod csv;
pub mod html;
pub mod json;
pub mod ocsf;
pub mod output;
pub mod sarif;
pub mod terminal;
