//! `support::float::parse` against core's `str::parse::<f64>`, bit for bit:
//! shortest and long forms of random doubles, the exact midpoints between
//! neighbouring doubles and numbers just either side of them, random digit
//! strings, and the classic hard cases.

use crate::support::float::parse;

use super::Rng;

#[track_caller]
fn same_as_core(text: &str) {
    let ours = parse(text);
    let core = text.parse::<f64>().ok();
    assert_eq!(
        ours.map(f64::to_bits),
        core.map(f64::to_bits),
        "{text}: ours {ours:?}, core {core:?}"
    );
}

#[test]
fn classic_hard_cases_round_like_core() {
    for text in [
        "0",
        "-0",
        "0.0",
        "1",
        "+1",
        "1E5",
        "9007199254740992",
        "9007199254740993",
        "9007199254740994",
        "9007199254740995",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "1e-400",
        "123456789012345678901234567890",
        "0.1",
        "0.3",
        "7.038531e-26",
        "8.98846567431158e307",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "1e23",
        "8.589973e9",
        "0.000000000000000000000000000000000000000000001e300",
        "1e-1000000000000",
        "1e1000000000000",
        "00000000000000000000001.5",
        "100000000000000000000000000000000000000000000e-20",
    ] {
        same_as_core(text);
    }
}

#[test]
fn other_text_is_refused() {
    for text in [
        "", "-", "+", "1.", ".5", "1e", "1e+", "1e-", "1x", "--1", " 1", "1 ", "inf", "NaN",
        "0x10", "1_000", "1.e5", "e5", "1.5.5",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}

#[test]
fn random_doubles_in_every_form_read_back_exactly() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let x = f64::from_bits(rng.next() & !(1 << 63));
        if !x.is_finite() {
            continue;
        }
        for text in [
            format!("{x}"),
            format!("{x:e}"),
            format!("{x:.17e}"),
            format!("{x:.25e}"),
            format!("{:.3e}", x),
        ] {
            same_as_core(&text);
            assert_eq!(
                parse(&format!("-{text}")),
                Some(-text.parse::<f64>().unwrap())
            );
        }
    }
}

/// `m × 2^k` exactly, as decimal digits (most significant first) times
/// `10^exponent`.
fn exact(m: u64, k: i32) -> (Vec<u8>, i32) {
    // Little-endian while multiplying.
    let mut digits: Vec<u8> = m.to_string().bytes().rev().map(|b| b - b'0').collect();
    let mul = |digits: &mut Vec<u8>, by: u64| {
        let mut carry = 0u64;
        for d in digits.iter_mut() {
            let t = u64::from(*d) * by + carry;
            *d = (t % 10) as u8;
            carry = t / 10;
        }
        while carry > 0 {
            digits.push((carry % 10) as u8);
            carry /= 10;
        }
    };
    // m × 2^k = m × 5^-k × 10^k when k < 0.
    let (base, exponent) = if k >= 0 { (2u64, 0) } else { (5, k) };
    let mut left = k.unsigned_abs();
    while left > 0 {
        let step = left.min(13);
        mul(&mut digits, base.pow(step));
        left -= step;
    }
    digits.reverse();
    (digits, exponent)
}

fn text(digits: &[u8], exponent: i32) -> String {
    let s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{s}e{exponent}")
}

#[test]
fn midpoints_between_neighbours_and_either_side_round_like_core() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut doubles: Vec<f64> = vec![0.0, f64::MIN_POSITIVE, f64::MAX, 1.0, 2.0, 0.5];
    for _ in 0..400 {
        // Normal and subnormal doubles, over the whole exponent range.
        doubles.push(f64::from_bits(rng.next() & !(1 << 63)));
        doubles.push(f64::from_bits(rng.below(1 << 53)));
        // Lowest mantissa of a binade: the spacing below is half.
        doubles.push(f64::from_bits((1 + rng.below(2046)) << 52));
    }
    for x in doubles {
        if !x.is_finite() {
            continue;
        }
        let bits = x.to_bits();
        let biased = (bits >> 52) as i32;
        let (m, k) = if biased == 0 {
            (bits, -1074)
        } else {
            (bits & ((1 << 52) - 1) | 1 << 52, biased - 1075)
        };
        let mut points = vec![exact(2 * m + 1, k - 1)];
        if m > 0 {
            points.push(exact(2 * m - 1, k - 1));
            points.push(exact(4 * m - 1, k - 2));
        }
        for (digits, exponent) in points {
            same_as_core(&text(&digits, exponent));
            // A hair above.
            let mut above = digits.clone();
            above.extend([0, 0, 0, 1]);
            same_as_core(&text(&above, exponent - 4));
            // A hair below.
            if let Some(last) = digits.last().filter(|d| **d > 0) {
                let mut below = digits.clone();
                *below.last_mut().unwrap() = last - 1;
                below.extend([9, 9, 9, 9]);
                same_as_core(&text(&below, exponent - 4));
            }
        }
    }
}

#[test]
fn random_digit_strings_round_like_core() {
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for round in 0..50_000 {
        let len = if round % 100 == 0 {
            700 + rng.below(400)
        } else {
            1 + rng.below(40)
        } as usize;
        let mut s = String::new();
        for i in 0..len {
            // Runs of zeros and nines make the near-ties.
            let d = match rng.below(4) {
                0 => 0,
                1 => 9,
                _ => rng.below(10),
            };
            s.push(char::from(b'0' + d as u8));
            if i == 0 && rng.below(3) == 0 && len > 1 {
                s.push('.');
            }
        }
        if rng.below(4) > 0 {
            let e = rng.below(800) as i64 - 400;
            s.push_str(&format!("e{e}"));
        }
        same_as_core(&s);
    }
}

#[test]
fn a_million_digits_are_read_without_trouble() {
    // Core stops reading an exponent at 65,536, so it answers infinity
    // here; the value is 1111111111.11…
    let mut s = "1".repeat(1_000_000);
    s.push_str("e-999990");
    assert_eq!(parse(&s), "1111111111.1111111111111111".parse().ok());
    let zeros = format!("0.{}1", "0".repeat(1_000_000));
    same_as_core(&zeros);
}
