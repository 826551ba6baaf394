//! What the policy loader relies on beyond conformance (that is in
//! `tests/it/toml.rs`): spans, one error per broken line, limits.

use super::*;

fn errors(text: &str) -> Vec<(String, usize, usize)> {
    parse(text)
        .1
        .into_iter()
        .map(|d| (d.message, d.span.start, d.span.end))
        .collect()
}

fn text_at(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

#[test]
fn keys_values_and_headers_carry_their_spans() {
    let text =
        "title = \"a \\\"b\\\"\"\n[[inputs]]\nid = 'x'\nn = [1, 2]\n[t]\nk.l = { m = true }\n";
    let (root, errs) = parse(text);
    assert!(errs.is_empty(), "{errs:?}");
    let title = root.get("title").unwrap();
    assert_eq!(text_at(text, title.span), "\"a \\\"b\\\"\"");
    assert_eq!(title.kind, Kind::String("a \"b\"".into()));
    let Kind::Array(inputs) = &root.get("inputs").unwrap().kind else {
        panic!()
    };
    assert_eq!(text_at(text, inputs[0].span), "[[inputs]]");
    let Kind::Table(input) = &inputs[0].kind else {
        panic!()
    };
    let (key, value) = input.iter().next().unwrap();
    assert_eq!(text_at(text, key.span), "id");
    assert_eq!(text_at(text, value.span), "'x'");
    assert_eq!(text_at(text, input.get("n").unwrap().span), "[1, 2]");
    let Kind::Table(t) = &root.get("t").unwrap().kind else {
        panic!()
    };
    assert_eq!(text_at(text, root.get("t").unwrap().span), "[t]");
    let Kind::Table(k) = &t.get("k").unwrap().kind else {
        panic!()
    };
    assert_eq!(text_at(text, k.get("l").unwrap().span), "{ m = true }");
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let (root, _) = parse("a = \"plain\"\nb = 'lit'\nc = \"\"\"\nmulti\"\"\"");
    for key in ["a", "b", "c"] {
        assert!(
            matches!(root.get(key).unwrap().kind, Kind::String(Cow::Borrowed(_))),
            "{key}"
        );
    }
}

#[test]
fn each_broken_line_gives_one_error_and_the_rest_is_still_read() {
    let text = "a = = 1\nb = [1, 2 3,\n  4]\nc = \"open\nd = 4\n[e\nf = 5\n";
    let found = errors(text);
    let messages: Vec<&str> = found.iter().map(|(m, _, _)| m.as_str()).collect();
    assert_eq!(
        messages,
        [
            "expected a value, found `=`",
            "expected `,` or `]` in the array, found `3`",
            "this string is not closed before the end of the line",
            "expected `]` to close the table header, found the end of the line",
        ]
    );
    let (root, _) = parse(text);
    assert_eq!(root.get("d").unwrap().kind, Kind::Integer(4));
}

#[test]
fn definitions_follow_the_define_once_rules() {
    let cases = [
        ("a = 1\na = 2", "`a` is defined twice"),
        ("[a]\n[a]", "table `[a]` is defined twice"),
        ("[a]\nb.c = 1\n[a.b]", "table `[a.b]` is defined twice"),
        (
            "a = {}\n[a.b]",
            "`a` is already a value; a table header cannot add to it",
        ),
        (
            "a = [1]\n[[a]]",
            "`a` is already a value; it cannot also be a table",
        ),
        (
            "[[a]]\n[a]",
            "`a` is an array of tables; write `[[a]]` to add one",
        ),
        ("[a]\n[[a]]", "`a` is a table, not an array of tables"),
        (
            "a = {b = 1}\na.c = 2",
            "`a` is already defined; a dotted key cannot add to it",
        ),
        ("x = {a = 1, a = 2}", "`a` is defined twice"),
    ];
    for (text, message) in cases {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].0, message, "{text}");
    }
    // Allowed: an implicit table defined later, and arrays of tables growing.
    for text in [
        "[a.b]\n[a]",
        "[[a]]\n[[a]]\n[a.b]\n[[a.c]]",
        "[a]\nb.c = 1\n[a.b.d]",
    ] {
        assert_eq!(errors(text), [], "{text}");
    }
}

