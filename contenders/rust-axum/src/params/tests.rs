use super::*;
use axum::extract::Query;
use axum::http::Uri;

/// N for a request URI, through the same extractor the handlers use.
fn count(uri: &str) -> usize {
    let uri: Uri = uri.parse().unwrap();
    match Query::<QueriesParam>::try_from_uri(&uri) {
        Ok(Query(param)) => param.count(),
        Err(e) => panic!("{uri}: {e}"),
    }
}

#[test]
fn clamps_like_the_spec() {
    let cases = [
        ("/queries", 1),
        ("/queries?", 1),
        ("/queries?queries", 1),
        ("/queries?queries=", 1),
        ("/queries?queries=0", 1),
        ("/queries?queries=-7", 1),
        ("/queries?queries=foo", 1),
        ("/queries?queries=5abc", 1),
        ("/queries?queries=1;DROP%20TABLE%20world", 1),
        ("/queries?queries=1%3BDROP%20TABLE%20world", 1),
        ("/queries?queries=1%27%20OR%20%271%27%3D%271", 1),
        ("/queries?queries=2.5", 1),
        ("/queries?queries=%205", 1),
        ("/queries?queries=1", 1),
        ("/queries?queries=2", 2),
        ("/queries?queries=20", 20),
        ("/queries?queries=500", 500),
        ("/queries?queries=501", 500),
        ("/queries?queries=99999999999999999999999", 500),
        ("/queries?queries=-99999999999999999999999", 1),
    ];
    for (uri, expected) in cases {
        assert_eq!(count(uri), expected, "{uri}");
    }
}

#[test]
fn finds_the_parameter_among_others() {
    assert_eq!(count("/queries?a=1&queries=7&b=2"), 7);
    assert_eq!(count("/queries?myqueries=7"), 1);
    assert_eq!(count("/queries?q=7"), 1);
}
