//! The `/fortunes` page: add the request-time row, sort, render escaped HTML.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fortune {
    pub id: i32,
    pub message: String,
}

pub const ADDED_AT_REQUEST_TIME: &str = "Additional fortune added at request time.";

/// The page for the rows read from the database.
pub fn page(mut fortunes: Vec<Fortune>) -> String {
    fortunes.push(Fortune {
        id: 0,
        message: ADDED_AT_REQUEST_TIME.to_owned(),
    });
    // `str` orders byte-wise, which for UTF-8 is code-point order.
    fortunes.sort_unstable_by(|a, b| a.message.cmp(&b.message));
    render(&fortunes)
}

fn render(fortunes: &[Fortune]) -> String {
    let mut html = String::with_capacity(2048);
    html.push_str(
        "<!DOCTYPE html><html><head><title>Fortunes</title></head><body>\
         <table><tr><th>id</th><th>message</th></tr>",
    );
    for fortune in fortunes {
        write!(html, "<tr><td>{}</td><td>", fortune.id).expect("writing to a String cannot fail");
        // The quoted-attribute set is exactly & < > " ' (encode_text would leave quotes).
        html_escape::encode_quoted_attribute_to_string(&fortune.message, &mut html);
        html.push_str("</td></tr>");
    }
    html.push_str("</table></body></html>");
    html
}

#[cfg(test)]
mod tests;
