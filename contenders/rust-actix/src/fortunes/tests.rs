use super::*;

fn fortune(id: i32, message: &str) -> Fortune {
    Fortune {
        id,
        message: message.to_owned(),
    }
}

#[test]
fn adds_the_request_row_sorts_and_escapes() {
    let html = page(vec![
        fortune(12, "フレームワークのベンチマーク"),
        fortune(
            11,
            "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
        ),
        fortune(
            2,
            "A computer scientist is someone who fixes things that aren't broken.",
        ),
        fortune(
            6,
            "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
        ),
        fortune(13, "Tom & Jerry"),
    ])
    .unwrap();
    let expected = concat!(
        "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>",
        "<tr><th>id</th><th>message</th></tr>",
        "<tr><td>11</td><td>&lt;script&gt;alert(&quot;This should not be displayed in a browser alert box.&quot;);&lt;/script&gt;</td></tr>",
        "<tr><td>2</td><td>A computer scientist is someone who fixes things that aren&#x27;t broken.</td></tr>",
        "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>",
        "<tr><td>6</td><td>Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen</td></tr>",
        "<tr><td>13</td><td>Tom &amp; Jerry</td></tr>",
        "<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>",
        "</table></body></html>"
    );
    assert_eq!(html, expected);
}

#[test]
fn an_empty_table_still_has_the_request_row() {
    let html = page(Vec::new()).unwrap();
    assert!(html.contains("<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"));
    assert_eq!(html.matches("<tr>").count(), 2);
}
