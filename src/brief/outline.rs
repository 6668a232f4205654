//! The reading of a brief, block by block: what each run of lines was read
//! as, what was passed over and why; and corrections to that reading, from
//! which the brief is built again from its text (the file is never edited).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::window::WindowSpec;
use super::{Brief, ParseError};

/// What a run of lines was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The brief's title.
    Title,
    ThemeHeading,
    /// A theme's text.
    Text,
    WashingtonHeading,
    /// A note of the Washington angle.
    Washington,
    OutlookHeading,
    /// The Outlook's own words (its introduction, a closing remark).
    Outlook,
    Indicator,
    /// Not part of the brief: see [`Outline::passed_over`] for why.
    PassedOver,
    /// Layout only: rules, heading underlines.
    Markup,
}

/// A run of lines read the same way, between blank lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// 1-based, inclusive.
    pub first_line: usize,
    pub last_line: usize,
    pub role: Role,
}

/// Why lines were passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PassReason {
    /// Web copy: a table border, a line that only looks empty, a share or
    /// subscribe prompt.
    Boilerplate(&'static str),
    /// A classification banner.
    Banner,
    /// A subtitle or date line under the title.
    Subtitle,
    /// List items after the indicators' list ended.
    ListCut { items: usize },
    /// A heading with nothing under it after the Outlook: a sign-off.
    SignOff,
    /// The analyst marked it so.
    Corrected,
}

impl PassReason {
    pub fn describe(&self) -> String {
        match self {
            PassReason::Boilerplate(what) => (*what).to_string(),
            PassReason::Banner => "a classification banner".to_string(),
            PassReason::Subtitle => "a subtitle or date line".to_string(),
            PassReason::ListCut { items } => format!(
                "a list after the indicators ({items} item{}): not read as indicators",
                if *items == 1 { "" } else { "s" }
            ),
            PassReason::SignOff => "a sign-off after the Outlook".to_string(),
            PassReason::Corrected => "marked as passed over".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassedOver {
    pub first_line: usize,
    pub last_line: usize,
    pub reason: PassReason,
}

/// The brief's text as read: blocks with their roles, and what was passed
/// over. Returned with the brief, or with the refusal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outline {
    pub blocks: Vec<Block>,
    pub passed_over: Vec<PassedOver>,
}

impl Outline {
    /// What a line was read as; `None` for a blank line or one past the end.
    pub fn role_of(&self, line: usize) -> Option<Role> {
        let at = self.blocks.partition_point(|b| b.last_line < line);
        self.blocks
            .get(at)
            .filter(|b| b.first_line <= line)
            .map(|b| b.role)
    }

    /// Blocks from per-line roles (index 0 is line 1): runs of one role,
    /// broken at blank lines.
    pub(crate) fn from_roles(roles: &[Option<Role>], passed_over: Vec<PassedOver>) -> Outline {
        let mut blocks: Vec<Block> = Vec::new();
        let mut prev_blank = true;
        for (i, role) in roles.iter().enumerate() {
            let line = i + 1;
            let Some(role) = *role else {
                prev_blank = true;
                continue;
            };
            match blocks.last_mut() {
                Some(b) if !prev_blank && b.role == role && b.last_line + 1 == line => {
                    b.last_line = line
                }
                _ => blocks.push(Block {
                    first_line: line,
                    last_line: line,
                    role,
                }),
            }
            prev_blank = false;
        }
        Outline {
            blocks,
            passed_over,
        }
    }
}

/// What the analyst says a block or line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A theme's heading. A one-line range is the heading itself; a longer
    /// one is text that gets a heading of its own before it.
    ThemeHeading,
    /// The Washington angle starts here (same rule as a theme heading).
    Washington,
    /// The Outlook starts here (same rule).
    Outlook,
    /// These lines are one indicator.
    Indicator,
    /// These lines are not part of the brief.
    PassedOver,
    /// These lines are read as the parser reads them: what earlier
    /// corrections said of them no longer holds. (A heading the parser found
    /// by itself stays a heading: mark it as a theme heading or pass it
    /// over instead.)
    Text,
}

/// One correction of a brief's reading. Later corrections win over earlier
/// ones for the same line. Written in the state file as one object:
/// `{"mark": {"first_line": 3, "last_line": 4, "mark": "indicator"}}`,
/// `{"set_window": {"span_seconds": 172800}}`, `{"set_deadline":
/// {"indicator": 0, "deadline": {"weekday": "Fri"}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    /// Re-mark lines `first_line..=last_line` (1-based).
    Mark {
        first_line: usize,
        last_line: usize,
        mark: Mark,
    },
    /// The watch window, instead of the one read (or assumed).
    SetWindow(WindowSpec),
    /// An indicator's own deadline (0-based index in the corrected brief);
    /// `None` makes it follow the brief's window.
    SetDeadline {
        indicator: usize,
        deadline: Option<WindowSpec>,
    },
}

