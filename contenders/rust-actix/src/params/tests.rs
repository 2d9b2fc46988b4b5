use super::*;
use actix_web::web::Query;

/// N for a query string, through the same extractor the handlers use.
fn count(query: &str) -> usize {
    match Query::<QueriesParam>::from_query(query) {
        Ok(param) => param.count(),
        Err(e) => panic!("{query:?}: {e}"),
    }
}

#[test]
fn clamps_like_the_spec() {
    let cases = [
        ("", 1),
        ("queries", 1),
        ("queries=", 1),
        ("queries=0", 1),
        ("queries=-7", 1),
        ("queries=foo", 1),
        ("queries=5abc", 1),
        ("queries=1;DROP%20TABLE%20world", 1),
        ("queries=1%3BDROP%20TABLE%20world", 1),
        ("queries=1%27%20OR%20%271%27%3D%271", 1),
        ("queries=2.5", 1),
        ("queries=%205", 1),
        ("queries=1", 1),
        ("queries=2", 2),
        ("queries=20", 20),
        ("queries=500", 500),
        ("queries=501", 500),
        ("queries=99999999999999999999999", 500),
        ("queries=-99999999999999999999999", 1),
    ];
    for (query, expected) in cases {
        assert_eq!(count(query), expected, "{query}");
    }
}

#[test]
fn finds_the_parameter_among_others() {
    assert_eq!(count("a=1&queries=7&b=2"), 7);
    assert_eq!(count("myqueries=7"), 1);
    assert_eq!(count("q=7"), 1);
}
