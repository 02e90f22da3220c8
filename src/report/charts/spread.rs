//! Picture: how one customer's story spread in one period — the customer at
//! the centre, hops as rings, colour by tone, marks for effects — one panel
//! per policy, side by side (the "Mrs Marinova" picture of `wom trace`).

use crate::present::format::count;
use crate::report::kit::canvas::{Chart, Drawn};
use crate::report::kit::style::{
    GRID, INK, MUTED, anchored, bold, fit_size, header, policy_colour, text,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::collections::HashMap;
use std::f64::consts::{FRAC_PI_2, TAU};
use wom::model::Tone;
use wom::sim::Effect;
use wom::sim::trace::{Reached, Story};

/// Bad news.
pub const NEGATIVE_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Good news.
pub const POSITIVE_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Prospects converted by a referral.
const CONVERTED_COLOUR: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// At most this many people are drawn on one ring; the rest are counted.
pub const MAX_PER_RING: usize = 60;
/// Smallest distance between two people on a ring, in pixels.
const SPACING_PX: f64 = 17.0;

/// The colour of a tone.
pub fn tone_colour(tone: Tone) -> RGBColor {
    if tone == Tone::Negative {
        NEGATIVE_COLOUR
    } else {
        POSITIVE_COLOUR
    }
}

/// One policy's panel.
#[derive(Debug, Clone)]
pub struct Panel {
    /// Policy name.
    pub policy: String,
    /// Its position in the scenario (for its colour).
    pub policy_index: usize,
    /// What happened to the customer, in words ("complaint unresolved").
    pub outcome: String,
    /// The story (empty when they told none).
    pub story: Story,
}

/// The spread picture.
#[derive(Debug, Clone)]
pub struct Spread {
    /// File stem.
    pub stem: String,
    /// The title (the finding).
    pub title: String,
    /// Scenario, replication, period, seed, and who is at the centre.
    pub subtitle: String,
    /// Hops a story can travel (rings drawn).
    pub max_hops: u32,
    /// One panel per policy.
    pub panels: Vec<Panel>,
}

impl Chart for Spread {
    fn stem(&self) -> &str {
        &self.stem
    }

    fn title(&self) -> &str {
        &self.title
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Drawn<DB> {
        let area = header(
            root,
            &self.title,
            &self.subtitle,
            &format!(
                "Centre: the customer; rings: hops (1 = told by them); lines: who first told whom; at most {MAX_PER_RING} people drawn per ring"
            ),
        )?;
        let (w, h) = area.dim_in_pixel();
        let (body, legend) = area.split_vertically(h.saturating_sub(64));
        let n = self.panels.len().max(1);
        let panels = body.split_evenly((1, n));
        for (panel, spec) in panels.iter().zip(&self.panels) {
            draw_panel(panel, spec, self.max_hops.max(1))?;
        }
        if n > 1 {
            let x = (w / 2) as i32;
            body.draw(&PathElement::new(
                vec![(x, 10), (x, body.dim_in_pixel().1 as i32 - 10)],
                GRID.stroke_width(2),
            ))?;
        }
        draw_legend(&legend)
    }
}

/// Where each drawn person sits, and how many per hop were left out.
struct Layout {
    at: HashMap<u32, (i32, i32)>,
    omitted: Vec<usize>,
}

/// Places people on rings: each near its teller's angle, spaced at least
/// [`SPACING_PX`] apart, at most [`MAX_PER_RING`] (and what fits) per ring —
/// those who retold or were affected first.
fn layout(story: &Story, centre: (f64, f64), ring: f64, max_hops: u32) -> Layout {
    let mut angle: HashMap<u32, f64> = HashMap::from([(story.originator, -FRAC_PI_2)]);
    let mut at = HashMap::from([(story.originator, to_px(centre, 0.0, 0.0))]);
    let mut omitted = Vec::new();
    for hop in 1..=max_hops.max(story.depth()) {
        let radius = ring * f64::from(hop.min(max_hops));
        let mut people: Vec<&Reached> = story.reached.iter().filter(|r| r.hop == hop).collect();
        let fits = ((TAU * radius / SPACING_PX).floor() as usize).clamp(1, MAX_PER_RING);
        if people.len() > fits {
            // Keep retellers (their listeners hang off them), then people
            // the story changed, then the first told.
            people.sort_by_key(|r| (!r.retold, r.effect == Effect::None));
            people.truncate(fits);
        }
        omitted.push(story.reached.iter().filter(|r| r.hop == hop).count() - people.len());
        // Wanted angle: near the teller, fanned out among siblings.
        let gap = SPACING_PX / radius;
        let mut family: HashMap<u32, usize> = HashMap::new();
        for r in &people {
            *family.entry(r.parent).or_insert(0) += 1;
        }
        let mut wanted: Vec<(f64, u32)> = Vec::with_capacity(people.len());
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for (i, r) in people.iter().enumerate() {
            let k = seen.entry(r.parent).or_insert(0);
            let size = family.get(&r.parent).copied().unwrap_or(1) as f64;
            let base = match angle.get(&r.parent) {
                Some(a) if hop > 1 => a + (*k as f64 - (size - 1.0) / 2.0) * gap,
                _ => -FRAC_PI_2 + TAU * (i as f64 + 0.5) / people.len() as f64,
            };
            *k += 1;
            wanted.push((base, r.person));
        }
        wanted.sort_by(|a, b| a.0.total_cmp(&b.0));
        let total = gap * wanted.len() as f64;
        if total >= TAU - gap {
            let start = wanted.first().map_or(0.0, |w| w.0);
            for (i, w) in wanted.iter_mut().enumerate() {
                w.0 = start + TAU * i as f64 / people.len() as f64;
            }
        } else {
            // Push apart forward, then shift back so the group stays
            // centred on where it wanted to be.
            let mean_wanted = wanted.iter().map(|w| w.0).sum::<f64>() / wanted.len().max(1) as f64;
            for i in 1..wanted.len() {
                wanted[i].0 = wanted[i].0.max(wanted[i - 1].0 + gap);
            }
            let mean_now = wanted.iter().map(|w| w.0).sum::<f64>() / wanted.len().max(1) as f64;
            let shift = mean_now - mean_wanted;
            // A crowded ring blends towards even spacing round the whole
            // circle (same order, so lines still fan out from tellers); both
            // keep people at least `gap` apart, and so does any blend.
            let n = wanted.len() as f64;
            let even_at = |i: usize| TAU * i as f64 / n;
            let offset = wanted
                .iter()
                .enumerate()
                .map(|(i, w)| w.0 - shift - even_at(i))
                .sum::<f64>()
                / n;
            let blend = ((total / TAU - 0.25) / 0.5).clamp(0.0, 1.0);
            for (i, w) in wanted.iter_mut().enumerate() {
                w.0 = (1.0 - blend) * (w.0 - shift) + blend * (offset + even_at(i));
            }
        }
        for (a, person) in wanted {
            angle.insert(person, a);
            at.insert(person, to_px(centre, radius, a));
        }
    }
    Layout { at, omitted }
}

fn to_px(centre: (f64, f64), radius: f64, angle: f64) -> (i32, i32) {
    (
        (centre.0 + radius * angle.cos()).round() as i32,
        (centre.1 + radius * angle.sin()).round() as i32,
    )
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    spec: &Panel,
    max_hops: u32,
) -> Drawn<DB> {
    let (w, h) = area.dim_in_pixel();
    let story = &spec.story;
    let heading = format!("{}: {}", spec.policy, spec.outcome);
    let size = fit_size(area, &heading, 30.0, 18.0)?;
    area.draw(&Text::new(
        heading,
        (24, 4),
        anchored(
            bold(size, policy_colour(spec.policy_index)),
            HPos::Left,
            VPos::Top,
        ),
    ))?;
    let summary = summary(story);
    let size = fit_size(area, &summary, 22.0, 14.0)?;
    area.draw(&Text::new(
        summary,
        (24, 44),
        anchored(text(size, INK), HPos::Left, VPos::Top),
    ))?;
    let top = 104.0;
    let room_h = f64::from(h) - top - 10.0;
    let radius = (f64::from(w).min(room_h) / 2.0 - 22.0).max(40.0);
    let centre = (f64::from(w) / 2.0, top + room_h / 2.0);
    let ring = radius / f64::from(max_hops);
    let colour = tone_colour(story.tone);
    let place = layout(story, centre, ring, max_hops);
    let mut rings = Vec::new();
    for hop in 1..=max_hops {
        let r = ring * f64::from(hop);
        area.draw(&Circle::new(
            to_px(centre, 0.0, 0.0),
            r.round() as i32,
            GRID.stroke_width(2),
        ))?;
        let reached = story.reached.iter().filter(|p| p.hop == hop).count();
        let omitted = place.omitted.get(hop as usize - 1).copied().unwrap_or(0);
        let mut label = format!("hop {hop}: {}", count(reached as u64));
        if omitted > 0 {
            label.push_str(&format!(" ({} not drawn)", count(omitted as u64)));
        }
        rings.push(label);
    }
    let rings = format!("People first reached at {}", rings.join(" · "));
    let size = fit_size(area, &rings, 18.0, 12.0)?;
    area.draw(&Text::new(
        rings,
        (24, 74),
        anchored(text(size, MUTED), HPos::Left, VPos::Top),
    ))?;
    // Lines first, people on top.
    let line = colour.mix(0.45).stroke_width(2);
    for r in &story.reached {
        if let (Some(&a), Some(&b)) = (place.at.get(&r.parent), place.at.get(&r.person)) {
            area.draw(&PathElement::new(vec![a, b], line))?;
        }
    }
    for r in &story.reached {
        if let Some(&p) = place.at.get(&r.person) {
            mark(area, p, colour, r.effect)?;
        }
    }
    let c = to_px(centre, 0.0, 0.0);
    let fill = if story.reach() == 0 { MUTED } else { colour };
    area.draw(&Circle::new(c, 17, fill.filled()))?;
    area.draw(&Circle::new(c, 17, INK.stroke_width(3)))?;
    area.draw(&Text::new(
        format!("person {}", story.originator),
        (c.0, c.1 + 24),
        anchored(bold(18.0, INK), HPos::Center, VPos::Top),
    ))
}

/// "27 people reached in 3 hops · 6 prospects deterred · 1 customer lost".
pub fn summary(story: &Story) -> String {
    if story.reach() == 0 {
        return "told nobody".into();
    }
    let plural = |n: usize, one: &str, many: &str| {
        format!("{} {}", count(n as u64), if n == 1 { one } else { many })
    };
    let news = if story.is_negative() {
        "bad news"
    } else {
        "good news"
    };
    let mut parts = vec![format!(
        "{news} reached {} in {}",
        plural(story.reach(), "person", "people"),
        plural(story.depth() as usize, "hop", "hops")
    )];
    for (effect, one, many) in [
        (Effect::Deterred, "prospect deterred", "prospects deterred"),
        (Effect::Lost, "customer lost", "customers lost"),
        (Effect::Referred, "prospect won", "prospects won"),
    ] {
        let n = story.count(effect);
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    parts.join(" · ")
}

fn mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    colour: RGBColor,
    effect: Effect,
) -> Drawn<DB> {
    match effect {
        Effect::None => area.draw(&Circle::new((x, y), 6, colour.filled())),
        Effect::Deterred => {
            // White behind the cross, ringed in the story's colour.
            area.draw(&Circle::new((x, y), 10, WHITE.filled()))?;
            area.draw(&Circle::new((x, y), 10, colour.stroke_width(2)))?;
            area.draw(&Cross::new((x, y), 6, INK.stroke_width(4)))
        }
        Effect::Lost => area.draw(&TriangleMarker::new((x, y), 10, INK.filled())),
        Effect::Referred => area.draw(&Polygon::new(
            vec![(x, y - 10), (x + 10, y), (x, y + 10), (x - 10, y)],
            CONVERTED_COLOUR.filled(),
        )),
    }
}

fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Drawn<DB> {
    let items: [(&str, Effect, RGBColor); 5] = [
        ("heard bad news", Effect::None, NEGATIVE_COLOUR),
        ("heard good news", Effect::None, POSITIVE_COLOUR),
        ("prospect deterred (never buys)", Effect::Deterred, MUTED),
        ("customer lost to hearsay", Effect::Lost, INK),
        ("prospect won by referral", Effect::Referred, INK),
    ];
    let font = text(20.0, INK);
    let mut x = 56;
    let y = 30;
    for (label, effect, colour) in items {
        mark(area, (x, y), colour, effect)?;
        area.draw(&Text::new(
            label,
            (x + 18, y),
            anchored(font.clone(), HPos::Left, VPos::Center),
        ))?;
        x += 18 + area.estimate_text_size(label, &font)?.0 as i32 + 40;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wom::sim::Hearing;

    /// A story told by person 0 to `n` people at hop 1, the first of whom
    /// retold it to three more.
    fn story(n: u32) -> Story {
        let mut reached: Vec<Reached> = (1..=n)
            .map(|p| Reached {
                person: p,
                hop: 1,
                parent: 0,
                effect: if p % 5 == 0 {
                    Effect::Deterred
                } else {
                    Effect::None
                },
                retold: p == 1,
            })
            .collect();
        reached.extend((0..3).map(|i| Reached {
            person: 10_000 + i,
            hop: 2,
            parent: 1,
            effect: Effect::None,
            retold: false,
        }));
        let hearings = reached
            .iter()
            .map(|r| Hearing {
                teller: r.parent,
                hearer: r.person,
                tone: Tone::Negative,
                hop: r.hop,
                effect: r.effect,
            })
            .collect();
        Story {
            originator: 0,
            tone: Tone::Negative,
            hearings,
            reached,
        }
    }

    fn distance(a: (i32, i32), b: (i32, i32)) -> f64 {
        f64::from(a.0 - b.0).hypot(f64::from(a.1 - b.1))
    }

    #[test]
    fn a_crowded_ring_is_capped_and_counted_keeping_retellers() {
        let s = story(400);
        let place = layout(&s, (400.0, 400.0), 100.0, 3);
        let ring1: Vec<_> = s
            .reached
            .iter()
            .filter(|r| r.hop == 1 && place.at.contains_key(&r.person))
            .collect();
        assert!(ring1.len() <= MAX_PER_RING);
        assert_eq!(place.omitted[0], 400 - ring1.len());
        assert!(place.at.contains_key(&1), "the reteller is drawn");
        assert_eq!(place.omitted[1], 0);
        // Everyone drawn on a ring keeps their distance.
        let points: Vec<(i32, i32)> = ring1.iter().map(|r| place.at[&r.person]).collect();
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                assert!(
                    distance(*a, *b) >= SPACING_PX - 2.0,
                    "{a:?} and {b:?} overlap"
                );
            }
        }
    }

    #[test]
    fn listeners_sit_near_their_teller() {
        let s = story(8);
        let place = layout(&s, (400.0, 400.0), 100.0, 3);
        assert_eq!(place.omitted, vec![0, 0, 0]);
        let teller = place.at[&1];
        for i in 0..3 {
            // On ring 2 (radius 200), within a short arc of the teller's ray.
            assert!(distance(place.at[&(10_000 + i)], teller) < 160.0);
        }
    }

    #[test]
    fn summary_counts_effects() {
        assert_eq!(
            summary(&story(10)),
            "bad news reached 13 people in 2 hops · 2 prospects deterred"
        );
    }
}
