//! The tiering timeline: one lane per function that left tier 0 (and the most-called ones that did not), coloured
//! by the tier its current code was in over time, with compile spans and OSR entries marked. Drawn with
//! `plotters` as SVG.

use crate::stats::Stats;
use crate::trace::{EventKind, TraceEvent};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::HashMap;
use std::path::Path;

/// Most-called functions that stayed in tier 0 that still get a lane.
const TOP_BY_CALLS: usize = 5;
/// At most this many lanes (the earliest to leave tier 0 first).
const MAX_LANES: usize = 40;

const TIERS: [(&str, RGBColor); 4] = [
    ("tier0", RGBColor(0xb0, 0xb0, 0xb0)),
    ("llvm-o0", RGBColor(0xc8, 0x9f, 0x5d)),
    ("llvm-o2", RGBColor(0x4e, 0x79, 0xa7)),
    ("llvm-o3", RGBColor(0xe1, 0x57, 0x59)),
];

fn tier_color(tier: &str) -> RGBColor {
    TIERS.iter().find(|(t, _)| *t == tier).map_or(BLACK, |(_, c)| *c)
}

/// A function's lane: the tier of its code from each install on, its compiles and its OSR entries.
#[derive(Default)]
struct Lane {
    installs: Vec<(f64, String)>,
    compiles: Vec<(f64, f64)>,
    osr: Vec<f64>,
}

/// The functions that get a lane, in lane order: those that left tier 0 by when they first did, then the most-called
/// of the rest.
fn pick_lanes(events: &[TraceEvent], stats: &Stats) -> Vec<String> {
    let mut left: Vec<(f64, String)> = Vec::new();
    for e in events {
        if let EventKind::Install { function, tier } = &e.kind
            && tier != "tier0"
            && !left.iter().any(|(_, f)| f == function)
        {
            left.push((e.at_us, function.clone()));
        }
    }
    let mut names: Vec<String> = left.into_iter().map(|(_, f)| f).collect();
    let mut rest: Vec<(u64, &str)> = stats
        .functions
        .iter()
        .filter(|f| !names.contains(&f.name) && f.calls > 0)
        .map(|f| (f.calls, f.name.as_str()))
        .collect();
    rest.sort_by_key(|r| std::cmp::Reverse(r.0));
    names.extend(rest.into_iter().take(TOP_BY_CALLS).map(|(_, n)| n.to_string()));
    names.truncate(MAX_LANES);
    names
}

/// Draws the timeline of `events` (up to `end_us` after load) into the SVG file `path`.
pub(crate) fn draw(path: &Path, events: &[TraceEvent], stats: &Stats, end_us: f64) -> Result<(), String> {
    let names = pick_lanes(events, stats);
    let mut lanes: HashMap<&str, Lane> = names.iter().map(|n| (n.as_str(), Lane::default())).collect();
    for e in events {
        match &e.kind {
            EventKind::Install { function, tier } => {
                if let Some(l) = lanes.get_mut(function.as_str()) {
                    l.installs.push((e.at_us, tier.clone()));
                }
            }
            EventKind::Compile { function, duration_us, ok: true, .. } => {
                if let Some(l) = lanes.get_mut(function.as_str()) {
                    l.compiles.push((e.at_us, e.at_us + duration_us));
                }
            }
            EventKind::OsrInstall { function, .. } => {
                if let Some(l) = lanes.get_mut(function.as_str()) {
                    l.osr.push(e.at_us);
                }
            }
            _ => {}
        }
    }
    let end_ms = (end_us / 1e3).max(0.001);
    let n = names.len().max(1);
    let height = (80 + 26 * n + 60) as u32;
    let root = SVGBackend::new(path, (1000, height)).into_drawing_area();
    let err = |e: &dyn std::fmt::Display| e.to_string();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption("tierlift: tier of each function over the run", ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(200)
        .build_cartesian_2d(0f64..end_ms, 0f64..n as f64)
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_desc("milliseconds after load")
        .draw()
        .map_err(|e| err(&e))?;

    // Lane i occupies [n - i - 1, n - i): the first lane on top.
    let row = |i: usize| (n - i - 1) as f64;
    let mut segments: Vec<(f64, f64, f64, RGBColor)> = Vec::new();
    let mut spans: Vec<(f64, f64, f64)> = Vec::new();
    let mut osr: Vec<(f64, f64)> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let lane = &lanes[name.as_str()];
        let y = row(i);
        for (k, (at, tier)) in lane.installs.iter().enumerate() {
            let until = lane.installs.get(k + 1).map_or(end_us, |next| next.0);
            segments.push((at / 1e3, until / 1e3, y, tier_color(tier)));
        }
        spans.extend(lane.compiles.iter().map(|(a, b)| (a / 1e3, (b / 1e3).max(a / 1e3 + end_ms / 2000.0), y)));
        osr.extend(lane.osr.iter().map(|at| (at / 1e3, y + 0.5)));
    }
    for (tier, color) in TIERS {
        let mine: Vec<_> = segments.iter().filter(|s| s.3 == color).collect();
        chart
            .draw_series(mine.iter().map(|(a, b, y, c)| Rectangle::new([(*a, y + 0.3), (*b, y + 0.9)], c.filled())))
            .map_err(|e| err(&e))?
            .label(tier)
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled()));
    }
    chart
        .draw_series(spans.iter().map(|(a, b, y)| Rectangle::new([(*a, y + 0.08), (*b, y + 0.24)], BLACK.filled())))
        .map_err(|e| err(&e))?
        .label("compile")
        .legend(|(x, y)| Rectangle::new([(x, y - 2), (x + 12, y + 2)], BLACK.filled()));
    chart
        .draw_series(osr.iter().map(|&(x, y)| TriangleMarker::new((x, y), 6, BLACK.filled())))
        .map_err(|e| err(&e))?
        .label("OSR entry installed")
        .legend(|(x, y)| TriangleMarker::new((x + 6, y), 5, BLACK.filled()));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| err(&e))?;
    let label = TextStyle::from(("sans-serif", 13).into_font()).pos(Pos::new(HPos::Right, VPos::Center));
    for (i, name) in names.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(0.0, row(i) + 0.6));
        root.draw(&Text::new(name.clone(), (x - 6, y), &label)).map_err(|e| err(&e))?;
    }
    root.present().map_err(|e| err(&e))?;
    Ok(())
}
