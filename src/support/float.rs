//! Decimal text to the nearest `f64`, correctly rounded (ties to even).
//!
//! The TOML and JSON readers use this instead of `str::parse::<f64>`:
//! core's parser carries about 16 KB of power tables, which were 15 KB of
//! the wasm bundle after gzip. Here most numbers take Clinger's fast path
//! (at most 15 digits and a power of ten up to 22: one exact operation);
//! the rest start from a guess within a few units in the last place and
//! step to the right neighbour by exact big-integer comparisons with the
//! midpoints between neighbours (Clinger's AlgorithmR). The result is the
//! same as core's, bit for bit; `support/tests/float.rs` checks that.

use std::cmp::Ordering;

/// Significant digits kept. A midpoint between two doubles has at most 767
/// significant digits, so keeping 800 and recording whether any non-zero
/// digit was dropped decides every rounding exactly; it also bounds the
/// big-integer work on hostile input.
const MAX_DIGITS: usize = 800;

/// Exact powers of ten as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of `[+-]?digits[.digits][(e|E)[+-]?digits]`, or `None` for
/// other text. Too large gives an infinity, too small a zero, as core does.
pub fn parse(text: &str) -> Option<f64> {
    let mut bytes = text.as_bytes();
    let negative = match bytes.first() {
        Some(b'-') => true,
        Some(b'+') => false,
        _ => return decimal(bytes).map(|d| d.value()),
    };
    bytes = bytes.get(1..)?;
    let value = decimal(bytes)?.value();
    Some(if negative { -value } else { value })
}

/// A decimal: `digits × 10^exponent`, digits without leading zeros.
struct Decimal {
    digits: Vec<u8>,
    exponent: i64,
}

/// Reads the unsigned decimal in `bytes`, all of it.
fn decimal(bytes: &[u8]) -> Option<Decimal> {
    let mut d = Decimal {
        digits: Vec::new(),
        exponent: 0,
    };
    let mut dropped_non_zero = false;
    let mut push = |d: &mut Decimal, digit: u8, fraction: bool| {
        if d.digits.is_empty() && digit == 0 {
            d.exponent -= i64::from(fraction);
        } else if d.digits.len() < MAX_DIGITS {
            d.digits.push(digit);
            d.exponent -= i64::from(fraction);
        } else {
            dropped_non_zero |= digit != 0;
            d.exponent += i64::from(!fraction);
        }
    };
    let mut rest = bytes;
    let mut whole = 0;
    while let Some((&b @ b'0'..=b'9', tail)) = rest.split_first() {
        push(&mut d, b - b'0', false);
        whole += 1;
        rest = tail;
    }
    if whole == 0 {
        return None;
    }
    if let Some((b'.', tail)) = rest.split_first() {
        rest = tail;
        let mut fraction = 0;
        while let Some((&b @ b'0'..=b'9', tail)) = rest.split_first() {
            push(&mut d, b - b'0', true);
            fraction += 1;
            rest = tail;
        }
        if fraction == 0 {
            return None;
        }
    }
    if let Some((b'e' | b'E', tail)) = rest.split_first() {
        rest = tail;
        let negative = match rest.split_first() {
            Some((b'-', tail)) => {
                rest = tail;
                true
            }
            Some((b'+', tail)) => {
                rest = tail;
                false
            }
            _ => false,
        };
        let mut exponent: i64 = 0;
        let mut count = 0;
        while let Some((&b @ b'0'..=b'9', tail)) = rest.split_first() {
            // Past a million the answer is already 0 or infinity.
            exponent = (exponent * 10 + i64::from(b - b'0')).min(1_000_000);
            count += 1;
            rest = tail;
        }
        if count == 0 {
            return None;
        }
        d.exponent += if negative { -exponent } else { exponent };
    }
    if !rest.is_empty() {
        return None;
    }
    if dropped_non_zero {
        // Any digit past the 767th only says "a little more": one non-zero
        // digit says the same.
        d.digits.push(1);
        d.exponent -= 1;
    } else {
        // Trailing zeros would only keep a number off the fast path.
        while let Some(0) = d.digits.last() {
            d.digits.pop();
            d.exponent += 1;
        }
    }
    Some(d)
}

impl Decimal {
    fn value(&self) -> f64 {
        let n = self.digits.len() as i64;
        if n == 0 {
            return 0.0;
        }
        // The value lies in [10^(n-1+e), 10^(n+e)).
        if n + self.exponent > 310 {
            return f64::INFINITY;
        }
        if n + self.exponent < -324 {
            return 0.0;
        }
        let leading = self.digits.get(..19).unwrap_or(&self.digits);
        let w = leading.iter().fold(0u64, |w, &d| w * 10 + u64::from(d));
        let rest = n - leading.len() as i64;
        if rest == 0 && w < 1 << 53 {
            if let Some(&p) = POW10.get(self.exponent.unsigned_abs() as usize) {
                // Both operands are exact, so the one rounding is correct.
                return if self.exponent < 0 {
                    w as f64 / p
                } else {
                    w as f64 * p
                };
            }
        }
        self.refine(guess(w, self.exponent + rest))
    }