#[test]
fn key_value_lines_after_a_broken_header_are_not_blamed() {
    let found = errors("[a]\nx = 1\n[a]\nx = 1\ny = 2\n");
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn nesting_is_bounded_and_reported_once() {
    let deep = format!("a = {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let found = errors(&deep);
    assert_eq!(found.len(), 1, "{:?}", &found[..found.len().min(3)]);
    assert!(found[0].0.contains("nested at most 64 deep"));
    let inline = format!("a = {}1{}", "{b = ".repeat(5_000), "}".repeat(5_000));
    assert_eq!(errors(&inline).len(), 1);
    let dotted = format!("{} = 1", vec!["k"; 5_000].join("."));
    assert!(errors(&dotted)[0].0.contains("at most 64 parts"));
    let header = format!("[{}]", vec!["k"; 5_000].join("."));
    assert!(errors(&header)[0].0.contains("at most 64 parts"));
}

#[test]
fn large_tables_are_indexed_and_still_catch_duplicates() {
    let mut text: String = (0..20_000).map(|i| format!("k{i} = {i}\n")).collect();
    text.push_str("k19999 = 0\n");
    let (root, errs) = parse(&text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message, "`k19999` is defined twice");
    assert_eq!(root.len(), 20_000);
    assert_eq!(root.get("k12345").unwrap().kind, Kind::Integer(12_345));
    let headers: String = (0..5_000).map(|i| format!("[t{i}]\nx = 1\n")).collect();
    assert_eq!(parse(&headers).1.len(), 0);
}

#[test]
fn numbers_and_dates_are_told_apart_and_checked() {
    let (root, errs) = parse(
        "a = 0x7fffffffffffffff\nb = -9223372036854775808\nc = 1_000\nd = 1e3\ne = -inf\nf = 1979-05-27 07:32:00Z\ng = 07:32\nh = 2024-02-29",
    );
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(root.get("a").unwrap().kind, Kind::Integer(i64::MAX));
    assert_eq!(root.get("b").unwrap().kind, Kind::Integer(i64::MIN));
    assert_eq!(root.get("c").unwrap().kind, Kind::Integer(1000));
    assert_eq!(root.get("d").unwrap().kind, Kind::Float(1000.0));
    assert_eq!(root.get("e").unwrap().kind, Kind::Float(f64::NEG_INFINITY));
    assert_eq!(
        root.get("f").unwrap().kind,
        Kind::Datetime(DatetimeKind::OffsetDatetime)
    );
    assert_eq!(
        root.get("g").unwrap().kind,
        Kind::Datetime(DatetimeKind::LocalTime)
    );
    for (text, message) in [
        (
            "a = 9223372036854775808",
            "`9223372036854775808` does not fit in a 64-bit integer",
        ),
        ("a = 2023-02-29", "`2023-02-29` is not a valid date or time"),
        ("a = 012", "`012`: leading zeros are not allowed"),
        ("a = -0x1", "a hexadecimal number cannot have a sign"),
        ("a = yes", "expected a value, found `y`; text needs quotes"),
    ] {
        assert_eq!(errors(text)[0].0, message, "{text}");
    }
}

#[test]
fn messages_name_control_characters_and_line_ends() {
    assert_eq!(
        errors("a = \"x\u{1}\"")[0].0,
        "the control character U+0001 is not allowed in a string; write it as an escape"
    );
    assert_eq!(
        errors("a = 1 b = 2")[0].0,
        "expected the end of the line, found `b`; put each key on a line of its own"
    );
    assert_eq!(
        errors("a\n")[0].0,
        "expected `=` after the key, found the end of the line"
    );
    assert_eq!(
        errors("a = \"\\q\"")[0].0.split(';').next(),
        Some("unknown escape `\\q`")
    );
}

#[test]
fn a_lone_carriage_return_in_a_multi_line_string_is_named() {
    for text in ["a = \"\"\"x\ry\"\"\"", "a = '''x\ry'''"] {
        let found = errors(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert!(
            found[0].0.starts_with(
                "a carriage return in a multi-line string must be followed by a line feed"
            ),
            "{text:?}: {found:?}"
        );
    }
    // A CR LF inside is a line break, as in any multi-line string.
    assert_eq!(errors("a = \"\"\"x\r\ny\"\"\""), []);
}
