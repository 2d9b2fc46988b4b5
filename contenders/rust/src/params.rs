//! The `queries` parameter of `/queries` and `/updates`.

pub const MIN_QUERIES: usize = 1;
pub const MAX_QUERIES: usize = 500;

/// N for a request's query string: missing, empty, not an integer or below 1
/// gives 1; above 500 gives 500. Trailing text (`5abc`, `1;DROP TABLE world`)
/// makes it "not an integer".
pub fn query_count(query: Option<&str>) -> usize {
    let value = query.and_then(|q| param(q, "queries")).unwrap_or("");
    clamp_count(value)
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

/// The raw value of the first `name=value` pair. The value is not
/// percent-decoded: an integer needs no escaping, and an escaped one
/// (`%35`) is treated as not an integer.
fn param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests;
