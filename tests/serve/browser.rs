//! The page in a real browser: on load it shows the headline `wom run`
//! prints for the same scenario and seed; moving a slider changes it to what
//! the API answers for that setting. Screenshots at desktop and phone widths
//! go to the test's temporary directory; the desktop one also to
//! docs/serve.png for the README.

use super::cdp::{Browser, CHROMIUM};
use super::*;
use serde_json::json;
use std::path::Path;

const HEADLINE: &str = "document.querySelector('#comparisons .headline')?.dataset.headline || ''";
const IDLE: &str = "!document.body.classList.contains('running') && document.getElementById('progress').hidden && !!document.querySelector('#comparisons .headline')";
const IMAGES_LOADED: &str = "[...document.querySelectorAll('.chart img')].slice(0, 2).every(i => i.complete && i.naturalWidth > 0)";
const COMPLAINT_RANGE: &str = "[data-key=\"experience.complaint_rate\"] input[type=range]";
const COMPLAINT_BOX: &str = "[data-key=\"experience.complaint_rate\"] input[type=number]";

/// Whether to run: Chromium is there, or CI demands it (then a missing
/// browser fails the test).
fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
    assert!(
        !ci,
        "{CHROMIUM} is missing and CI is set: install it with `apt-get install chromium`"
    );
    eprintln!(
        "skipping the browser test: {CHROMIUM} is missing (apt-get install chromium); with CI set it fails instead"
    );
    false
}

fn save(name: &str, png: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, png).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
    path
}

/// Copies `from` over `to` unless `to` already shows the same pixels
/// (Chromium's PNG bytes differ from run to run for the same picture).
fn update_if_changed(from: &Path, to: &Path) {
    let pixels = |p: &Path| image::open(p).ok().map(|i| i.to_rgba8().into_raw());
    if pixels(to).is_none() || pixels(from) != pixels(to) {
        std::fs::copy(from, to).unwrap();
    }
}

fn screenshots(browser: &mut Browser, prefix: &str, width: u32, height: u32, mobile: bool) {
    browser.viewport(width, height, mobile);
    browser.wait_for(IMAGES_LOADED, Duration::from_secs(10));
    let view = save(&format!("{prefix}.png"), &browser.screenshot(false));
    let full = save(&format!("{prefix}-full.png"), &browser.screenshot(true));
    eprintln!("screenshots: {} {}", view.display(), full.display());
}

