//! Canvas templates on disk: the three that ship with Credence (compiled
//! in from `assets/templates/`), and the user's own, kept as RON files in
//! the platform data folder (`$XDG_DATA_HOME/credence/templates`).

use super::locate::line_col;
use super::{LoadError, SaveError, atomic};
use crate::model::Template;
use std::path::{Path, PathBuf};

/// The templates that ship with Credence, in menu order.
pub const BUILT_IN: [(&str, &str); 3] = [
    (
        "lean-capability-canvas.ron",
        include_str!("../../assets/templates/lean-capability-canvas.ron"),
    ),
    (
        "lean-canvas.ron",
        include_str!("../../assets/templates/lean-canvas.ron"),
    ),
    (
        "blank-grid.ron",
        include_str!("../../assets/templates/blank-grid.ron"),
    ),
];

/// Larger template files are refused before more is read.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// Parses and checks a template; errors name `path`, line and column.
pub fn parse(text: &str, path: &Path) -> Result<Template, LoadError> {
    let template: Template = ron::from_str(text).map_err(|e| {
        let (line, col, message) = super::ron_error::describe(&e, "invalid template");
        LoadError::at(path, line, col, message)
    })?;
    if template.version != 1 {
        let (line, col) = text
            .find("version")
            .map_or((1, 1), |offset| line_col(text, offset));
        return Err(LoadError::at(
            path,
            line,
            col,
            format!(
                "template version {} is not one this Credence reads (1)",
                template.version
            ),
        ));
    }
    if let Some(problem) = template.problem() {
        return Err(LoadError::whole(path, problem));
    }
    Ok(template)
}

/// The built-in templates, parsed.
pub fn built_in() -> Vec<Template> {
    BUILT_IN
        .iter()
        .map(|(name, text)| parse(text, Path::new(name)).expect("built-in templates are valid"))
        .collect()
}

/// Where the user's own templates live: `$CREDENCE_TEMPLATE_DIR`, else
/// `templates` in the data folder.
pub fn user_dir() -> Option<PathBuf> {
    super::data_dir("CREDENCE_TEMPLATE_DIR", "templates")
}

/// Every `.ron` template in `dir`, sorted by file name; files that fail to
/// load are returned as errors beside the good ones, so one bad file does
/// not hide the rest.
pub fn load_dir(dir: &Path) -> Vec<Result<Template, LoadError>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

pub fn load(path: &Path) -> Result<Template, LoadError> {
    let bytes = super::bounded::read(path, MAX_TEMPLATE_BYTES, "template")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LoadError::whole(path, "not a template: the file is not UTF-8 text".into()))?;
    parse(&text, path)
}

/// A file name for a template called `name`: lowercase words joined by
/// dashes, nothing that could leave the folder.
pub fn file_name(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    if out.is_empty() {
        out.push_str("template");
    }
    out.push_str(".ron");
    out
}

/// Saves `template` into `dir` (created if needed), atomically.
pub fn save(dir: &Path, template: &Template) -> Result<PathBuf, SaveError> {
    let path = dir.join(file_name(&template.name));
    std::fs::create_dir_all(dir).map_err(|e| SaveError::new(&path, &e))?;
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(2)
        .indentor("    ".to_string());
    let text = ron::ser::to_string_pretty(template, config)
        .expect("a template holds only strings and numbers");
    atomic::write(&path, format!("{text}\n").as_bytes()).map_err(|e| SaveError::new(&path, &e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_are_valid() {
        let all = built_in();
        assert_eq!(all[0].name, "Lean Capability Canvas");
        assert_eq!(all[0].sections.len(), 9);
        assert_eq!(all[1].name, "Lean Canvas");
        assert_eq!(all[1].sections.len(), 9);
        assert_eq!(all[2].name, "Blank grid");
    }

    #[test]
    fn file_names_stay_in_the_folder() {
        assert_eq!(file_name("../../etc/passwd"), "etc-passwd.ron");
        assert_eq!(file_name("Team Health 2"), "team-health-2.ron");
        assert_eq!(file_name("///"), "template.ron");
    }

    #[test]
    fn overlapping_sections_are_refused() {
        let text = "(version: 1, name: \"X\", columns: 2, rows: 1, sections: [\
            (title: \"A\", cells: (col: 0, row: 0, cols: 2, rows: 1)),\
            (title: \"B\", cells: (col: 1, row: 0, cols: 1, rows: 1))])";
        let err = parse(text, Path::new("x.ron")).unwrap_err().to_string();
        assert_eq!(err, "x.ron: sections \"A\" and \"B\" overlap");
    }

    #[test]
    fn saved_templates_load_back() {
        let dir = std::env::temp_dir().join(format!("credence-templates-{}", std::process::id()));
        let template = built_in().remove(1);
        let path = save(&dir, &template).unwrap();
        assert_eq!(load(&path).unwrap(), template);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
