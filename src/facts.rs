//! Facts: the validated value of every input of a policy, as evaluation
//! reads them (`incident::validate` makes them from an incident).

use serde::Serialize;

/// The value of one input after validation.
#[derive(Clone, Debug, PartialEq)]
pub enum Fact {
    Bool(bool),
    Int(i64),
    /// The index of the chosen option; `None`: not answered.
    Choice(Option<u16>),
    /// `None`: not answered.
    Text(Option<String>),
}

/// Every input's value, indexed like the policy's inputs. Unanswered bools
/// are `false`, unanswered ints `0`.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    values: Vec<Fact>,
    /// Each input as one number, for evaluation: a bool is 0 or 1, an int
    /// itself, a choice its option index (-1 unanswered); text is 0.
    scalars: Scalars,
    /// The inputs that were asked but not answered (validly), by index: they
    /// count as `false`, `0` or nothing, and a decision says so.
    unanswered: Vec<u16>,
}

/// Up to [`INLINE`] scalars live inside `Facts` itself, so evaluating a
/// typical policy reads one contiguous block; larger policies spill to the heap.
#[derive(Clone, Debug, PartialEq)]
enum Scalars {
    Inline([i64; INLINE]),
    Heap(Vec<i64>),
}

const INLINE: usize = 16;

impl Scalars {
    fn new(values: impl ExactSizeIterator<Item = i64>) -> Scalars {
        if values.len() <= INLINE {
            let mut inline = [0; INLINE];
            for (slot, value) in inline.iter_mut().zip(values) {
                *slot = value;
            }
            Scalars::Inline(inline)
        } else {
            Scalars::Heap(values.collect())
        }
    }

    #[inline]
    fn as_slice(&self) -> &[i64] {
        match self {
            Scalars::Inline(a) => a,
            Scalars::Heap(v) => v,
        }
    }

    #[inline]
    fn get(&self, index: usize) -> i64 {
        match self {
            Scalars::Inline(a) => a.get(index).copied().unwrap_or(0),
            Scalars::Heap(v) => v.get(index).copied().unwrap_or(0),
        }
    }

    fn get_mut(&mut self, index: usize) -> Option<&mut i64> {
        match self {
            Scalars::Inline(a) => a.get_mut(index),
            Scalars::Heap(v) => v.get_mut(index),
        }
    }
}

fn scalar(fact: &Fact) -> i64 {
    match fact {
        Fact::Bool(b) => i64::from(*b),
        Fact::Int(i) => *i,
        Fact::Choice(c) => c.map_or(-1, i64::from),
        Fact::Text(_) => 0,
    }
}

/// A value as shown in a decision's *why* and in exports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Text(String),
    Null,
}

/// A [`Value`] borrowed from the facts and the policy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValueRef<'a> {
    Bool(bool),
    Int(i64),
    Text(&'a str),
    Null,
}

impl Facts {
    /// Facts from each input's value, in the policy's order.
    pub fn new(values: Vec<Fact>) -> Facts {
        let scalars = Scalars::new(values.iter().map(scalar));
        Facts {
            values,
            scalars,
            unanswered: Vec::new(),
        }
    }

    /// The inputs asked without a (valid) answer, by index, in the policy's order.
    pub fn unanswered(&self) -> &[u16] {
        &self.unanswered
    }

    /// Records which asked inputs have no answer (validation does).
    pub fn set_unanswered(&mut self, unanswered: Vec<u16>) {
        self.unanswered = unanswered;
    }

    #[inline]
    fn scalar(&self, index: u16) -> i64 {
        self.scalars.get(usize::from(index))
    }

    pub fn get(&self, index: u16) -> Option<&Fact> {
        self.values.get(usize::from(index))
    }

    /// Every input as one number (see [`Facts`]), by input index.
    #[inline]
    pub fn scalars(&self) -> &[i64] {
        self.scalars.as_slice()
    }

    #[inline]
    pub fn bool(&self, index: u16) -> bool {
        self.scalar(index) != 0
    }

    #[inline]
    pub fn int(&self, index: u16) -> i64 {
        self.scalar(index)
    }

    #[inline]
    pub fn choice(&self, index: u16) -> Option<u16> {
        u16::try_from(self.scalar(index)).ok()
    }

    pub fn text(&self, index: u16) -> &str {
        match self.get(index) {
            Some(Fact::Text(Some(t))) => t,
            _ => "",
        }
    }

    /// Sets input `index` to `fact`.
    pub fn set(&mut self, index: usize, fact: Fact) {
        if let Some(slot) = self.scalars.get_mut(index) {
            *slot = scalar(&fact);
        }
        if let Some(slot) = self.values.get_mut(index) {
            *slot = fact;
        }
    }
}
