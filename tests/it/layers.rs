//! The layering of `src/`: no file imports a file that imports it back
//! (through any chain), and every import goes from a layer to itself or to
//! a layer it may use, as the table in ARCHITECTURE.md says.
//!
//! Imports are read from the source: `use` trees, and inline paths that
//! start with `crate`, `super`, `self`, a child module or a name a `use`
//! brought in. A path is resolved to the file that defines it, through
//! `pub use` re-exports. A parent declaring its children (`mod x;`) and
//! re-exporting them (`pub use x::Y;`) is not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::{read, root};

/// One crate's files by module path (`["policy", "load"]`), with what each
/// file's text says.
struct Crate {
    files: BTreeMap<Vec<String>, FileInfo>,
}

#[derive(Default)]
struct FileInfo {
    /// `src/...`, for messages.
    name: String,
    /// Child modules declared here (`mod x;` / `pub mod x;`).
    children: BTreeSet<String>,
    /// Absolute paths used here (resolved later), with whether each is a
    /// re-export (`pub use`).
    paths: Vec<(Vec<String>, bool)>,
    /// `pub use` names: name → absolute path it stands for.
    reexports: BTreeMap<String, Vec<String>>,
}

/// Source text without comments, strings and char literals.
fn strip(source: &str) -> String {
    let b = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'#' | b'"')) && !ident_byte(prev(b, i))
        {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push(c as char);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == b'"' && (0..hashes).all(|h| b.get(j + 1 + h) == Some(&b'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let close = if b.get(i + 1) == Some(&b'\\') {
                (i + 2..b.len().min(i + 12)).find(|&j| b[j] == b'\'')
            } else {
                let len = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 1 + len)
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            let len = source[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&source[i..i + len]);
            i += len;
        }
    }
    out
}

fn prev(b: &[u8], i: usize) -> u8 {
    if i == 0 { b' ' } else { b[i - 1] }
}

fn ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Path,
    Punct(char),
}

fn tokens(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if ident_byte(c) {
            let start = i;
            while i < b.len() && ident_byte(b[i]) {
                i += 1;
            }
            out.push(Tok::Ident(text[start..i].to_string()));
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            out.push(Tok::Path);
            i += 2;
        } else if c.is_ascii_whitespace() {
            i += 1;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(Tok::Punct(ch));
            i += ch.len_utf8();
        }
    }
    out
}

/// The flattened paths of a `use` tree starting at `toks[*at]`; moves
/// `at` past the tree. Each is (path, alias).
fn use_tree(toks: &[Tok], at: &mut usize, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*at) {
            Some(Tok::Ident(name)) => {
                *at += 1;
                if name == "self" && !path.is_empty() {
                    let alias = path.last().cloned().unwrap_or_default();
                    out.push((path.clone(), alias));
                    return;
                }
                path.push(name.clone());
                match toks.get(*at) {
                    Some(Tok::Path) => *at += 1,
                    Some(Tok::Ident(kw)) if kw == "as" => {
                        *at += 1;
                        let alias = match toks.get(*at) {
                            Some(Tok::Ident(a)) => a.clone(),
                            _ => String::new(),
                        };
                        *at += 1;
                        out.push((path, alias));
                        return;
                    }
                    _ => {
                        let alias = path.last().cloned().unwrap_or_default();
                        out.push((path, alias));
                        return;
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                *at += 1;
                out.push((path, String::new()));
                return;
            }
            Some(Tok::Punct('{')) => {
                *at += 1;
                loop {
                    match toks.get(*at) {
                        Some(Tok::Punct('}')) => {
                            *at += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *at += 1,
                        None => return,
                        _ => use_tree(toks, at, &path, out),
                    }
                }
            }
            _ => return,
        }
    }
}

/// Makes `path` (as written in the file at module `module`) absolute, or
/// `None` for a path into another crate or std.
fn absolute(
    module: &[String],
    children: &BTreeSet<String>,
    aliases: &BTreeMap<String, Vec<String>>,
    path: &[String],
) -> Option<Vec<String>> {
    let first = path.first()?;
    let mut out: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => {
            let mut base = module.to_vec();
            let mut rest = path;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            return Some(base);
        }
        name if children.contains(name) => {
            let mut base = module.to_vec();
            base.push(name.to_string());
            base
        }
        name => match aliases.get(name) {
            Some(target) => target.clone(),
            None => return None,
        },
    };
    out.extend(path.iter().skip(1).cloned());
    Some(out)
}

fn module_of(crate_root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(crate_root).unwrap();
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The module each token is in: the file's, or an inline `mod x { .. }`
/// inside it (such as `mod tests`), where `super` and `self` mean more.
fn inline_modules(module: &[String], toks: &[Tok]) -> Vec<Vec<String>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut current = module.to_vec();
    // (depth of the `{` that opened an inline module)
    let mut opened: Vec<usize> = Vec::new();
    let mut depth = 0;
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Punct('{') => {
                depth += 1;
                if let (Some(Tok::Ident(name)), Some(Tok::Ident(kw))) =
                    (toks.get(i.wrapping_sub(1)), toks.get(i.wrapping_sub(2)))
                {
                    if kw == "mod" {
                        current.push(name.clone());
                        opened.push(depth);
                    }
                }
            }
            Tok::Punct('}') => {
                if opened.last() == Some(&depth) {
                    opened.pop();
                    current.pop();
                }
                depth -= 1;
            }
            _ => {}
        }
        out.push(current.clone());
    }
    out
}

