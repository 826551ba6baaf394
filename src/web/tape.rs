//! Rust values to JS values in one crossing. A serde `Serializer` writes
//! any `Serialize` value as a flat tape (numbers, and one text holding
//! every string); `hotgate_value` in `build.js` turns the tape into plain
//! objects and arrays. The shapes are serde's JSON shapes, as
//! serde_json writes them: `tests/web.rs` compares the two.
//!
//! The tape, each entry a number (strings are a UTF-16 offset and length
//! into the text):
//!
//! | tag | then | value |
//! |---|---|---|
//! | 0 | | `null` |
//! | 1, 2 | | `false`, `true` |
//! | 3 | the number | a number |
//! | 4 | offset, length | a string |
//! | 5 | count, then count values | an array |
//! | 6 | count, then count (key offset, key length, value) | an object |

use std::fmt;

use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/build.js")]
extern "C" {
    fn hotgate_value(numbers: &[f64], text: &str) -> JsValue;
    fn hotgate_json(numbers: &[f64], text: &str, indent: u32) -> String;
}

const NULL: f64 = 0.0;
const FALSE: f64 = 1.0;
const TRUE: f64 = 2.0;
const NUMBER: f64 = 3.0;
const STRING: f64 = 4.0;
const ARRAY: f64 = 5.0;
const OBJECT: f64 = 6.0;

/// `value` as a plain JS value, or a string saying why it could not be
/// converted (no type of ours fails).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let mut tape = Tape::default();
    let written = value.serialize(&mut tape);
    tape.to_js(written)
}

/// `value` as JSON text (by `JSON.stringify`, indented by `indent` spaces
/// when not 0).
pub fn to_json<T: Serialize + ?Sized>(value: &T, indent: u32) -> String {
    let mut tape = Tape::default();
    match value.serialize(&mut tape) {
        Ok(()) => hotgate_json(&tape.numbers, &tape.text, indent),
        Err(_) => String::new(),
    }
}

/// UTF-16 units in UTF-8 `bytes`: one per char, two above U+FFFF (one per
/// lead byte, plus one per 4-byte lead).
pub fn utf16_units(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xc0 != 0x80) + usize::from(b >= 0xf0))
        .sum()
}

#[derive(Default)]
pub struct Tape {
    numbers: Vec<f64>,
    text: String,
    /// The length of `text` in UTF-16 units.
    utf16: usize,
}

impl Tape {
    fn to_js(&self, written: Result<(), Error>) -> JsValue {
        match written {
            Ok(()) => hotgate_value(&self.numbers, &self.text),
            Err(e) => JsValue::from_str(&format!("hotgate: could not convert a result: {e}")),
        }
    }

    fn string(&mut self, s: &str) {
        let units = utf16_units(s.as_bytes());
        self.text.push_str(s);
        self.numbers.push(self.utf16 as f64);
        self.numbers.push(units as f64);
        self.utf16 += units;
    }

    fn tagged_string(&mut self, s: &str) {
        self.numbers.push(STRING);
        self.string(s);
    }

    fn number(&mut self, n: f64) {
        self.numbers.extend([NUMBER, n]);
    }

    /// Opens an array or object whose count is filled in by `end`.
    fn open(&mut self, tag: f64) -> Compound<'_> {
        self.numbers.extend([tag, 0.0]);
        let count_at = self.numbers.len() - 1;
        Compound {
            tape: self,
            count_at,
            count: 0,
        }
    }

    /// `{ variant: … }`, as serde writes data-carrying enum variants.
    fn variant(&mut self, variant: &str) {
        self.numbers.extend([OBJECT, 1.0]);
        self.string(variant);
    }
}

pub struct Compound<'a> {
    tape: &'a mut Tape,
    count_at: usize,
    count: u32,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        // Counted first, so that the call is the last thing done (an error
        // ends the whole tape anyway).
        self.count += 1;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.tape.string(key);
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        if let Some(slot) = self.tape.numbers.get_mut(self.count_at) {
            *slot = f64::from(self.count);
        }
        Ok(())
    }
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.numbers.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        // JSON has no NaN or infinity: serde_json writes them as null.
        if v.is_finite() {
            self.number(v);
        } else {
            self.numbers.push(NULL);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tagged_string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.tagged_string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut array = self.open(ARRAY);
        for b in v {
            array.element(b)?;
        }
        array.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.numbers.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open(ARRAY))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.open(OBJECT))
    }
}

/// Arrays: sequences, tuples and tuple structs and variants, alike but for
/// the name of the method that adds an element.
macro_rules! array {
    ($trait:ident, $add:ident) => {
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    };
}

array!(SerializeSeq, serialize_element);
array!(SerializeTuple, serialize_element);
array!(SerializeTupleStruct, serialize_field);
array!(SerializeTupleVariant, serialize_field);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(MapKey(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// Objects with field names: structs and struct variants.
macro_rules! object {
    ($trait:ident) => {
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        }
    };
}

object!(SerializeStruct);
object!(SerializeStructVariant);

/// A map key: JSON keys are strings; numbers are written as their digits,
/// as serde_json does.
struct MapKey<'a>(&'a mut Tape);

fn not_a_key() -> Error {
    Error("a map key must be a string or an integer".into())
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, _v: bool) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(not_a_key())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_a_key())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(not_a_key())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(not_a_key())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_a_key())
    }
}
