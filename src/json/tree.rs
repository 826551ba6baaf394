//! Any serde value into a [`Json`] tree, the way serde_json's data model
//! sees it: structs and maps are objects (map keys must be strings), unit
//! variants are strings, other variants `{ "variant": value }`, `None` and
//! unit are `null`, bytes are arrays of numbers.
//!
//! This is the only serializer instantiated per type; everything after
//! the tree is one non-generic function.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

use super::{Error, Json};

type Tree = Json<'static>;

/// `value` as a tree.
pub fn to_tree<T: Serialize + ?Sized>(value: &T) -> Result<Tree, Error> {
    value.serialize(TreeSerializer)
}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Error {
        Error::new(message.to_string())
    }
}

/// `{ variant: value }`, serde's external tagging.
fn tagged(variant: &'static str, value: Tree) -> Tree {
    Json::Object(vec![(Cow::Borrowed(variant), value)])
}

struct TreeSerializer;

/// Arrays, tuples and tuple variants (`variant`: wrapped at the end).
struct Items {
    items: Vec<Tree>,
    variant: Option<&'static str>,
}

/// Maps, structs and struct variants.
struct Entries {
    entries: Vec<(Cow<'static, str>, Tree)>,
    key: Option<Cow<'static, str>>,
    variant: Option<&'static str>,
}

impl Items {
    fn new(len: Option<usize>, variant: Option<&'static str>) -> Items {
        Items {
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant,
        }
    }

    // The generic methods only make the tree; the rest is out of line,
    // once for every type (0.3 KB less of the bundle after gzip).
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push_tree(to_tree(value))
    }

    #[inline(never)]
    fn push_tree(&mut self, tree: Result<Tree, Error>) -> Result<(), Error> {
        self.items.push(tree?);
        Ok(())
    }

    fn finish(self) -> Tree {
        let array = Json::Array(self.items);
        match self.variant {
            Some(variant) => tagged(variant, array),
            None => array,
        }
    }
}

impl Entries {
    fn new(len: Option<usize>, variant: Option<&'static str>) -> Entries {
        Entries {
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
            variant,
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.push_entry(Some(Cow::Borrowed(key)), to_tree(value))
    }

    /// `key`: `None` for the key `SerializeMap::serialize_key` kept.
    #[inline(never)]
    fn push_entry(
        &mut self,
        key: Option<Cow<'static, str>>,
        tree: Result<Tree, Error>,
    ) -> Result<(), Error> {
        let key = key.or_else(|| self.key.take()).unwrap_or_default();
        self.entries.push((key, tree?));
        Ok(())
    }

    #[inline(never)]
    fn set_key(&mut self, key: Result<Tree, Error>) -> Result<(), Error> {
        // As in JSON (and in serde-wasm-bindgen's plain objects), keys are
        // strings; unit variants are their names.
        match key? {
            Json::Str(key) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Error::new("a map key must be a string".into())),
        }
    }

    fn finish(self) -> Tree {
        let object = Json::Object(self.entries);
        match self.variant {
            Some(variant) => tagged(variant, object),
            None => object,
        }
    }
}

impl ser::Serializer for TreeSerializer {
    type Ok = Tree;
    type Error = Error;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Entries;
    type SerializeStruct = Entries;
    type SerializeStructVariant = Entries;

    fn serialize_bool(self, v: bool) -> Result<Tree, Error> {
        Ok(Json::Bool(v))
    }

    fn serialize_i8(self, v: i8) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_i16(self, v: i16) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_i32(self, v: i32) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_i64(self, v: i64) -> Result<Tree, Error> {
        Ok(Json::Int(v))
    }

    fn serialize_u8(self, v: u8) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_u16(self, v: u16) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_u32(self, v: u32) -> Result<Tree, Error> {
        Ok(Json::Int(v.into()))
    }

    fn serialize_u64(self, v: u64) -> Result<Tree, Error> {
        Ok(match i64::try_from(v) {
            Ok(i) => Json::Int(i),
            Err(_) => Json::UInt(v),
        })
    }

    fn serialize_f32(self, v: f32) -> Result<Tree, Error> {
        Ok(Json::Float(v.into()))
    }

    fn serialize_f64(self, v: f64) -> Result<Tree, Error> {
        Ok(Json::Float(v))
    }

