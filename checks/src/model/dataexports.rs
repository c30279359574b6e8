//! Billing and Cost Management Data Exports, account-wide (global, us-east-1): `ListExports`
//! (paginated), then `GetExport` for each export to learn which table it exports.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Fetched, Service};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DataExports {
    pub exports: Fetched<Vec<DataExport>>,
}

impl Default for DataExports {
    fn default() -> Self {
        DataExports {
            exports: Fetched::not_collected(Service::Dataexports, "ListExports"),
        }
    }
}

/// The table a CUR 2.0 export reads.
pub const COST_AND_USAGE_REPORT: &str = "COST_AND_USAGE_REPORT";
/// The table a carbon emissions export reads.
pub const CARBON_EMISSIONS: &str = "CARBON_EMISSIONS";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DataExport {
    pub arn: String,
    pub name: String,
    /// `HEALTHY` or `UNHEALTHY`; `None` when the answer did not say.
    pub status: Option<String>,
    /// What the export exports (`GetExport`).
    pub definition: Fetched<ExportDefinition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExportDefinition {
    /// The table the export's query reads (`COST_AND_USAGE_REPORT`, `FOCUS_1_0_AWS`,
    /// `CARBON_EMISSIONS`, ...); `None` when the query names no table wascan recognises.
    pub table: Option<String>,
    /// The table's properties (`TIME_GRANULARITY`, `INCLUDE_RESOURCES`, ...).
    pub table_properties: BTreeMap<String, String>,
}

impl DataExport {
    /// Whether the export is known to read `table`.
    pub fn reads(&self, table: &str) -> bool {
        matches!(&self.definition, Fetched::Ok(d) if d.table.as_deref() == Some(table))
    }

    /// A property of the exported table, when the definition was read and sets it.
    pub fn property(&self, key: &str) -> Option<&str> {
        match &self.definition {
            Fetched::Ok(d) => d.table_properties.get(key).map(String::as_str),
            Fetched::Failed(_) => None,
        }
    }
}

/// The table a Data Exports query reads: the word after `FROM` (queries are
/// `SELECT ... FROM TABLE_NAME [WHERE ...]`).
pub fn table_of_query(query: &str) -> Option<String> {
    let mut words = query.split_whitespace();
    while let Some(word) = words.next() {
        if word.eq_ignore_ascii_case("from") {
            return words
                .next()
                .map(|t| t.trim_matches(|c: char| c == '"' || c == '`' || c == ';'))
                .filter(|t| !t.is_empty())
                .map(str::to_ascii_uppercase);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_word_after_from() {
        assert_eq!(
            table_of_query("SELECT identity_line_item_id, line_item_usage_amount FROM COST_AND_USAGE_REPORT WHERE x = 1").as_deref(),
            Some("COST_AND_USAGE_REPORT")
        );
        assert_eq!(
            table_of_query("select a from carbon_emissions").as_deref(),
            Some("CARBON_EMISSIONS")
        );
        assert_eq!(table_of_query("SELECT a"), None);
    }
}
