//! The scan result as wascan's own JSON: the stable, versioned output
//! (`docs/scan-result.schema.json`).

use wascan_checks::result::ScanResult;

/// Pretty JSON with a final newline.
pub fn render(result: &ScanResult) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(result).map_err(|err| err.to_string())?;
    json.push(b'\n');
    Ok(json)
}
