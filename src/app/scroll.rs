//! One scroll type for everything that scrolls (the reader, the help, the
//! change log), and what a frame reports about their sizes.

use chrono::{DateTime, Utc};

/// A scrolled view: the first line shown (`offset`), how many lines show
/// (`viewport`) and how many there are (`length`, once a frame has said).
/// Moves are clamped to the end as soon as the size is known; until then
/// the view clamps as it draws, and the frame's report clamps the offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    pub offset: usize,
    pub viewport: usize,
    /// None until a frame has reported it (new content).
    pub length: Option<usize>,
}

impl Scroll {
    /// The last offset that shows something new, when the size is known.
    pub fn max_offset(&self) -> Option<usize> {
        self.length.map(|l| l.saturating_sub(self.viewport))
    }

    fn clamp(&mut self) {
        if let Some(max) = self.max_offset() {
            self.offset = self.offset.min(max);
        }
    }

    pub fn down(&mut self, lines: usize) {
        self.offset = self.offset.saturating_add(lines);
        self.clamp();
    }

    pub fn up(&mut self, lines: usize) {
        self.offset = self.offset.saturating_sub(lines);
    }

    pub fn top(&mut self) {
        self.offset = 0;
    }

    /// The end: exactly, once the size is known; else as far as the next
    /// frame's report allows.
    pub fn bottom(&mut self) {
        self.offset = self.max_offset().unwrap_or(usize::MAX);
    }

    /// New content: back to the top, size unknown.
    pub fn reset(&mut self) {
        *self = Scroll::default();
    }

    /// What a frame found: the view's height and the content's length.
    pub fn measured(&mut self, viewport: usize, length: usize) {
        self.viewport = viewport;
        self.length = Some(length);
        self.clamp();
    }
}

/// What a frame found out that the model cannot know by itself: the sizes
/// of what scrolls (viewport, length) and whether countdowns are on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameReport {
    /// The screen shows countdowns (it is not the "too small" message).
    pub countdowns: bool,
    /// When the frame was drawn, and the first instant at which the clock
    /// alone changes what it shows (a countdown's minute, a level, the
    /// clock in the header): no frame is needed for the clock in between.
    /// `None`: the frame may change every second.
    pub still: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The reader's height, and its text's length when the frame reached
    /// the end of it (the reader wraps only as far as it shows).
    pub reader: Option<(usize, Option<usize>)>,
    /// The reader's offset when the frame moved it to show a note just
    /// added (the model takes it as its own).
    pub reader_revealed: Option<usize>,
    pub help: Option<(usize, usize)>,
    pub timeline: Option<(usize, usize)>,
    /// What was drawn where, for the mouse.
    pub hits: super::mouse::Hits,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stop_at_the_end_once_the_size_is_known() {
        let mut s = Scroll::default();
        s.down(5);
        assert_eq!(s.offset, 5, "no size yet: not clamped");
        s.measured(10, 12);
        assert_eq!(s.offset, 2, "the report clamps it");
        s.down(100);
        assert_eq!(s.offset, 2);
        s.up(1);
        assert_eq!(s.offset, 1);
        s.bottom();
        assert_eq!(s.offset, 2);
        s.measured(10, 4);
        assert_eq!(s.offset, 0, "shorter than the view");
        s.reset();
        s.bottom();
        s.measured(5, 30);
        assert_eq!(s.offset, 25);
    }
}
