//! Who did what: telling whether two names are one person.

use crate::support::lowercase::push_lowercase;

/// Names compare without case and extra spaces: "ana  silva" is "Ana Silva",
/// "ÉLODIE" is "élodie". Case is Unicode's lowercase, char by char, with
/// the final sigma read as a sigma ("ΣΟΦΟΣ" is "Σοφος").
pub fn same_person(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            for c in word.chars() {
                push_lowercase(&mut out, if c == 'ς' { 'σ' } else { c });
            }
        }
        out
    };
    !a.trim().is_empty() && norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::same_person;

    #[test]
    fn names_compare_without_case_or_extra_spaces() {
        for (a, b) in [
            ("Ana Silva", "  ana   silva "),
            ("ÉLODIE Durand", "élodie durand"),
            ("ΣΟΦΟΣ", "Σοφος"),
            ("Ольга", "ОЛЬГА"),
            ("İlker", "i\u{307}lker"),
        ] {
            assert!(same_person(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Ana Silva", "Ana Silvas"),
            ("", ""),
            ("  ", "  "),
            ("Jörg", "Jorg"),
        ] {
            assert!(!same_person(a, b), "{a} / {b}");
        }
    }
}