/// What the parser is told by corrections.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overrides {
    /// Line -> mark, for every line of every marked range.
    pub(crate) marks: BTreeMap<usize, Mark>,
    /// The first line of each heading-mark range, and whether the range is a
    /// single line (the heading itself) or text needing a heading.
    pub(crate) heading_at: BTreeMap<usize, (Mark, bool)>,
    /// Indicator ranges, by first line: their last line.
    pub(crate) indicator_ranges: BTreeMap<usize, usize>,
    pub(crate) window: Option<WindowSpec>,
    pub(crate) deadlines: BTreeMap<usize, Option<WindowSpec>>,
}

impl Overrides {
    pub(crate) fn from_corrections(corrections: &[Correction]) -> Overrides {
        let mut o = Overrides::default();
        for c in corrections {
            match *c {
                Correction::Mark {
                    first_line,
                    last_line,
                    mark,
                } => {
                    let last_line = last_line.max(first_line);
                    // Bound the range to something a brief can hold, so a
                    // bad correction cannot make the parser loop for ever.
                    let last_line = last_line.min(first_line.saturating_add(1_000_000));
                    // A new mark replaces what older ones said of these lines.
                    o.heading_at
                        .retain(|l, _| !(first_line..=last_line).contains(l));
                    o.indicator_ranges
                        .retain(|&f, l| *l < first_line || f > last_line);
                    for line in first_line..=last_line {
                        if mark == Mark::Text {
                            o.marks.remove(&line);
                        } else {
                            o.marks.insert(line, mark);
                        }
                    }
                    match mark {
                        Mark::ThemeHeading | Mark::Washington | Mark::Outlook => {
                            o.heading_at
                                .insert(first_line, (mark, first_line == last_line));
                        }
                        Mark::Indicator => {
                            o.indicator_ranges.insert(first_line, last_line);
                        }
                        Mark::PassedOver | Mark::Text => {}
                    }
                }
                Correction::SetWindow(w) => o.window = Some(w),
                Correction::SetDeadline {
                    indicator,
                    deadline,
                } => {
                    o.deadlines.insert(indicator, deadline);
                }
            }
        }
        o
    }

    /// Lines whose text is left out of the sections: passed over, or taken
    /// as indicators by a correction.
    pub(crate) fn skips(&self, line: usize) -> bool {
        matches!(
            self.marks.get(&line),
            Some(Mark::PassedOver | Mark::Indicator)
        )
    }
}

/// The brief built from its text and the analyst's corrections of its
/// reading, with the outline of that reading. A pure function: the same
/// text and corrections give the same brief on every machine.
pub fn apply_corrections_with_outline(
    text: &str,
    corrections: &[Correction],
) -> (Result<Brief, ParseError>, Outline) {
    super::parse::read(text, &Overrides::from_corrections(corrections))
}

/// The brief built from its text and the analyst's corrections.
pub fn apply_corrections(text: &str, corrections: &[Correction]) -> Result<Brief, ParseError> {
    apply_corrections_with_outline(text, corrections).0
}
