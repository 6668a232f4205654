//! The inbox poller: a thread of its own that looks at `DIR/inbox/` every
//! second and sends what it took (or refused) to the desk as messages, so
//! no key ever waits on the file system.

use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::Msg;
use crate::brief::BriefSource;
use crate::store::Store;
use crate::store::inbox::{Inbox, Taken};
use crate::store::library::Library;

/// How often the inbox is looked at. A file is taken on the poll after the
/// one that first saw it whole, so within two of these.
pub const POLL: Duration = Duration::from_millis(900);

/// Start polling; the thread ends when the desk stops listening.
pub fn spawn(store: Store, tx: UnboundedSender<Msg>) -> std::io::Result<()> {
    let library = Library::beside(store.path());
    let mut inbox = Inbox::beside(store.path());
    std::thread::Builder::new()
        .name("watchdesk-inbox".into())
        .spawn(move || {
            loop {
                std::thread::sleep(POLL);
                if tx.is_closed() {
                    return;
                }
                for taken in inbox.poll(&library) {
                    let msg = match taken {
                        Taken::Added { added, .. } => {
                            let log = store.peek().ok().and_then(|mut s| {
                                s.briefs.remove(added.brief.id.as_str()).map(|b| b.events)
                            });
                            Msg::WatchFound {
                                text: added.text,
                                source: BriefSource::File(added.path),
                                log: log.unwrap_or_default(),
                                via: Some("inbox".into()),
                            }
                        }
                        Taken::Rejected { file, reason, .. } | Taken::Stuck { file, reason } => {
                            Msg::InboxRefused { file, reason }
                        }
                    };
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
            }
        })
        .map(|_| ())
}
