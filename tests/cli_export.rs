//! `stateline export` and `stateline diff` as a user runs them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stateline"))
}

fn map(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("saved-maps")
        .join(name)
}

#[test]
fn export_writes_every_format_by_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (ext, magic) in [
        ("svg", &b"<svg"[..]),
        ("png", &b"\x89PNG"[..]),
        ("pdf", &b"%PDF-"[..]),
        ("md", &b"# "[..]),
        ("html", &b"<!DOCTYPE html>"[..]),
        ("csv", &b"severity,rule"[..]),
    ] {
        let out = dir.path().join(format!("pack.{ext}"));
        let status = bin()
            .args(["export"])
            .arg(map("hybrid-bedrock-azure.ron"))
            .arg("-o")
            .arg(&out)
            .args([
                "--interpretation",
                "api-access",
                "--as-of",
                "2026-03-15",
                "--scale",
                "0.5",
            ])
            .status()
            .unwrap();
        assert!(status.success(), "{ext}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{ext}");
    }
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 6, "no temp file left behind");
}

#[test]
fn export_refuses_unusable_input_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("export")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg("-o")
        .arg(dir.path().join("pack.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown export format") && err.contains("svg, png, pdf, md, html, csv"),
        "{err}"
    );
    let list = err
        .split("must be one of: ")
        .nth(1)
        .unwrap_or_default()
        .trim();
    let listed: Vec<&str> = list.split(", ").collect();
    for ext in ["svg", "png", "pdf", "md", "html", "csv"] {
        assert_eq!(
            listed.iter().filter(|e| **e == ext).count(),
            1,
            "each format listed once: {err}"
        );
    }

    let out = bin()
        .arg("export")
        .arg(dir.path().join("missing.ron"))
        .arg("-o")
        .arg(dir.path().join("x.svg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("x.svg").exists());

    let out = bin()
        .arg("export")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg("-o")
        .arg(dir.path().join("x.png"))
        .args(["--scale", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The one range of PNG scales, as the renderer says it.
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        format!(
            "--{}",
            stateline::io::export::png_scale_refused(100.0).unwrap()
        ),
    );
    let m = stateline::io::load_path(
        &map("hybrid-bedrock-azure.ron"),
        stateline::domain::Catalog::builtin(),
    )
    .unwrap();
    let a = crate::common::analyse(&m);
    let opts = stateline::io::export::ExportOptions {
        png_scale: 100.0,
        ..Default::default()
    };
    assert_eq!(
        stateline::io::export::png(&m, &a, &opts)
            .unwrap_err()
            .to_string(),
        stateline::io::export::png_scale_refused(100.0).unwrap()
    );

    let out = bin()
        .arg("export")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg("-o")
        .arg(dir.path().join("x.md"))
        .arg("--with-report")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_pdf_with_report_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pack.pdf");
    let status = bin()
        .arg("export")
        .arg(map("bedrock-sre-agent.ron"))
        .arg("-o")
        .arg(&out)
        .arg("--with-report")
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let n = |needle: &[u8]| pdf.windows(needle.len()).filter(|w| *w == needle).count();
    assert!(n(b"/Type /Page") - n(b"/Type /Pages") >= 2);
}

#[test]
fn diff_prints_text_and_json() {
    let out = bin()
        .arg("diff")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg(map("bedrock-sre-agent.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Components") && text.contains("  + "),
        "{text}"
    );
    // A zone or component is named as every view names it: `Label (id)`.
    assert!(
        text.contains("  + AWS us-east-1 — platform-sre account (aws-use1)"),
        "{text}"
    );

    let out = bin()
        .arg("diff")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg(map("hybrid-bedrock-azure.ron"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["components"]["added"].as_array().unwrap().is_empty());
    assert!(json["analysis"]["flows"].is_array());

    let out = bin()
        .arg("diff")
        .arg(map("hybrid-bedrock-azure.ron"))
        .arg("/nonexistent/new.ron")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/new.ron"));
}
