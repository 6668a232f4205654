//! The configuration file: `config.toml` in the watchdesk config directory.
//! Every key is optional; a bad file is an error that names the file, the
//! key and the line.

use std::path::{Path, PathBuf};

use chrono::Duration;
use ratatui::style::Color;
use serde::Deserialize;

use crate::clock::Thresholds;

/// A starting configuration, every key at its default.
pub const DEFAULT_CONFIG: &str = r##"# watchdesk configuration. Every key is optional; these are the defaults.

[alerts]
# An open indicator turns amber, then red, when this little time is left.
amber_hours = 24
red_hours = 6
# Flag the review as stale when nothing has changed for this long.
stale_hours = 4
# Ring the terminal bell and send a desktop notification (OSC 9 / OSC 777)
# once per crossing into amber, red or expiry.
bell = true
notify = true
# Ring again every this many minutes while a red alert is not acknowledged
# (the a key); 0 rings once only.
rering_red_minutes = 0

[analyst]
# Stamped on notes and reports.
# initials = "JD"
# The name the other desks of a shared watch see (default: the initials).
# name = "Jane Doe"

[share]
# The shared folder of a team (Syncthing, Dropbox, a network drive, or a git
# work tree). Also --share DIR and WATCHDESK_SHARE, which come first.
# dir = "/home/jd/Sync/watch"
# When the share is a git work tree: run `watchdesk sync` every N minutes
# from the desk (0: never).
git_sync_minutes = 0

[display]
# A banner shown on screen and at the top and bottom of every report.
# classification = "UNCLASSIFIED"
# The banner's colour. By default it follows the marking, as in the common US
# scheme: UNCLASSIFIED green, CUI purple, CONFIDENTIAL blue, SECRET red,
# TOP SECRET orange (yellow with SCI); any other marking, red.
# classification_color = "green"
# false: no colour at all (as with NO_COLOR set).
color = true

[colors]
# Named colours (black, red, green, yellow, blue, magenta, cyan, white, gray,
# darkgray, lightred, ...) or "#rrggbb".
# accent = "cyan"
# amber = "yellow"
# red = "red"
# observed = "green"
"##;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    alerts: Alerts,
    #[serde(default)]
    analyst: Analyst,
    #[serde(default)]
    display: Display,
    #[serde(default)]
    colors: Colors,
    #[serde(default)]
    share: ShareKeys,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareKeys {
    dir: Option<PathBuf>,
    git_sync_minutes: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Alerts {
    amber_hours: Option<f64>,
    red_hours: Option<f64>,
    stale_hours: Option<f64>,
    bell: Option<bool>,
    notify: Option<bool>,
    rering_red_minutes: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Analyst {
    initials: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Display {
    classification: Option<String>,
    classification_color: Option<toml::Spanned<String>>,
    color: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Colors {
    accent: Option<String>,
    amber: Option<String>,
    red: Option<String>,
    observed: Option<String>,
}

/// Colours the analyst chose, applied over the palette.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColorChoice {
    /// The classification banner's colour, over the marking's own.
    pub classification: Option<Color>,
    pub accent: Option<Color>,
    pub amber: Option<Color>,
    pub red: Option<Color>,
    pub observed: Option<Color>,
}

/// The settings the desk runs with.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub thresholds: Thresholds,
    pub stale_after: Duration,
    pub bell: bool,
    pub notify: bool,
    pub initials: Option<String>,
    /// The analyst's name for the other desks (`analyst.name`).
    pub analyst_name: Option<String>,
    /// The shared folder (`share.dir`).
    pub share: Option<PathBuf>,
    /// Minutes between git syncs of the share from the desk (0: off).
    pub git_sync_minutes: u32,
    pub classification: Option<String>,
    pub color: bool,
    pub colors: ColorChoice,
    /// Ring again for an unacknowledged red this often (`None`: once only).
    pub rering_red: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            thresholds: Thresholds::default(),
            stale_after: Duration::hours(4),
            bell: true,
            notify: true,
            initials: None,
            analyst_name: None,
            share: None,
            git_sync_minutes: 0,
            classification: None,
            color: true,
            colors: ColorChoice::default(),
            rering_red: None,
        }
    }
}