#[test]
fn the_page_shows_what_wom_run_and_the_api_give() {
    if !browser_available() {
        return;
    }
    // The page's own count of replications, so the screenshots show what an
    // owner sees.
    let server = Server::start(&[]);
    let replications = get(&server, "api/knobs").json["replications"].clone();
    assert_eq!(replications, json!(200));
    let dir = tempfile::tempdir().unwrap();
    // The built-in default has [uncertainty]: the page runs it in 20 of
    // the 200 plausible worlds `wom run` draws, as `wom run
    // --replications 200` does.
    let cli = wom_run(
        &shipped("default.toml"),
        &["--replications".into(), replications.to_string()],
        dir.path(),
    );
    let expected = cli["headlines"][0].as_str().unwrap().to_string();

    let mut browser = Browser::start();
    browser.viewport(1280, 900, false);
    browser.call("Page.navigate", json!({ "url": server.url }));
    let shown = browser.wait_for(HEADLINE, Duration::from_secs(30));
    browser.wait_for(IDLE, Duration::from_secs(30));
    assert_eq!(shown, json!(expected), "the page's headline is wom run's");
    // The card states the finding once: its subject and verb, the amount
    // (once, not again in a repeated sentence) and the policy compared with.
    let visible = browser.eval("document.querySelector('#comparisons .headline').textContent");
    let visible = visible.as_str().unwrap();
    let amount = expected
        .split_whitespace()
        .find(|w| w.starts_with('$'))
        .unwrap();
    assert!(visible.contains("Ignoring complaints loses"), "{visible}");
    assert_eq!(visible.matches(amount).count(), 1, "{visible}");
    assert!(
        visible.contains("compared with “recover_60min”"),
        "{visible}"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#knobs input[type=range]').length"),
        json!(8)
    );

    // How sure the answer is: the odds and the uncertainty interval of
    // wom run's uncertainty object, and how many worlds the page drew.
    let uncertain =
        browser.eval("document.querySelector('#comparisons .uncertain')?.textContent || ''");
    let uncertain = uncertain.as_str().unwrap();
    let c = &cli["uncertainty"]["comparisons"][0];
    let [lo, hi] = [0, 1].map(|i| c["uncertainty_interval95"][i].as_f64().unwrap());
    let dollars = |x: f64| {
        let digits = format!("{:.0}", x.abs());
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{}${out}", if x < -0.5 { "−" } else { "" })
    };
    assert!(
        uncertain.contains("over 20 plausible worlds"),
        "{uncertain}"
    );
    assert!(
        uncertain.contains(&dollars(lo)) && uncertain.contains(&dollars(hi)),
        "{uncertain} vs {lo} {hi}"
    );
    assert!(
        uncertain.contains("the first 20 of the 200 wom run draws"),
        "{uncertain}"
    );
    screenshots(&mut browser, "desktop", 1280, 900, false);
    let desktop = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots/desktop.png");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/serve.png");
    update_if_changed(&desktop, &docs);
    screenshots(&mut browser, "phone", 390, 844, true);
    // Scrolled to the knobs, the answer stays in a bar at the top.
    browser.eval(&format!(
        "document.querySelector('{COMPLAINT_RANGE}').scrollIntoView({{block: 'center'}})"
    ));
    browser.wait_for(
        "document.body.classList.contains('answer-hidden')",
        Duration::from_secs(5),
    );
    save("phone-knobs.png", &browser.screenshot(false));
    browser.eval("window.scrollTo(0, 0)");
    browser.viewport(1280, 900, false);

    // Move the "how many complain" slider ten steps to the right, by
    // keyboard. While it runs, the previous answer stays.
    browser.eval(&format!(
        "document.querySelector('{COMPLAINT_RANGE}').focus()"
    ));
    for _ in 0..10 {
        browser.press("ArrowRight", 39);
    }
    browser.wait_for(
        "document.body.classList.contains('running')",
        Duration::from_secs(10),
    );
    assert_eq!(
        browser.eval(HEADLINE),
        json!(expected),
        "the old answer stays meanwhile"
    );
    // Five more steps while that run is on its way: its answer is stale and
    // must not be shown.
    for _ in 0..5 {
        browser.press("ArrowRight", 39);
    }
    let changed = format!("({HEADLINE}) !== {}", json!(expected));
    browser.wait_for(&changed, Duration::from_secs(30));
    browser.wait_for(IDLE, Duration::from_secs(30));
    let percent = browser.eval(&format!("document.querySelector('{COMPLAINT_BOX}').value"));
    assert_eq!(percent, json!("40"), "fifteen steps of 1% from 25%");
    let api = post_run(
        &server,
        &json!({ "set": { "experience.complaint_rate": "0.4" } }),
    );
    assert_eq!(api.status, 200);
    let now = browser.eval(HEADLINE);
    assert_eq!(
        now, api.json["headlines"][0],
        "the page shows the API's answer"
    );
    assert_ne!(now, json!(expected));
    screenshots(&mut browser, "desktop-moved", 1280, 900, false);

    // A value the scenario refuses, typed into the box: the page gives the
    // command line's reason and keeps the last answer.
    browser.eval(&format!(
        "const b = document.querySelector('{COMPLAINT_BOX}'); b.focus(); b.value = ''"
    ));
    browser.call("Input.insertText", json!({ "text": "150" }));
    browser.wait_for(
        "!document.getElementById('problem').hidden",
        Duration::from_secs(30),
    );
    let reason = wom_run_error(
        Path::new("scenarios/default.toml"),
        &["--set".into(), "experience.complaint_rate=1.5".into()],
    );
    // The command line names its flag; the page marks the knob instead and
    // gives the rest of the message.
    let flag = "--set experience.complaint_rate=1.5: ";
    let words = reason
        .strip_prefix(flag)
        .unwrap_or_else(|| panic!("{reason}"));
    let shown = browser.eval("document.getElementById('problem').textContent");
    let shown = shown.as_str().unwrap();
    assert!(shown.contains(words), "{shown} lacks {words}");
    assert!(!shown.contains("--set"), "{shown}");
    assert_eq!(
        browser.eval(
            "document.querySelector('[data-key=\"experience.complaint_rate\"]').classList.contains('refused')"
        ),
        json!(true),
        "the knob is marked"
    );
    assert_eq!(browser.eval(HEADLINE), now, "the last answer stays");
    browser.wait_for(
        "document.getElementById('progress').hidden",
        Duration::from_secs(5),
    );
    save("desktop-refused.png", &browser.screenshot(false));
}

