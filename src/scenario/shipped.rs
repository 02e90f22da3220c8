//! The scenarios shipped in `scenarios/`, embedded in the build so that
//! `wom scenarios` works anywhere and tests can walk every one of them.

/// Every shipped scenario: (file name, text).
pub const SHIPPED: [(&str, &str); 9] = [
    ("default.toml", include_str!("../../scenarios/default.toml")),
    ("tarp.toml", include_str!("../../scenarios/tarp.toml")),
    ("cafe.toml", include_str!("../../scenarios/cafe.toml")),
    (
        "real_estate.toml",
        include_str!("../../scenarios/real_estate.toml"),
    ),
    (
        "support_team.toml",
        include_str!("../../scenarios/support_team.toml"),
    ),
    (
        "strong_weak_ties.toml",
        include_str!("../../scenarios/strong_weak_ties.toml"),
    ),
    (
        "chronic_complainers.toml",
        include_str!("../../scenarios/chronic_complainers.toml"),
    ),
    (
        "staffing.toml",
        include_str!("../../scenarios/staffing.toml"),
    ),
    (
        "chronic_desk.toml",
        include_str!("../../scenarios/chronic_desk.toml"),
    ),
];
