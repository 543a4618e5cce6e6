//! The repository stands on its own: every link in the README and in `docs/` points to a
//! file inside it (a clone has no `../shared`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// The targets of Markdown links and images: `[text](target)`.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        out.push(after[..end].trim().to_owned());
        rest = &after[end..];
    }
    out
}

fn check(file: &Path) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        !text.contains("../shared"),
        "{}: mentions ../shared, which a clone does not have",
        file.display()
    );
    let base = file.parent().unwrap();
    for target in links(&text) {
        if target.starts_with("http://")
            || target.starts_with("https://")
            || target.starts_with('#')
        {
            continue;
        }
        let path = target.split('#').next().unwrap();
        let resolved = base.join(path);
        assert!(
            resolved.exists(),
            "{}: the link {target} points to nothing ({})",
            file.display(),
            resolved.display()
        );
        let root = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
        let inside = std::fs::canonicalize(&resolved).unwrap();
        assert!(
            inside.starts_with(&root),
            "{}: the link {target} leaves the repository",
            file.display()
        );
    }
}

#[test]
fn readme_and_docs_link_only_inside_the_repository() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    check(&root.join("README.md"));
    check(&root.join("ARCHITECTURE.md"));
    let mut docs = 0;
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            check(&path);
            docs += 1;
        }
    }
    assert!(
        docs >= 4,
        "docs/ holds the map format, the CLI, the rules and the latency model"
    );
    for needed in ["map-format.md", "cli.md", "rules.md", "latency.md"] {
        assert!(root.join("docs").join(needed).is_file(), "docs/{needed}");
    }
}
