//! Unit tests of the parser's pieces.

use super::headings::*;
use super::lists::*;
use super::ordinals::*;
use super::vocab::*;

#[test]
fn markers() {
    assert_eq!(list_marker("- a"), Some(2));
    assert_eq!(list_marker("  12. a"), Some(6));
    assert_eq!(list_marker("(3) a"), Some(4));
    assert_eq!(list_marker("b) a"), Some(3));
    assert_eq!(list_marker("•a"), Some(3));
    assert_eq!(list_marker("1.5 million"), None);
    assert_eq!(list_marker("-dash"), None);
    assert_eq!(list_marker("2026. The year"), None);
}

#[test]
fn sentences() {
    assert_eq!(sentence_end("a b. C d."), 4);
    assert_eq!(sentence_end("the U.S. Navy acts. Then"), 19);
    assert_eq!(sentence_end("Gen. Smith speaks. These"), 18);
    assert_eq!(sentence_end("ships outside the U.S. These signals"), 22);
    assert_eq!(sentence_end("no stop"), 7);
}

#[test]
fn headings() {
    assert_eq!(classify("Washington Angle"), Kind::Washington);
    assert_eq!(classify("WASHINGTON ANGLE"), Kind::Washington);
    assert_eq!(classify("The View From Washington"), Kind::Washington);
    assert_eq!(classify("U.S. Politics"), Kind::Washington);
    assert_eq!(classify("Washington Pushes Allies on Tariffs"), Kind::Theme);
    assert_eq!(classify("Outlook"), Kind::Outlook);
    assert_eq!(classify("OUTLOOK (NEXT 48 HOURS)"), Kind::Outlook);
    assert_eq!(classify("Outlook — Next Seventy-Two Hours"), Kind::Outlook);
    assert_eq!(classify("72-Hour Outlook"), Kind::Outlook);
    assert_eq!(classify("Key Indicators"), Kind::Outlook);
    assert_eq!(classify("What to Watch"), Kind::Outlook);
    assert_eq!(classify("Strategic Outlook"), Kind::OutlookWeak);
    assert_eq!(classify("Economic Outlook Darkens"), Kind::OutlookWeak);
    assert_eq!(classify("Fisheries Pressure Moves North"), Kind::Theme);
    assert_eq!(clean_heading("## **Outlook:** ##"), "Outlook");
    assert_eq!(clean_heading("IV. Washington Angle"), "Washington Angle");
    assert_eq!(clean_heading("*Membership Widens*"), "Membership Widens");
    // Found by proptest: closing hashes next to a multi-byte character.
    assert_eq!(clean_heading("# Key Indicators- •"), "Key Indicators- •");
    assert_eq!(clean_heading("## Outlook •##"), "Outlook •##");
    assert!(is_banner("UNCLASSIFIED//FOR OFFICIAL USE ONLY"));
    assert!(!is_banner("Grain Corridor"));
}

#[test]
fn inline_labels() {
    assert_eq!(
        inline_label("Outlook: Over the next 48 hours, watch two things."),
        Some(("Outlook", "Over the next 48 hours, watch two things."))
    );
    assert_eq!(
        inline_label("**Washington Angle:** The Senate will vote."),
        Some(("Washington Angle", "The Senate will vote."))
    );
    assert_eq!(inline_label("Outlook: Next 48 Hours"), None);
    assert_eq!(inline_label("The outlook: grim."), None);
}
