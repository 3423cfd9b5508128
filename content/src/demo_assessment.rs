//! The demo capacity assessment of Utopia (`content/demo/assessment-utopia.toml`): scores,
//! findings and recommendations for every element of the shipped framework.

use serde::Deserialize;

/// The whole demo assessment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAssessment {
    /// Title.
    pub title: String,
    /// Requesting body.
    pub requested_by: String,
    /// First day, YYYY-MM-DD.
    pub starts_on: String,
    /// Last day, YYYY-MM-DD.
    pub ends_on: String,
    /// Executive summary (Markdown).
    pub summary: String,
    /// Methodology (Markdown).
    pub methodology: String,
    /// Agreed scores.
    #[serde(rename = "score")]
    pub scores: Vec<DemoScore>,
    /// Findings.
    #[serde(rename = "finding")]
    pub findings: Vec<DemoFinding>,
    /// Recommendations.
    #[serde(rename = "recommendation")]
    pub recommendations: Vec<DemoRecommendation>,
}

/// An agreed score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoScore {
    /// Indicator id.
    pub indicator: String,
    /// Level 0–4.
    #[serde(default)]
    pub level: Option<u8>,
    /// Not applicable.
    #[serde(default)]
    pub not_applicable: bool,
    /// Why not applicable.
    #[serde(default)]
    pub reason: String,
    /// Evidence.
    pub evidence: String,
    /// Confidence.
    pub confidence: String,
}

/// A finding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoFinding {
    /// Element id.
    pub element: String,
    /// `strength` or `gap`.
    pub kind: String,
    /// Text.
    pub text: String,
}

/// A recommendation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRecommendation {
    /// Element id.
    pub element: String,
    /// Text.
    pub text: String,
    /// Priority.
    pub priority: String,
    /// Timeframe.
    pub timeframe: String,
    /// Responsible agency.
    pub responsible: String,
    /// Indicative cost.
    pub cost: String,
    /// Indicator ids.
    pub indicators: Vec<String>,
    /// Planned quarter.
    pub quarter: String,
}

/// The demo assessment (checked by the tests, so reading it cannot fail in a release).
pub fn utopia() -> Result<DemoAssessment, String> {
    toml::from_str(include_str!("../demo/assessment-utopia.toml")).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_demo_assessment_matches_the_framework() {
        let demo = utopia().unwrap();
        let fw = crate::framework::find("bmm").unwrap();
        let indicators: Vec<&str> = fw.indicators().map(|(_, _, i)| i.id.as_str()).collect();
        let scored: Vec<&str> = demo.scores.iter().map(|s| s.indicator.as_str()).collect();
        assert_eq!(
            scored, indicators,
            "every indicator once, in framework order"
        );
        for s in &demo.scores {
            assert!(s.level.is_some_and(|l| l <= 4) || (s.not_applicable && !s.reason.is_empty()));
        }
        let elements: HashSet<&str> = fw
            .components
            .iter()
            .flat_map(|c| c.elements.iter().map(|e| e.id.as_str()))
            .collect();
        let with_findings: HashSet<&str> =
            demo.findings.iter().map(|f| f.element.as_str()).collect();
        assert_eq!(with_findings, elements, "a finding for every element");
        for f in &demo.findings {
            assert!(matches!(f.kind.as_str(), "strength" | "gap"), "{}", f.kind);
        }
        for r in &demo.recommendations {
            assert!(elements.contains(r.element.as_str()));
            assert!(
                r.indicators.iter().all(|i| i.starts_with(&r.element)),
                "{}",
                r.text
            );
        }
    }
}