fn read_file(module: &[String], name: String, source: &str) -> FileInfo {
    let text = strip(source);
    let toks = tokens(&text);
    let modules = inline_modules(module, &toks);
    let mut info = FileInfo {
        name,
        ..FileInfo::default()
    };
    // Child modules first: `mod x;` (not inline `mod tests { .. }`).
    for w in toks.windows(3) {
        if let [Tok::Ident(kw), Tok::Ident(name), Tok::Punct(';')] = w {
            if kw == "mod" {
                info.children.insert(name.clone());
            }
        }
    }
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut uses: Vec<(Vec<String>, bool)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Tok::Ident("use".into()) {
            // `pub use` or `pub(crate) use`, `pub(super) use`: a re-export.
            let public = matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Ident(p)) if p == "pub")
                || (matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Punct(')')))
                    && matches!(toks.get(i.wrapping_sub(4)), Some(Tok::Ident(p)) if p == "pub"));
            let mut at = i + 1;
            let mut flat = Vec::new();
            use_tree(&toks, &mut at, &[], &mut flat);
            for (path, alias) in flat {
                if let Some(abs) = absolute(&modules[i], &info.children, &aliases, &path) {
                    if !alias.is_empty() {
                        aliases.insert(alias.clone(), abs.clone());
                        if public {
                            info.reexports.insert(alias, abs.clone());
                        }
                    }
                    uses.push((abs, public));
                }
            }
            i = at;
            continue;
        }
        i += 1;
    }
    // Inline paths: `a::b::c` sequences not inside a `use`.
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == Tok::Ident("use".into()) {
            while i < toks.len() && toks[i] != Tok::Punct(';') {
                i += 1;
            }
            continue;
        }
        let starts_path = matches!(&toks[i], Tok::Ident(_))
            && toks.get(i + 1) == Some(&Tok::Path)
            && (i == 0 || toks[i - 1] != Tok::Path);
        if starts_path {
            let mut path = Vec::new();
            let mut j = i;
            while let Some(Tok::Ident(seg)) = toks.get(j) {
                path.push(seg.clone());
                if toks.get(j + 1) == Some(&Tok::Path) {
                    j += 2;
                } else {
                    break;
                }
            }
            if let Some(abs) = absolute(&modules[i], &info.children, &aliases, &path) {
                uses.push((abs, false));
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
    info.paths = uses;
    info
}

fn read_crate(crate_root: &Path, files: &[std::path::PathBuf]) -> Crate {
    let mut krate = Crate {
        files: BTreeMap::new(),
    };
    for file in files {
        let module = module_of(crate_root, file);
        let name = file
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let info = read_file(&module, name, &read(file));
        krate.files.insert(module, info);
    }
    krate
}

impl Crate {
    /// The module path of the file that defines `path`.
    fn resolve(&self, path: &[String], depth: usize) -> Option<Vec<String>> {
        let mut module: Vec<String> = Vec::new();
        for (n, seg) in path.iter().enumerate() {
            let mut next = module.clone();
            next.push(seg.clone());
            if self.files.contains_key(&next) {
                module = next;
                continue;
            }
            // Not a module: an item of `module`, unless it re-exports it.
            let file = self.files.get(&module)?;
            if let Some(target) = file.reexports.get(seg) {
                if depth < 8 && target != path {
                    let mut full = target.clone();
                    full.extend(path.iter().skip(n + 1).cloned());
                    return self.resolve(&full, depth + 1).or(Some(module));
                }
            }
            return Some(module);
        }
        Some(module)
    }

    /// File → files it imports.
    fn edges(&self) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
        let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, info) in &self.files {
            let out = edges.entry(module.clone()).or_default();
            for (path, reexport) in &info.paths {
                let Some(target) = self.resolve(path, 0) else {
                    continue;
                };
                let into_child = target.len() > module.len() && target.starts_with(module);
                if target == *module || (*reexport && into_child) {
                    continue;
                }
                out.insert(target);
            }
        }
        edges
    }
}

