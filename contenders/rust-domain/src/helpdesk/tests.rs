use super::*;
use std::path::Path;

fn err(body: &str) -> String {
    new_ticket(body.as_bytes()).unwrap_err()
}

#[test]
fn list_query_defaults_and_bounds() {
    assert_eq!(
        list_query(Some("status=open")),
        Ok(ListQuery {
            status: "open",
            after: 0,
            limit: 20
        })
    );
    assert_eq!(
        list_query(Some("limit=100&after=9000&status=closed")),
        Ok(ListQuery {
            status: "closed",
            after: 9000,
            limit: 100
        })
    );
    for (query, parameter) in [
        (None, "status"),
        (Some(""), "status"),
        (Some("status=archived"), "status"),
        (Some("status=Open"), "status"),
        (Some("status=%6Fpen"), "status"),
        (Some("status=open&after=ten"), "after"),
        (Some("status=open&after=-1"), "after"),
        (Some("status=open&after="), "after"),
        (Some("status=open&after=99999999999999999999"), "after"),
        (Some("status=open&limit=0"), "limit"),
        (Some("status=open&limit=101"), "limit"),
        (Some("status=open&limit=+5"), "limit"),
        (Some("status=open&limit=5.0"), "limit"),
    ] {
        let e = list_query(query).unwrap_err();
        assert!(e.starts_with(&format!("{parameter}: ")), "{query:?}: {e}");
    }
}

#[test]
fn ticket_ids_are_positive_integers() {
    assert_eq!(ticket_id("1"), Ok(1));
    assert_eq!(ticket_id("99999999"), Ok(99_999_999));
    for bad in ["0", "", "abc", "-1", "1.0", " 1", "1e3", "99999999999999999999"] {
        assert!(ticket_id(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_valid_body_keeps_its_values_and_ignores_other_keys() {
    let t = new_ticket(br#"{"priority":3,"status":"closed","subject":" x ","customerId":5,"id":1}"#).unwrap();
    assert_eq!(
        t,
        NewTicket {
            customer_id: 5,
            subject: " x ".to_owned(),
            priority: 3
        }
    );
    let body = serde_json::to_string(&t.created(10001)).unwrap();
    assert_eq!(
        body,
        r#"{"id":10001,"customerId":5,"subject":" x ","status":"open","priority":3}"#
    );
}

#[test]
fn fields_fail_in_the_contracts_order() {
    assert_eq!(err("nope"), "body: not valid JSON");
    assert_eq!(err("[]"), "body: must be a JSON object");
    // All three wrong: customerId is reported.
    assert!(err(r#"{"customerId":0,"subject":"","priority":9}"#).starts_with("customerId: "));
    assert!(err(r#"{"customerId":1,"subject":"","priority":9}"#).starts_with("subject: "));
    assert!(err(r#"{"customerId":1,"subject":"a","priority":9}"#).starts_with("priority: "));
    for customer in ["3.0", "1e2", "\"5\"", "null", "2147483648", "-1"] {
        let body = format!(r#"{{"customerId":{customer},"subject":"a","priority":1}}"#);
        assert!(err(&body).starts_with("customerId: "), "{customer}");
    }
    for priority in ["2.0", "2.5", "\"2\"", "true", "0", "5"] {
        let body = format!(r#"{{"customerId":1,"subject":"a","priority":{priority}}}"#);
        assert!(err(&body).starts_with("priority: "), "{priority}");
    }
}

#[test]
fn subjects_count_code_points_and_refuse_blank() {
    let ok = |s: &str| {
        new_ticket(
            serde_json::json!({"customerId": 1, "subject": s, "priority": 1})
                .to_string()
                .as_bytes(),
        )
    };
    assert!(ok(&"é".repeat(200)).is_ok());
    assert!(ok(&"\u{1F5A8}".repeat(200)).is_ok());
    assert!(ok(&"é".repeat(201)).is_err());
    assert!(ok(&"\u{1F5A8}".repeat(201)).is_err());
    assert!(ok("").is_err());
    assert!(ok(" \t\n").is_err());
}

#[test]
fn pages_name_the_next_cursor_only_when_full() {
    let item = |id| TicketSummary {
        id,
        customer_id: 1,
        subject: format!("Ticket {id}"),
        status: "open".to_owned(),
        priority: 1,
    };
    assert_eq!(TicketPage::new(vec![item(1), item(2)], 2).next, Some(2));
    assert_eq!(TicketPage::new(vec![item(1)], 2).next, None);
    assert_eq!(TicketPage::new(vec![], 20).next, None);
    let json = serde_json::to_string(&TicketPage::new(vec![item(7)], 1)).unwrap();
    assert_eq!(
        json,
        r#"{"items":[{"id":7,"customerId":1,"subject":"Ticket 7","status":"open","priority":1}],"next":7}"#
    );
}

#[test]
fn scopes_are_space_separated_words() {
    assert!(grants("tickets:read tickets:write", WRITE_SCOPE));
    assert!(grants("tickets:read", READ_SCOPE));
    assert!(!grants("tickets:read", WRITE_SCOPE));
    assert!(!grants("tickets:readx", READ_SCOPE));
    assert!(!grants("", READ_SCOPE));
}

/// The suite's own bodies: every line of create.jsonl is valid, every line of
/// invalid.jsonl is refused (or names a customer the seed does not have).
#[test]
fn the_suites_bodies_validate_as_the_suite_expects() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../suite/helpdesk/bodies");
    let valid = std::fs::read_to_string(folder.join("create.jsonl")).unwrap();
    for line in valid.lines() {
        let t = new_ticket(line.as_bytes()).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert!((1..=100).contains(&t.customer_id), "{line}");
    }
    let invalid = std::fs::read_to_string(folder.join("invalid.jsonl")).unwrap();
    for line in invalid.lines() {
        match new_ticket(line.as_bytes()) {
            Err(_) => {}
            Ok(t) => assert!(t.customer_id > 100, "accepted: {line}"),
        }
    }
}
