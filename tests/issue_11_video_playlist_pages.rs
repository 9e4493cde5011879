//! Issue 11, session 24: a scraped page whose text is only a video
//! player's playlist (each line a clip's running time and another story's
//! title: "1:08 Suspect transferred to county jail") was read as the
//! page's own report: its places, days and people were other stories'.
//! On gva_dev 45 pages of one publisher's sites held nothing else. The
//! playlist is now dropped as boilerplate, so such a page tells only what
//! its title tells. The page below is invented.

mod common;

use chrono::NaiveDate;

const PLAYLIST_ONLY: &str = "2:14 Deputy remembered at Olathe funeral Pause\n\n\
    1:05 Stolen truck found in Lenexa pond\n\n\
    0:52 Raytown school board debates new calendar\n\n\
    1:37 Belton man sentenced for 2014 robbery\n\n\
    0:44 Grandview fire destroys vacant warehouse\n";

#[test]
fn issue_11_a_page_of_clips_about_other_stories_tells_only_its_title() {
    let title = "Man shot dead outside Fresno gas station";
    let extraction = common::extract_text(
        PLAYLIST_ONLY,
        Some(title),
        NaiveDate::from_ymd_opt(2016, 3, 9),
    );
    let main = extraction
        .main
        .place
        .as_ref()
        .expect("the title names a city");
    assert_eq!(main.name, "Fresno", "{:#?}", extraction.main);
    // None of the clips' towns is listed as a place the page names.
    for clip_town in ["Olathe", "Lenexa", "Raytown", "Belton", "Grandview"] {
        assert!(
            extraction
                .places
                .iter()
                .all(|p| !p.text.contains(clip_town)),
            "{clip_town} is a clip's, not the page's: {:#?}",
            extraction.places
        );
    }
}

#[test]
fn issue_11_a_timeline_of_the_night_is_the_pages_own() {
    let text = "Police described the night in Tulsa, Oklahoma, minute by minute.\n\
        10:42 p.m. Officers arrive at the bar\n\
        10:55 p.m. Two men are taken to hospital\n\
        11:20 p.m. The street is closed\n\
        11:45 p.m. A suspect is arrested\n\
        11:58 p.m. The street reopens\n";
    let extraction = common::extract_text(text, None, NaiveDate::from_ymd_opt(2016, 3, 9));
    let main = extraction.main.place.as_ref().expect("a main place");
    assert_eq!(main.name, "Tulsa", "{:#?}", extraction.main);
    assert!(
        extraction.places.iter().any(|p| p.text == "Tulsa"),
        "{:#?}",
        extraction.places
    );
}