/// Every strongly connected component with more than one file.
fn cycles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    // Two files are in one cycle when each reaches the other.
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(f) = stack.pop() {
            for next in edges.get(&f).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<_, _> = edges.keys().map(|f| (f.clone(), reach(f))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for f in edges.keys() {
        if done.contains(f) || !reaches[f].contains(f) {
            continue;
        }
        let component: Vec<Vec<String>> = edges
            .keys()
            .filter(|g| reaches[f].contains(*g) && reaches[*g].contains(f))
            .cloned()
            .collect();
        done.extend(component.iter().cloned());
        out.push(component);
    }
    out
}

/// The layer table of ARCHITECTURE.md: (layer, module prefixes, may use).
fn layers() -> Vec<(String, Vec<Vec<String>>, Vec<String>)> {
    let doc = read(&root().join("ARCHITECTURE.md"));
    let start = doc
        .find("<!-- layers -->")
        .expect("ARCHITECTURE.md has a `<!-- layers -->` table");
    let ticks = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    doc[start..]
        .lines()
        .skip(1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let name = ticks(cells[1]).pop().expect("a layer name in backticks");
            let modules = ticks(cells[2])
                .into_iter()
                .map(|m| {
                    m.split("::")
                        .filter(|s| !s.is_empty() && *s != "crate")
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            (name, modules, ticks(cells[3]))
        })
        .collect()
}

fn src_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            src_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn show(module: &[String]) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let src = root().join("src");
    let mut all = Vec::new();
    src_files(&src, &mut all);
    // The library, and the binary (`main.rs` and `cli/`), are two crates.
    let (bin, lib): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|f| f.ends_with("main.rs") || f.starts_with(src.join("cli")));
    let mut problems = Vec::new();
    for (files, what) in [(lib, "library"), (bin, "binary")] {
        let krate = read_crate(&src, &files);
        for cycle in cycles(&krate.edges()) {
            let names: Vec<&str> = cycle.iter().map(|m| krate.files[m].name.as_str()).collect();
            problems.push(format!("{what}: {}", names.join(" ↔ ")));
        }
    }
    assert!(
        problems.is_empty(),
        "import cycles between files:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_import_goes_to_a_layer_it_may_use() {
    let src = root().join("src");
    let mut files = Vec::new();
    src_files(&src, &mut files);
    files.retain(|f| !(f.ends_with("main.rs") || f.starts_with(src.join("cli"))));
    let krate = read_crate(&src, &files);
    let table = layers();
    let layer_of = |module: &[String]| -> Option<&str> {
        table
            .iter()
            .flat_map(|(name, prefixes, _)| prefixes.iter().map(move |p| (name, p)))
            .filter(|(_, p)| module.starts_with(p))
            .max_by_key(|(_, p)| p.len())
            .map(|(name, _)| name.as_str())
    };
    // What each layer may use, with what those may use.
    let may_use = |layer: &str| -> BTreeSet<String> {
        let mut out = BTreeSet::from([layer.to_string()]);
        let mut stack = vec![layer.to_string()];
        while let Some(l) = stack.pop() {
            for (name, _, uses) in &table {
                if *name == l {
                    for u in uses {
                        if out.insert(u.clone()) {
                            stack.push(u.clone());
                        }
                    }
                }
            }
        }
        out
    };
    let mut problems = Vec::new();
    for (module, targets) in krate.edges() {
        let name = &krate.files[&module].name;
        let Some(from) = layer_of(&module) else {
            problems.push(format!("{name} ({}) is in no layer", show(&module)));
            continue;
        };
        let allowed = may_use(from);
        for target in targets {
            let to = layer_of(&target).unwrap_or("(none)");
            if !allowed.contains(to) {
                problems.push(format!(
                    "{name} (layer `{from}`) imports {} (layer `{to}`)",
                    krate.files[&target].name
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "imports the layer table in ARCHITECTURE.md does not allow:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_import_reader_sees_use_trees_inline_paths_and_reexports() {
    let source = r#"
        //! doc with crate::nothing::here
        mod child;
        pub use child::Thing;
        use super::{sibling::{self, Item as Renamed}, other};
        use crate::deep::path::Name;
        fn f() { let s = "crate::in::a::string"; sibling::call(); crate::inline::path(); child::g(); let c = '}'; }
    "#;
    let module = vec!["a".to_string(), "b".to_string()];
    let info = read_file(&module, "x".into(), source);
    let paths: Vec<(String, bool)> = info.paths.iter().map(|(p, r)| (p.join("::"), *r)).collect();
    let expect = [
        ("a::b::child::Thing", true),
        ("a::sibling", false),
        ("a::sibling::Item", false),
        ("a::other", false),
        ("deep::path::Name", false),
        ("a::sibling::call", false),
        ("inline::path", false),
        ("a::b::child::g", false),
    ];
    for (path, reexport) in expect {
        assert!(
            paths.contains(&(path.to_string(), reexport)),
            "{path} not found in {paths:?}"
        );
    }
    assert!(
        !paths
            .iter()
            .any(|(p, _)| p.contains("nothing") || p.contains("in::a"))
    );
    assert_eq!(info.reexports["Thing"].join("::"), "a::b::child::Thing");
}

#[test]
fn a_cycle_through_three_files_is_found() {
    let m = |s: &str| vec![s.to_string()];
    let edges = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("c")])),
        (m("c"), BTreeSet::from([m("a"), m("d")])),
        (m("d"), BTreeSet::new()),
    ]);
    assert_eq!(cycles(&edges), vec![vec![m("a"), m("b"), m("c")]]);
}
