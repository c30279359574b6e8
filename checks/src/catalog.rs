//! The Well-Architected Framework as the Well-Architected Tool names it: pillars, questions and best
//! practices (choices) of lens `wellarchitected`, from `data/wa-catalog.tsv` (lens 2024-06-27).
//!
//! Map to the Tool by `choice_id`, never by position: the Tool lists choices in a different order
//! from the best-practice numbers in many questions.

use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// The version of the `wellarchitected` lens the catalog follows (its best practices and WA Tool ids).
pub const LENS_VERSION: &str = "2024-06-27";

/// The six pillars, in the framework's order.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Pillar {
    OperationalExcellence,
    Security,
    Reliability,
    PerformanceEfficiency,
    CostOptimization,
    Sustainability,
}

impl Pillar {
    pub const ALL: [Pillar; 6] = [
        Pillar::OperationalExcellence,
        Pillar::Security,
        Pillar::Reliability,
        Pillar::PerformanceEfficiency,
        Pillar::CostOptimization,
        Pillar::Sustainability,
    ];

    /// The snake_case name used in wascan's JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "operational_excellence",
            Pillar::Security => "security",
            Pillar::Reliability => "reliability",
            Pillar::PerformanceEfficiency => "performance_efficiency",
            Pillar::CostOptimization => "cost_optimization",
            Pillar::Sustainability => "sustainability",
        }
    }

    /// The Well-Architected Tool's `PillarId`.
    pub fn wa_tool_id(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "operationalExcellence",
            Pillar::Security => "security",
            Pillar::Reliability => "reliability",
            Pillar::PerformanceEfficiency => "performance",
            Pillar::CostOptimization => "costOptimization",
            Pillar::Sustainability => "sustainability",
        }
    }

    /// The prefix of the pillar's question codes: OPS, SEC, REL, PERF, COST, SUS.
    pub fn code(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "OPS",
            Pillar::Security => "SEC",
            Pillar::Reliability => "REL",
            Pillar::PerformanceEfficiency => "PERF",
            Pillar::CostOptimization => "COST",
            Pillar::Sustainability => "SUS",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pillar::OperationalExcellence => "Operational excellence",
            Pillar::Security => "Security",
            Pillar::Reliability => "Reliability",
            Pillar::PerformanceEfficiency => "Performance efficiency",
            Pillar::CostOptimization => "Cost optimization",
            Pillar::Sustainability => "Sustainability",
        }
    }

    fn from_wa_tool_id(id: &str) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| p.wa_tool_id() == id)
    }
}

impl fmt::Display for Pillar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Pillar {
    type Err = String;

    /// Accepts the snake_case name, the WA Tool id or the code (`security`, `performance`, `sec`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().replace('-', "_");
        Pillar::ALL
            .into_iter()
            .find(|p| {
                [p.as_str(), p.wa_tool_id(), p.code()]
                    .iter()
                    .any(|name| name.eq_ignore_ascii_case(&wanted))
            })
            .ok_or_else(|| {
                format!(
                    "unknown pillar `{s}` (known: {})",
                    Pillar::ALL.map(Pillar::as_str).join(", ")
                )
            })
    }
}

/// The level of risk the framework says a workload is exposed to when the practice is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

/// One best practice: a choice of a question in the Well-Architected Tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BestPractice {
    pub pillar: Pillar,
    /// The WA Tool `QuestionId`, e.g. `protect-data-rest`.
    pub question_id: String,
    /// `SEC08`.
    pub question_code: String,
    pub question_title: String,
    /// The WA Tool `ChoiceId`, e.g. `sec_protect_data_rest_encrypt`.
    pub choice_id: String,
    /// `SEC08-BP02`.
    pub code: String,
    pub title: String,
    pub risk: Risk,
    /// The choice was retired from the framework docs after lens 2024-06-27.
    pub retired: bool,
}

static CATALOG_TSV: &str = include_str!("../data/wa-catalog.tsv");

static CATALOG: LazyLock<Vec<BestPractice>> = LazyLock::new(|| {
    parse(CATALOG_TSV).unwrap_or_else(|err| panic!("embedded wa-catalog.tsv is invalid: {err}"))
});

/// Every best practice of the lens, in the file's order (pillar, question, WA Tool choice order).
pub fn best_practices() -> &'static [BestPractice] {
    &CATALOG
}

/// The current (not retired) best practice with this code, e.g. `SEC08-BP02`.
pub fn best_practice(code: &str) -> Option<&'static BestPractice> {
    CATALOG.iter().find(|bp| bp.code == code && !bp.retired)
}

#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CatalogError {
    line: usize,
    message: String,
}

fn parse(tsv: &str) -> Result<Vec<BestPractice>, CatalogError> {
    tsv.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            let error = |message: String| CatalogError { line: index + 1, message };
            let cols: Vec<&str> = line.split('\t').collect();
            let [pillar, question_id, question_code, question_title, choice_id, code, title, risk, source] =
                cols[..]
            else {
                return Err(error(format!("expected 9 columns, found {}", cols.len())));
            };
            Ok(BestPractice {
                pillar: Pillar::from_wa_tool_id(pillar)
                    .ok_or_else(|| error(format!("unknown pillar id `{pillar}`")))?,
                question_id: question_id.into(),
                question_code: question_code.into(),
                question_title: question_title.into(),
                choice_id: choice_id.into(),
                code: code.into(),
                title: title.into(),
                risk: match risk {
                    "HIGH" => Risk::High,
                    "MEDIUM" => Risk::Medium,
                    "LOW" => Risk::Low,
                    other => return Err(error(format!("unknown risk `{other}`"))),
                },
                retired: source.contains("retired"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_practice_of_the_lens() {
        assert_eq!(best_practices().len(), 309);
        let questions: std::collections::BTreeSet<_> =
            best_practices().iter().map(|bp| &bp.question_id).collect();
        assert_eq!(questions.len(), 57);
    }

    #[test]
    fn looks_up_by_code() {
        let bp = best_practice("SEC08-BP02").expect("SEC08-BP02 is in the catalog");
        assert_eq!(bp.choice_id, "sec_protect_data_rest_encrypt");
        assert_eq!(bp.question_id, "protect-data-rest");
        assert_eq!(bp.risk, Risk::High);
        assert!(best_practice("SEC99-BP01").is_none());
    }

    #[test]
    fn pillars_parse_from_every_spelling() {
        for spelling in ["security", "SEC", "sec"] {
            assert_eq!(spelling.parse::<Pillar>(), Ok(Pillar::Security));
        }
        assert_eq!(
            "performance".parse::<Pillar>(),
            Ok(Pillar::PerformanceEfficiency)
        );
        assert_eq!(
            "cost-optimization".parse::<Pillar>(),
            Ok(Pillar::CostOptimization)
        );
        assert!("speed".parse::<Pillar>().is_err());
    }
}
