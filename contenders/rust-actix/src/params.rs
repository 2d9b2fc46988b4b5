//! The `queries` parameter of `/queries` and `/updates`.

use serde::Deserialize;

pub const MIN_QUERIES: usize = 1;
pub const MAX_QUERIES: usize = 500;

/// The query string, as actix-web's `web::Query` extractor decodes it.
#[derive(Debug, Default, Deserialize)]
pub struct QueriesParam {
    pub queries: Option<String>,
}

impl QueriesParam {
    /// N: missing, empty, not an integer or below 1 gives 1; above 500 gives
    /// 500. Trailing text (`5abc`, `1;DROP TABLE world`) makes it "not an integer".
    pub fn count(&self) -> usize {
        clamp_count(self.queries.as_deref().unwrap_or(""))
    }
}

fn clamp_count(value: &str) -> usize {
    match value.parse::<i64>() {
        Ok(n) if n < MIN_QUERIES as i64 => MIN_QUERIES,
        Ok(n) => (n as u64).min(MAX_QUERIES as u64) as usize,
        // Only digits but too long for an i64: still an integer above 500.
        Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => MAX_QUERIES,
        Err(_) => MIN_QUERIES,
    }
}

#[cfg(test)]
mod tests;