impl Settings {
    /// Who the other desks see: the name, else the initials.
    pub fn analyst(&self) -> Option<String> {
        self.analyst_name.clone().or_else(|| self.initials.clone())
    }
}

/// Where the config file lives by default.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "watchdesk").map(|d| d.config_dir().join("config.toml"))
}

/// Read the config file; a missing file gives the defaults.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(source) => Err(ConfigError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn hours(
    path: &Path,
    key: &str,
    v: Option<f64>,
    default: Duration,
) -> Result<Duration, ConfigError> {
    match v {
        None => Ok(default),
        Some(h) if (0.0..=24.0 * 365.0).contains(&h) => {
            Ok(Duration::seconds((h * 3600.0).round() as i64))
        }
        Some(h) => Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!("{key} = {h}: expected a number of hours from 0 to 8760"),
        }),
    }
}

fn color(path: &Path, key: &str, v: Option<&str>) -> Result<Option<Color>, ConfigError> {
    v.map(|s| {
        s.parse::<Color>().map_err(|_| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!("colors.{key} = {s:?}: not a colour name or #rrggbb"),
        })
    })
    .transpose()
}

/// The banner's colour, if set; a bad one is an error naming the line.
fn banner_color(
    path: &Path,
    text: &str,
    v: Option<toml::Spanned<String>>,
) -> Result<Option<Color>, ConfigError> {
    let Some(v) = v else {
        return Ok(None);
    };
    v.get_ref()
        .parse::<Color>()
        .map(Some)
        .map_err(|_| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "line {}: display.classification_color = {:?}: not a colour name or #rrggbb",
                text[..v.span().start.min(text.len())].matches('\n').count() + 1,
                v.get_ref()
            ),
        })
}

/// Parse the text of a config file.
pub fn parse(path: &Path, text: &str) -> Result<Settings, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::Invalid {
        path: path.to_path_buf(),
        message: describe_toml_error(text, &e),
    })?;
    let d = Settings::default();
    let thresholds = Thresholds {
        amber: hours(
            path,
            "alerts.amber_hours",
            file.alerts.amber_hours,
            d.thresholds.amber,
        )?,
        red: hours(
            path,
            "alerts.red_hours",
            file.alerts.red_hours,
            d.thresholds.red,
        )?,
    };
    if thresholds.red > thresholds.amber {
        return Err(ConfigError::Invalid {
            path: path.to_path_buf(),
            message: "alerts.red_hours is larger than alerts.amber_hours".into(),
        });
    }
    let blank_to_none =
        |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Settings {
        thresholds,
        stale_after: hours(
            path,
            "alerts.stale_hours",
            file.alerts.stale_hours,
            d.stale_after,
        )?,
        bell: file.alerts.bell.unwrap_or(d.bell),
        notify: file.alerts.notify.unwrap_or(d.notify),
        initials: blank_to_none(file.analyst.initials),
        analyst_name: blank_to_none(file.analyst.name),
        share: file.share.dir.filter(|d| !d.as_os_str().is_empty()),
        git_sync_minutes: file.share.git_sync_minutes.unwrap_or(0),
        classification: blank_to_none(file.display.classification),
        color: file.display.color.unwrap_or(d.color),
        colors: ColorChoice {
            classification: banner_color(path, text, file.display.classification_color)?,
            accent: color(path, "accent", file.colors.accent.as_deref())?,
            amber: color(path, "amber", file.colors.amber.as_deref())?,
            red: color(path, "red", file.colors.red.as_deref())?,
            observed: color(path, "observed", file.colors.observed.as_deref())?,
        },
        rering_red: match file.alerts.rering_red_minutes {
            None => None,
            Some(0.0) => None,
            Some(m) if m > 0.0 && m <= 24.0 * 60.0 => {
                Some(Duration::seconds((m * 60.0).round() as i64))
            }
            Some(m) => {
                return Err(ConfigError::Invalid {
                    path: path.to_path_buf(),
                    message: format!(
                        "alerts.rering_red_minutes = {m}: expected minutes from 0 (off) to 1440"
                    ),
                });
            }
        },
    })
}

