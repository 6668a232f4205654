//! Named styles. Every colour the desk uses is chosen here, once, so that a
//! colour-free set can stand in for it under `NO_COLOR` or on a monochrome
//! terminal: there, emphasis comes from bold, reverse and underline only, and
//! every state also has a glyph or a word.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{ColorChoice, Settings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub header: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    pub selected: Style,
    pub dim: Style,
    pub heading: Style,
    pub reviewed: Style,
    pub watching: Style,
    pub observed: Style,
    pub not_observed: Style,
    pub countdown: Style,
    pub amber: Style,
    pub red: Style,
    pub expired: Style,
    pub info: Style,
    pub warning: Style,
    pub error: Style,
    pub key: Style,
    pub banner: Style,
    /// What a search matched.
    pub matched: Style,
}

impl Palette {
    /// The colour palette.
    pub fn colour() -> Self {
        let plain = Style::new();
        Palette {
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            title: plain,
            title_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().add_modifier(Modifier::BOLD),
            reviewed: Style::new().fg(Color::Green),
            watching: plain,
            observed: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            not_observed: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            countdown: Style::new().add_modifier(Modifier::BOLD),
            amber: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            red: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            expired: Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            info: Style::new().fg(Color::Cyan),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            banner: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            matched: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all: modifiers only.
    pub fn mono() -> Self {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Palette {
            header: Style::new().add_modifier(Modifier::REVERSED),
            border: plain,
            border_focused: bold,
            title: plain,
            title_focused: bold.add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            dim: plain,
            heading: bold,
            reviewed: plain,
            watching: plain,
            observed: bold,
            not_observed: bold,
            countdown: bold,
            amber: bold,
            red: bold.add_modifier(Modifier::UNDERLINED),
            expired: bold.add_modifier(Modifier::REVERSED),
            info: plain,
            warning: bold,
            error: bold.add_modifier(Modifier::UNDERLINED),
            key: bold,
            banner: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            matched: bold.add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Colour unless `NO_COLOR` is set to anything non-empty or the config
    /// turns colour off; the config's colour choices on top.
    pub fn from_settings(settings: &Settings) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color || !settings.color {
            return Palette::mono();
        }
        Palette::colour().with(&settings.colors).for_marking(
            settings.classification.as_deref(),
            settings.colors.classification,
        )
    }

    /// The banner in the colour of its marking (or the one chosen).
    pub fn for_marking(mut self, marking: Option<&str>, chosen: Option<Color>) -> Self {
        let (bg, fg) = match (chosen, marking.map(marking_color)) {
            (Some(c), _) => (c, readable_on(c)),
            (None, Some(c)) => c,
            (None, None) => return self,
        };
        self.banner = self.banner.bg(bg).fg(fg);
        self
    }

    /// Apply the analyst's colour choices.
    pub fn with(mut self, c: &ColorChoice) -> Self {
        if let Some(accent) = c.accent {
            self.border_focused = self.border_focused.fg(accent);
            self.title_focused = self.title_focused.fg(accent);
            self.header = self.header.bg(accent);
            self.key = self.key.fg(accent);
            self.info = self.info.fg(accent);
        }
        if let Some(amber) = c.amber {
            self.amber = self.amber.fg(amber);
            self.warning = self.warning.fg(amber);
        }
        if let Some(red) = c.red {
            self.red = self.red.fg(red);
            self.expired = self.expired.fg(red);
            self.error = self.error.fg(red);
        }
        if let Some(obs) = c.observed {
            self.observed = self.observed.fg(obs);
            self.reviewed = self.reviewed.fg(obs);
        }
        self
    }
}

/// The banner colour of a classification marking in the common US scheme,
/// with the text colour that reads on it: (background, foreground).
pub fn marking_color(marking: &str) -> (Color, Color) {
    let m = marking.to_uppercase();
    let has = |w: &str| {
        m.split(|c: char| !c.is_ascii_alphanumeric())
            .collect::<Vec<_>>()
            .windows(w.split(' ').count())
            .any(|ws| ws.join(" ") == w)
    };
    let orange = Color::Rgb(0xff, 0x8c, 0x00);
    if has("UNCLASSIFIED") {
        (Color::Green, Color::White)
    } else if has("TOP SECRET") && has("SCI") {
        (Color::Yellow, Color::Black)
    } else if has("TOP SECRET") {
        (orange, Color::Black)
    } else if has("SECRET") {
        (Color::Red, Color::White)
    } else if has("CONFIDENTIAL") {
        (Color::Blue, Color::White)
    } else if has("CUI") || has("CONTROLLED") {
        (Color::Magenta, Color::White)
    } else {
        (Color::Red, Color::White)
    }
}

/// Black or white, whichever reads on `c`.
fn readable_on(c: Color) -> Color {
    match c {
        Color::Yellow
        | Color::LightYellow
        | Color::LightGreen
        | Color::LightCyan
        | Color::White
        | Color::Gray
        | Color::Cyan
        | Color::Green => Color::Black,
        Color::Rgb(r, g, b) if u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b) > 1280 => {
            Color::Black
        }
        _ => Color::White,
    }
}

impl Default for Palette {
    fn default() -> Self {
        Palette::colour()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_follows_the_marking() {
        for (marking, bg) in [
            ("UNCLASSIFIED", Color::Green),
            ("UNCLASSIFIED//FOUO", Color::Green),
            ("CUI", Color::Magenta),
            ("CONFIDENTIAL", Color::Blue),
            ("SECRET//NOFORN", Color::Red),
            ("secret", Color::Red),
            ("TOP SECRET", Color::Rgb(0xff, 0x8c, 0x00)),
            ("TOP SECRET//SCI", Color::Yellow),
            ("OFFICIAL-SENSITIVE", Color::Red),
        ] {
            let p = Palette::colour().for_marking(Some(marking), None);
            assert_eq!(p.banner.bg, Some(bg), "{marking}");
        }
    }

    #[test]
    fn a_chosen_colour_wins_and_no_colour_stays_monochrome() {
        let p = Palette::colour().for_marking(Some("SECRET"), Some(Color::Yellow));
        assert_eq!(p.banner.bg, Some(Color::Yellow));
        assert_eq!(p.banner.fg, Some(Color::Black), "dark text on yellow");
        let settings = Settings {
            classification: Some("SECRET".into()),
            color: false,
            ..Settings::default()
        };
        let p = Palette::from_settings(&settings);
        assert_eq!(p, Palette::mono());
    }
}