    fn serialize_char(self, v: char) -> Result<Tree, Error> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }

    fn serialize_str(self, v: &str) -> Result<Tree, Error> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<Tree, Error> {
        Ok(Json::Array(
            v.iter().map(|&b| Json::Int(b.into())).collect(),
        ))
    }

    fn serialize_none(self) -> Result<Tree, Error> {
        Ok(Json::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Tree, Error> {
        to_tree(value)
    }

    fn serialize_unit(self) -> Result<Tree, Error> {
        Ok(Json::Null)
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<Tree, Error> {
        Ok(Json::Null)
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Tree, Error> {
        Ok(Json::Str(Cow::Borrowed(variant)))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Tree, Error> {
        to_tree(value)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Tree, Error> {
        Ok(tagged(variant, to_tree(value)?))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Items, Error> {
        Ok(Items::new(len, None))
    }

    fn serialize_tuple(self, len: usize) -> Result<Items, Error> {
        Ok(Items::new(Some(len), None))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Items, Error> {
        Ok(Items::new(Some(len), None))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Items, Error> {
        Ok(Items::new(Some(len), Some(variant)))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Entries, Error> {
        Ok(Entries::new(len, None))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Entries, Error> {
        Ok(Entries::new(Some(len), None))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Entries, Error> {
        Ok(Entries::new(Some(len), Some(variant)))
    }
}

// The sequence-like traits differ only in their method's name, and so do
// the struct-like ones: each is the same `push` or `field`, then `finish`.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Items {
            type Ok = Tree;
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }

            fn end(self) -> Result<Tree, Error> {
                Ok(self.finish())
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Entries {
            type Ok = Tree;
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<Tree, Error> {
                Ok(self.finish())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Entries {
    type Ok = Tree;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.set_key(to_tree(key))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push_entry(None, to_tree(value))
    }

    fn end(self) -> Result<Tree, Error> {
        Ok(self.finish())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;
    use serde_json::json;

    use super::to_tree;

    /// The tree, handed to a serde serializer (as the browser edge hands
    /// it to serde-wasm-bindgen), gives what the value itself gives.
    fn same_as_serde_json<T: Serialize>(value: &T) {
        let tree = to_tree(value).unwrap();
        assert_eq!(
            serde_json::to_value(&tree).unwrap(),
            serde_json::to_value(value).unwrap()
        );
    }

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Unit,
        Newtype(i64),
        Tuple(i64, String),
        Struct { a: Option<bool> },
    }

    #[derive(Serialize)]
    #[serde(tag = "status", rename_all = "snake_case")]
    enum Answer {
        Success { value: u32 },
        Failure { errors: Vec<String> },
    }

    #[derive(Serialize)]
    #[serde(untagged)]
    enum Either {
        Int(i64),
        Text(String),
    }

    #[derive(Serialize)]
    struct Wrapper(Vec<u8>);

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Everything<'a> {
        text: &'a str,
        chars: (char, char),
        numbers: (i8, i16, i32, i64, u8, u16, u32, u64, u64, f32, f64),
        nothing: (Option<u8>, (), Unit),
        empty: (Vec<u8>, BTreeMap<String, u8>),
        map: BTreeMap<String, Vec<Option<i64>>>,
        shapes: Vec<Shape>,
        answers: [Answer; 2],
        either: [Either; 2],
        wrapper: Wrapper,
        bytes: &'a serde_bytes_like::Bytes,
    }

    /// `&[u8]` serialized as bytes (serde's `serialize_bytes`).
    mod serde_bytes_like {
        pub struct Bytes(pub [u8; 3]);

        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn trees_are_what_serde_json_makes_of_the_same_value() {
        let everything = Everything {
            text: "quote \" backslash \\ nl \n é 😀",
            chars: ('x', '\u{10FFFF}'),
            numbers: (
                -8,
                -16,
                -32,
                i64::MIN,
                8,
                16,
                32,
                i64::MAX as u64,
                u64::MAX,
                1.5,
                -0.25,
            ),
            nothing: (None, (), Unit),
            empty: (vec![], BTreeMap::new()),
            map: [
                ("b".to_string(), vec![Some(1), None]),
                ("a".to_string(), vec![]),
            ]
            .into_iter()
            .collect(),
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(-3),
                Shape::Tuple(1, "x".into()),
                Shape::Struct { a: Some(true) },
                Shape::Struct { a: None },
            ],
            answers: [
                Answer::Success { value: 7 },
                Answer::Failure {
                    errors: vec!["e".into()],
                },
            ],
            either: [Either::Int(-1), Either::Text(String::new())],
            wrapper: Wrapper(vec![1, 2]),
            bytes: &serde_bytes_like::Bytes([0, 127, 255]),
        };
        same_as_serde_json(&everything);
        same_as_serde_json(&json!([[], {}, [[]], {"k": {}}, null, true, 0, -0.5, "", [1, [2]]]));
    }

    #[test]
    fn map_keys_must_be_strings_as_in_plain_objects() {
        let by_name: BTreeMap<&str, i32> = [("one", 1)].into_iter().collect();
        same_as_serde_json(&by_name);
        let by_number: BTreeMap<i32, i32> = [(1, 2)].into_iter().collect();
        assert_eq!(
            to_tree(&by_number).unwrap_err().to_string(),
            "a map key must be a string"
        );
        let nested: Vec<BTreeMap<i32, i32>> = vec![by_number];
        assert!(to_tree(&nested).is_err());
    }
}