    /// Steps from `z` to the double nearest to this decimal.
    fn refine(&self, mut z: f64) -> f64 {
        if z.is_infinite() {
            z = f64::MAX;
        }
        let exact = Exact::new(self);
        // The guess is within a few units in the last place; the bound only
        // guards against a bug turning into a hang.
        for _ in 0..64 {
            let bits = z.to_bits();
            let biased = (bits >> 52) as i32;
            let (m, k) = if biased == 0 {
                (bits, -1074)
            } else {
                (bits & ((1 << 52) - 1) | 1 << 52, biased - 1075)
            };
            // z = m × 2^k; its upper neighbour is (m + 1) × 2^k.
            match exact.cmp(2 * m + 1, k - 1) {
                Ordering::Greater => {
                    z = f64::from_bits(bits + 1);
                    if z.is_infinite() {
                        return z;
                    }
                    continue;
                }
                Ordering::Equal => {
                    return if m & 1 == 1 {
                        f64::from_bits(bits + 1)
                    } else {
                        z
                    };
                }
                Ordering::Less => {}
            }
            if m == 0 {
                return z;
            }
            // Below the lowest mantissa of a binade the spacing halves.
            let (lower, shift) = if m == 1 << 52 && biased > 1 {
                (4 * m - 1, k - 2)
            } else {
                (2 * m - 1, k - 1)
            };
            match exact.cmp(lower, shift) {
                Ordering::Less => z = f64::from_bits(bits - 1),
                Ordering::Equal => {
                    return if m & 1 == 1 {
                        f64::from_bits(bits - 1)
                    } else {
                        z
                    };
                }
                Ordering::Greater => return z,
            }
        }
        z
    }
}

/// `w × 10^e` in floating point: a few units in the last place off.
fn guess(w: u64, mut e: i64) -> f64 {
    let mut z = w as f64;
    while e > 22 && z.is_finite() {
        z *= 1e22;
        e -= 22;
    }
    while e < -22 && z != 0.0 {
        z /= 1e22;
        e += 22;
    }
    match POW10.get(e.unsigned_abs() as usize) {
        Some(&p) if e < 0 => z / p,
        Some(&p) => z * p,
        None => z,
    }
}

/// A decimal prepared for exact comparisons with `m × 2^k`: its digits
/// times `5^e` when `e ≥ 0`, or `5^-e` to multiply the other side by.
struct Exact {
    digits: Big,
    pow5: Big,
    exponent: i64,
}

impl Exact {
    fn new(d: &Decimal) -> Exact {
        let mut digits = Big(Vec::new());
        for chunk in d.digits.chunks(19) {
            let value = chunk.iter().fold(0u64, |w, &d| w * 10 + u64::from(d));
            digits.mul_add(10u64.pow(chunk.len() as u32), value);
        }
        let mut pow5 = Big(vec![1]);
        let mut left = d.exponent.unsigned_abs();
        while left > 0 {
            let step = left.min(27);
            // 5^27 < 2^64.
            pow5.mul_add(5u64.pow(step as u32), 0);
            left -= step;
        }
        if d.exponent >= 0 {
            digits.mul_big(&pow5);
            pow5 = Big(vec![1]);
        }
        Exact {
            digits,
            pow5,
            exponent: d.exponent,
        }
    }

    /// The decimal compared with `m × 2^k`.
    fn cmp(&self, m: u64, k: i32) -> Ordering {
        // digits × 5^e × 2^e  vs  m × 2^k, or with e < 0:
        // digits × 2^e  vs  m × 5^-e × 2^k.
        let mut lhs = self.digits.clone();
        let mut rhs = self.pow5.clone();
        rhs.mul_add(m, 0);
        let shift = self.exponent - i64::from(k);
        if shift > 0 {
            lhs.shl(shift as u64);
        } else {
            rhs.shl(shift.unsigned_abs());
        }
        lhs.cmp(&rhs)
    }
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    /// `self × factor + add`.
    fn mul_add(&mut self, factor: u64, add: u64) {
        let mut carry = u128::from(add);
        for limb in &mut self.0 {
            let t = u128::from(*limb) * u128::from(factor) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        while carry != 0 {
            self.0.push(carry as u32);
            carry >>= 32;
        }
    }

    fn mul_big(&mut self, other: &Big) {
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                if let Some(slot) = out.get_mut(i + j) {
                    let t = u64::from(a) * u64::from(b) + u64::from(*slot) + carry;
                    *slot = t as u32;
                    carry = t >> 32;
                }
            }
            if let Some(slot) = out.get_mut(i + other.0.len()) {
                *slot = carry as u32;
            }
        }
        self.0 = out;
    }

    fn shl(&mut self, bits: u64) {
        let words = (bits / 32) as usize;
        let bits = (bits % 32) as u32;
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = *limb << bits | carry;
                carry = next;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        let mut shifted = vec![0; words];
        shifted.append(&mut self.0);
        self.0 = shifted;
    }

    fn cmp(&self, other: &Big) -> Ordering {
        fn significant(limbs: &[u32]) -> &[u32] {
            let len = limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
            limbs.get(..len).unwrap_or(limbs)
        }
        let (a, b) = (significant(&self.0), significant(&other.0));
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}
