//! The `/fortunes` page: add the request-time row, sort, render with askama.

use askama::Template;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fortune {
    pub id: i32,
    pub message: String,
}

pub const ADDED_AT_REQUEST_TIME: &str = "Additional fortune added at request time.";

/// `templates/fortunes.html`, compiled into the binary. askama's HTML
/// escaper (on for `.html` templates) replaces exactly & < > " '.
#[derive(Template)]
#[template(path = "fortunes.html")]
struct FortunesPage<'a> {
    fortunes: &'a [Fortune],
}

/// The page for the rows read from the database.
pub fn page(mut fortunes: Vec<Fortune>) -> Result<String, askama::Error> {
    fortunes.push(Fortune {
        id: 0,
        message: ADDED_AT_REQUEST_TIME.to_owned(),
    });
    // `str` orders byte-wise, which for UTF-8 is code-point order.
    fortunes.sort_unstable_by(|a, b| a.message.cmp(&b.message));
    FortunesPage { fortunes: &fortunes }.render()
}

#[cfg(test)]
mod tests;