/// toml's message with the line number spelled out first.
fn describe_toml_error(text: &str, e: &toml::de::Error) -> String {
    let msg = e.message().trim().to_string();
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let src = text.lines().nth(line - 1).unwrap_or("").trim();
            format!("line {line}: {msg} (at `{src}`)")
        }
        None => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_gives_the_defaults() {
        let s = parse(Path::new("c.toml"), DEFAULT_CONFIG).expect("parses");
        assert_eq!(s, Settings::default());
    }

    #[test]
    fn values_are_read() {
        let s = parse(
            Path::new("c.toml"),
            "[alerts]\namber_hours = 12\nred_hours = 1.5\n[analyst]\ninitials = \"JD\"\n[display]\nclassification = \"SECRET\"\n[colors]\namber = \"#ffaa00\"\n",
        )
        .expect("parses");
        assert_eq!(s.thresholds.amber, Duration::hours(12));
        assert_eq!(s.thresholds.red, Duration::minutes(90));
        assert_eq!(s.initials.as_deref(), Some("JD"));
        assert_eq!(s.classification.as_deref(), Some("SECRET"));
        assert_eq!(s.colors.amber, Some(Color::Rgb(0xff, 0xaa, 0x00)));
    }

    #[test]
    fn share_keys_and_the_analysts_name() {
        let s = parse(Path::new("c.toml"), "[analyst]\ninitials = \"JD\"\n").expect("parses");
        assert_eq!(s.analyst().as_deref(), Some("JD"));
        assert_eq!((s.share.as_deref(), s.git_sync_minutes), (None, 0));
        let s = parse(
            Path::new("c.toml"),
            "[analyst]\ninitials = \"JD\"\nname = \"Jane Doe\"\n[share]\ndir = \"/srv/watch\"\ngit_sync_minutes = 15\n",
        )
        .expect("parses");
        assert_eq!(s.analyst().as_deref(), Some("Jane Doe"));
        assert_eq!(s.share.as_deref(), Some(Path::new("/srv/watch")));
        assert_eq!(s.git_sync_minutes, 15);
        let e = parse(Path::new("c.toml"), "[share]\ngit_sync_minutes = -1\n")
            .expect_err("negative")
            .to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn errors_name_the_file_the_key_and_the_line() {
        let e = parse(Path::new("/x/c.toml"), "[alerts]\nambr_hours = 3\n")
            .expect_err("unknown key")
            .to_string();
        assert!(e.contains("/x/c.toml"), "{e}");
        assert!(e.contains("ambr_hours"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let e = parse(Path::new("c.toml"), "[alerts]\namber_hours = \"soon\"\n")
            .expect_err("wrong type")
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = parse(Path::new("c.toml"), "[colors]\nred = \"blood\"\n")
            .expect_err("bad colour")
            .to_string();
        assert!(e.contains("colors.red"), "{e}");
        let e = parse(
            Path::new("/x/c.toml"),
            "[display]\nclassification = \"SECRET\"\nclassification_color = \"scarlet\"\n",
        )
        .expect_err("bad banner colour")
        .to_string();
        assert!(e.contains("/x/c.toml"), "{e}");
        assert!(e.contains("line 3"), "{e}");
        assert!(e.contains("display.classification_color"), "{e}");
    }

    #[test]
    fn the_banner_colour_is_read() {
        let s = parse(
            Path::new("c.toml"),
            "[display]\nclassification_color = \"#112233\"\n",
        )
        .expect("parses");
        assert_eq!(s.colors.classification, Some(Color::Rgb(0x11, 0x22, 0x33)));
    }
}