#[test]
fn the_page_reads_a_parting_scenario_as_its_headlines_do() {
    if !browser_available() {
        return;
    }
    let chronic = shipped("chronic_complainers.toml");
    let server = Server::start(&[chronic.to_str().unwrap(), "--replications", "40"]);
    let dir = tempfile::tempdir().unwrap();
    let cli = wom_run(
        &chronic,
        &["--replications".into(), "40".into()],
        dir.path(),
    );
    let mut browser = Browser::start();
    browser.viewport(1280, 900, false);
    browser.call("Page.navigate", json!({ "url": server.url }));
    browser.wait_for(HEADLINE, Duration::from_secs(30));
    browser.wait_for(IDLE, Duration::from_secs(30));
    assert_eq!(browser.eval(HEADLINE), cli["headlines"][0]);
    // The parting policy is the subject: it gains, against the policy that
    // keeps its customers; the second parting says its own subject.
    let card = browser.eval("document.querySelector('#comparisons .card').textContent");
    let card = card.as_str().unwrap();
    assert!(
        card.contains("Parting gracefully with “chronic” customers at their 2nd complaint"),
        "{card}"
    );
    assert!(card.contains("compared with “keep”"), "{card}");
    let others = browser.eval("document.querySelector('#comparisons .others').textContent");
    assert!(
        others.as_str().unwrap().contains("Parting abruptly"),
        "{others}"
    );
    let share = "[data-key=\"segments.chronic.share\"] input[type=number]";
    assert_eq!(
        browser.eval(&format!("document.querySelector('{share}').value")),
        json!("5"),
        "the chronic share, in %"
    );
    screenshots(&mut browser, "parting-desktop", 1280, 900, false);
    screenshots(&mut browser, "parting-phone", 390, 844, true);
}

#[test]
fn the_page_of_a_staffed_desk_moves_its_agents() {
    if !browser_available() {
        return;
    }
    let staffing = shipped("staffing.toml");
    let server = Server::start(&[staffing.to_str().unwrap(), "--replications", "20"]);
    let dir = tempfile::tempdir().unwrap();
    let cli = wom_run(
        &staffing,
        &["--replications".into(), "20".into()],
        dir.path(),
    );
    let expected = cli["headlines"][0].clone();
    let mut browser = Browser::start();
    browser.viewport(1280, 900, false);
    browser.call("Page.navigate", json!({ "url": server.url }));
    browser.wait_for(HEADLINE, Duration::from_secs(60));
    browser.wait_for(IDLE, Duration::from_secs(60));
    assert_eq!(browser.eval(HEADLINE), expected);
    // The report's response-time chart is shown, drawn.
    let drawn = "!document.getElementById('response').hidden && document.getElementById('chart-response_times').naturalWidth > 0";
    browser.wait_for(drawn, Duration::from_secs(10));
    let agents = "[data-key=\"policies.staffed.staffing.agents\"]";
    assert_eq!(
        browser.eval(&format!(
            "document.querySelector('{agents} input[type=number]').value"
        )),
        json!("2")
    );
    let unit = browser.eval(&format!(
        "document.querySelector('{agents} .unit').textContent"
    ));
    assert_eq!(unit, json!("agents"));
    screenshots(&mut browser, "staffing-desktop", 1280, 900, false);
    screenshots(&mut browser, "staffing-phone", 390, 844, true);
    browser.viewport(1280, 900, false);
    // One more agent at the desk "staffed", by keyboard.
    browser.eval(&format!(
        "document.querySelector('{agents} input[type=range]').focus()"
    ));
    browser.press("ArrowRight", 39);
    let changed = format!("({HEADLINE}) !== {expected}");
    browser.wait_for(&changed, Duration::from_secs(60));
    browser.wait_for(IDLE, Duration::from_secs(60));
    assert_eq!(
        browser.eval(&format!(
            "document.querySelector('{agents} input[type=number]').value"
        )),
        json!("3")
    );
    let api = post_run(
        &server,
        &json!({ "set": { "policies.staffed.staffing.agents": 3 } }),
    );
    assert_eq!(api.status, 200, "{}", api.json);
    assert_eq!(
        browser.eval(HEADLINE),
        api.json["headlines"][0],
        "the page shows the API's answer for three agents"
    );
}
