//! The hook between the drafts a desk holds (kept with Esc, or in the open
//! editor) and the ones kept on disk across a SIGTERM or SIGHUP: collect
//! them all on the way out, offer them again on the next start.

use crate::brief::BriefId;
use crate::store::drafts::KeptDraft;

use super::{Draft, Model};

impl Model {
    /// Every draft to keep: the ones kept with Esc and the note open in the
    /// editor (which wins for its item).
    pub fn drafts_to_keep(&self) -> Vec<KeptDraft> {
        let mut all = self.drafts.clone();
        if let Some(e) = &self.editor
            && let Some(draft) = e.draft()
        {
            all.insert((self.watch().brief.id.clone(), e.item), draft);
        }
        all.into_iter()
            .map(|((brief, item), d)| KeptDraft {
                brief: brief.0,
                item,
                text: d.text,
                source: d.source,
                confidence: d.confidence,
            })
            .collect()
    }

    /// Take back drafts kept by an earlier run (one already held for an
    /// item stays). How many were taken.
    pub fn restore_drafts(&mut self, kept: Vec<KeptDraft>) -> usize {
        let mut n = 0;
        for k in kept {
            let key = (BriefId(k.brief), k.item);
            if self.drafts.contains_key(&key) {
                continue;
            }
            self.drafts.insert(
                key,
                Draft {
                    text: k.text,
                    source: k.source,
                    confidence: k.confidence,
                },
            );
            n += 1;
        }
        n
    }
}
