//! The helpdesk example suite (suite/helpdesk/README.md): its query and body
//! rules and its JSON shapes. Pure: text and bytes in, values or an error
//! message out. Each stack keeps the HTTP side, the JWT check and the
//! database access; this is the part that must not differ between them.

use serde::Serialize;
use serde_json::Value;

/// `limit` when the list request has none.
pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;
/// A subject's length in Unicode code points.
pub const MAX_SUBJECT: usize = 200;

/// The scope `GET` routes need.
pub const READ_SCOPE: &str = "tickets:read";
/// The scope `POST /api/tickets` needs.
pub const WRITE_SCOPE: &str = "tickets:write";

/// Whether a `scope` claim (space-separated) grants `needed`.
pub fn grants(scope: &str, needed: &str) -> bool {
    scope.split(' ').any(|s| s == needed)
}

/// `GET /api/tickets?status=S[&after=A][&limit=L]`, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListQuery {
    pub status: &'static str,
    pub after: i64,
    pub limit: i64,
}

/// The list's query string: `Err` is the 400 message (`"<parameter>: <reason>"`).
/// Values are not percent-decoded: none of the valid ones needs escaping, so
/// an escaped one is refused like any other unknown value.
pub fn list_query(query: Option<&str>) -> Result<ListQuery, String> {
    let query = query.unwrap_or("");
    let status = match param(query, "status") {
        None => return Err("status: required, one of open, pending, closed".to_owned()),
        Some("open") => "open",
        Some("pending") => "pending",
        Some("closed") => "closed",
        Some(_) => return Err("status: must be one of open, pending, closed".to_owned()),
    };
    let after = match param(query, "after") {
        None => 0,
        Some(v) => digits(v).ok_or_else(|| "after: must be an integer >= 0".to_owned())?,
    };
    let limit = match param(query, "limit") {
        None => DEFAULT_LIMIT,
        Some(v) => digits(v)
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| format!("limit: must be an integer from 1 to {MAX_LIMIT}"))?,
    };
    Ok(ListQuery { status, after, limit })
}

/// The `{id}` of `GET /api/tickets/{id}`: `Err` is the 400 message.
pub fn ticket_id(text: &str) -> Result<i64, String> {
    digits(text)
        .filter(|&id| id >= 1)
        .ok_or_else(|| "id: must be a positive integer".to_owned())
}

/// Only ASCII digits, fitting an i64 (no sign, no spaces).
fn digits(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The raw value of the first `name=value` pair.
fn param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

/// A `POST /api/tickets` body that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub customer_id: i32,
    pub subject: String,
    pub priority: i32,
}

/// Validates a create body in the contract's order (customerId, subject,
/// priority); `Err` is the 422 message (`"<field>: <reason>"`). Other keys
/// are ignored. `3.0` and `1e2` are numbers but not integers.
pub fn new_ticket(body: &[u8]) -> Result<NewTicket, String> {
    let value: Value = serde_json::from_slice(body).map_err(|_| "body: not valid JSON".to_owned())?;
    let object = value
        .as_object()
        .ok_or_else(|| "body: must be a JSON object".to_owned())?;
    let customer_id = integer(object.get("customerId"), 1, i32::MAX as i64)
        .ok_or_else(|| format!("customerId: must be an integer from 1 to {}", i32::MAX))?;
    let subject = object
        .get("subject")
        .and_then(Value::as_str)
        .ok_or_else(|| "subject: must be a string".to_owned())?;
    let length = subject.chars().count();
    if length == 0 || length > MAX_SUBJECT {
        return Err(format!("subject: must be 1 to {MAX_SUBJECT} characters"));
    }
    if subject.trim().is_empty() {
        return Err("subject: must not be only whitespace".to_owned());
    }
    let priority = integer(object.get("priority"), 1, 4)
        .ok_or_else(|| "priority: must be an integer from 1 to 4".to_owned())?;
    Ok(NewTicket {
        customer_id: customer_id as i32,
        subject: subject.to_owned(),
        priority: priority as i32,
    })
}

/// A JSON integer (written without a fraction or exponent) in `low..=high`.
fn integer(value: Option<&Value>, low: i64, high: i64) -> Option<i64> {
    // serde_json reads `3.0` and `1e2` as f64: `as_i64` is None for them.
    value.and_then(Value::as_i64).filter(|n| (low..=high).contains(n))
}

/// One ticket of a list page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketSummary {
    pub id: i64,
    pub customer_id: i32,
    pub subject: String,
    pub status: String,
    pub priority: i32,
}

/// The list's answer: `next` is the last id when the page is full, else null.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct TicketPage {
    pub items: Vec<TicketSummary>,
    pub next: Option<i64>,
}

impl TicketPage {
    pub fn new(items: Vec<TicketSummary>, limit: i64) -> TicketPage {
        let full = items.len() as i64 == limit;
        let next = if full { items.last().map(|t| t.id) } else { None };
        TicketPage { items, next }
    }
}

/// `GET /api/tickets/{id}`: the ticket with its customer.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Ticket {
    pub id: i64,
    pub subject: String,
    pub status: String,
    pub priority: i32,
    pub customer: Customer,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: i32,
    pub name: String,
    pub plan: String,
}

/// `POST /api/tickets`, 201: the ticket written (always open).
#[derive(Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedTicket<'a> {
    pub id: i64,
    pub customer_id: i32,
    pub subject: &'a str,
    pub status: &'static str,
    pub priority: i32,
}

impl NewTicket {
    /// The 201 body once the transaction gave the ticket its id.
    pub fn created(&self, id: i64) -> CreatedTicket<'_> {
        CreatedTicket {
            id,
            customer_id: self.customer_id,
            subject: &self.subject,
            status: "open",
            priority: self.priority,
        }
    }
}

#[cfg(test)]
mod tests;
