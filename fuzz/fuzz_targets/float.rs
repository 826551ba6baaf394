//! Fuzzes the decimal reader: on every text it accepts, the value must be
//! core's `str::parse::<f64>`, bit for bit (core stops reading exponents at
//! 65,536, so texts with longer exponents are only read, not compared).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(ours) = hotgate::support::float::parse(text) else { return };
    let exponent_digits = text
        .split(['e', 'E'])
        .nth(1)
        .map_or(0, |e| e.trim_start_matches(['+', '-']).trim_start_matches('0').len());
    if exponent_digits > 4 {
        return;
    }
    let core: f64 = text.parse().expect("core reads what ours reads");
    assert_eq!(ours.to_bits(), core.to_bits(), "{text}");
});
