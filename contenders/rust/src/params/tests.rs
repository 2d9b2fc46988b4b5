use super::*;

#[test]
fn clamps_like_the_spec() {
    let cases = [
        (None, 1),
        (Some(""), 1),
        (Some("queries"), 1),
        (Some("queries="), 1),
        (Some("queries=0"), 1),
        (Some("queries=-7"), 1),
        (Some("queries=foo"), 1),
        (Some("queries=5abc"), 1),
        (Some("queries=1;DROP%20TABLE%20world"), 1),
        (Some("queries=1;DROP TABLE world"), 1),
        (Some("queries=2.5"), 1),
        (Some("queries= 5"), 1),
        (Some("queries=1"), 1),
        (Some("queries=2"), 2),
        (Some("queries=20"), 20),
        (Some("queries=500"), 500),
        (Some("queries=501"), 500),
        (Some("queries=99999999999999999999999"), 500),
        (Some("queries=-99999999999999999999999"), 1),
    ];
    for (query, expected) in cases {
        assert_eq!(query_count(query), expected, "query {query:?}");
    }
}

#[test]
fn finds_the_parameter_among_others() {
    assert_eq!(query_count(Some("a=1&queries=7&b=2")), 7);
    assert_eq!(query_count(Some("queries=7&queries=9")), 7);
    assert_eq!(query_count(Some("myqueries=7")), 1);
    assert_eq!(query_count(Some("q=7")), 1);
}
