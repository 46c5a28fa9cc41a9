//! A bar chart of run time relative to native, per workload, for the main modes (hand-written SVG).

use crate::report::Results;
use crate::workload::Workload;

const SERIES: &[(&str, &str)] = &[
    ("tiered-counting", "#1b9e77"),
    ("tier0", "#7570b3"),
    ("llvm-o3", "#e7298a"),
    ("lli-O2", "#d95f02"),
    ("lli-lazy-O0", "#666666"),
];

/// The chart for clang -O0 bitcode: one group of bars per workload, log2 scale, 1× = native.
pub fn chart(workloads: &[Workload], r: &Results) -> String {
    let (bar_h, gap, left, width) = (9.0, 10.0, 150.0, 620.0);
    let group_h = bar_h * SERIES.len() as f64 + gap;
    let height = 60.0 + group_h * workloads.len() as f64 + 40.0;
    let max_log = 5.0; // 32×
    let x = |ratio: f64| left + (ratio.max(0.25).log2() + 2.0) / (max_log + 2.0) * width;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" \
         font-size=\"11\">\n<text x=\"10\" y=\"20\" font-size=\"14\">Run time / native clang -O3 (clang -O0 bitcode, \
         log scale)</text>\n",
        left + width + 40.0
    );
    for tick in [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0] {
        let tx = x(tick);
        s.push_str(&format!(
            "<line x1=\"{tx}\" y1=\"40\" x2=\"{tx}\" y2=\"{}\" stroke=\"#ddd\"/><text x=\"{tx}\" y=\"36\" \
             text-anchor=\"middle\">{tick}×</text>\n",
            height - 40.0
        ));
    }
    for (i, w) in workloads.iter().enumerate() {
        let y0 = 50.0 + i as f64 * group_h;
        s.push_str(&format!("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 6.0, y0 + 20.0, w.name));
        let native = r.time(&w.name, "O0", "native-O3");
        for (j, (mode, color)) in SERIES.iter().enumerate() {
            let Some(ratio) = r.time(&w.name, "O0", mode).zip(native).map(|(t, n)| t / n) else { continue };
            let y = y0 + j as f64 * bar_h;
            s.push_str(&format!(
                "<rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" fill=\"{color}\"><title>{mode}: \
                 {ratio:.2}×</title></rect>\n",
                (x(ratio) - left).max(1.0),
                bar_h - 1.0
            ));
        }
    }
    let ly = height - 20.0;
    for (j, (mode, color)) in SERIES.iter().enumerate() {
        let lx = left + j as f64 * 120.0;
        s.push_str(&format!(
            "<rect x=\"{lx}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{}\" y=\"{ly}\">{mode}</text>\n",
            ly - 9.0,
            lx + 14.0
        ));
    }
    s.push_str("</svg>\n");
    s
}
