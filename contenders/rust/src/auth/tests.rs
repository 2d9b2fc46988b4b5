use super::*;
use std::path::Path;

const SECRET: &str = "helpdesk-example-secret-do-not-use-in-production";

/// The suite's token files (suite/helpdesk/values), one token a line.
fn tokens(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../suite/helpdesk/values")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().map(str::to_owned).collect()
}

fn bearer(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("Bearer {token}")).unwrap()
}

#[test]
fn the_suites_valid_tokens_pass_with_their_scopes() {
    let auth = Auth::new(Some(SECRET));
    for token in tokens("tokens-write.txt") {
        let sub = auth.check(Some(&bearer(&token)), "tickets:write").unwrap();
        assert!(["alice", "bob", "carol", "dave"].contains(&sub.as_str()));
        assert!(auth.check(Some(&bearer(&token)), "tickets:read").is_ok());
    }
    for token in tokens("tokens-read-only.txt") {
        assert!(auth.check(Some(&bearer(&token)), "tickets:read").is_ok());
        assert_eq!(
            auth.check(Some(&bearer(&token)), "tickets:write"),
            Err(Denied::Forbidden)
        );
    }
}

#[test]
fn the_suites_refused_tokens_are_unauthorized() {
    let auth = Auth::new(Some(SECRET));
    for file in [
        "tokens-bad-signature.txt",
        "tokens-wrong-alg.txt",
        "tokens-expired.txt",
        "tokens-bad-claims.txt",
    ] {
        for token in tokens(file) {
            let header = HeaderValue::from_str(&format!("Bearer {token}")).unwrap();
            assert_eq!(
                auth.check(Some(&header), "tickets:read"),
                Err(Denied::Unauthorized),
                "{file}: {token}"
            );
        }
    }
}

#[test]
fn the_header_must_be_bearer() {
    let auth = Auth::new(Some(SECRET));
    let token = &tokens("tokens-write.txt")[0];
    assert_eq!(auth.check(None, "tickets:read"), Err(Denied::Unauthorized));
    for header in [
        format!("bearer {token}"),
        format!("Basic {token}"),
        token.clone(),
        "Bearer ".to_owned(),
    ] {
        let value = HeaderValue::from_str(&header).unwrap();
        assert_eq!(
            auth.check(Some(&value), "tickets:read"),
            Err(Denied::Unauthorized),
            "{header}"
        );
    }
}

#[test]
fn another_secret_refuses_the_suites_tokens_and_none_refuses_all() {
    let token = &tokens("tokens-write.txt")[0];
    let other = Auth::new(Some("another-secret"));
    assert_eq!(
        other.check(Some(&bearer(token)), "tickets:read"),
        Err(Denied::Unauthorized)
    );
    for unset in [None, Some("")] {
        assert_eq!(
            Auth::new(unset).check(Some(&bearer(token)), "tickets:read"),
            Err(Denied::NoSecret)
        );
    }
}
