//! The closed sets stored as text codes: statuses, roles and kinds. Each is an enum with its
//! code (`code`, `from_code`, `ALL`); on the server it is also a sea-orm active enum over the
//! same codes, so a column reads as the enum and an unknown code in the database is an error,
//! never a default.

/// Declares an enum stored as a text code (see the module comment).
macro_rules! stored_codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                #[cfg_attr(feature = "ssr", sea_orm(string_value = $code))]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored code.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The value stored as `code`.
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            /// Writes the code.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

stored_codes! {
    /// What a quiz is for in its course.
    pub enum QuizRole {
        /// Practice, as often as the trainee likes.
        Practice = "practice",
        /// Taken before the course: the start of the learning gain.
        PreTest = "pre_test",
        /// Taken at the end: the end of the learning gain.
        PostTest = "post_test",
    }
}

stored_codes! {
    /// Where a quiz attempt stands.
    pub enum AttemptStatus {
        /// Being answered.
        Open = "open",
        /// Handed in and graded.
        Submitted = "submitted",
        /// Closed by its time limit, graded on the answers saved in time.
        Expired = "expired",
    }
}

stored_codes! {
    /// Where a needs-analysis campaign stands.
    pub enum CampaignStatus {
        /// Being prepared; its questionnaire may still change.
        Draft = "draft",
        /// Collecting answers.
        Open = "open",
        /// No longer collecting; its results are final.
        Closed = "closed",
    }
}

stored_codes! {
    /// Where a needs-analysis response stands.
    pub enum ResponseStatus {
        /// Being filled in (saved as typed).
        Draft = "draft",
        /// Handed in.
        Submitted = "submitted",
    }
}

stored_codes! {
    /// Where a capacity assessment stands.
    pub enum AssessmentStatus {
        /// Being scored.
        Draft = "draft",
        /// Scores under review by the lead.
        InReview = "in_review",
        /// Read-only; the country report is final.
        Final = "final",
    }
}

stored_codes! {
    /// A person's part in one capacity assessment.
    pub enum MemberRole {
        /// Leads the team: records agreed scores, moves the status.
        Lead = "lead",
        /// Scores indicators.
        Assessor = "assessor",
        /// A government counterpart: reads.
        Counterpart = "counterpart",
    }
}

/// The signed-in person's standing in one capacity assessment: their part on its team, or
/// an administrator who is not on it (who may do what a lead does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Standing {
    /// On the team, in this part.
    Member(MemberRole),
    /// An administrator outside the team.
    Administrator,
}

impl Standing {
    /// May record scores (leads, assessors and administrators; counterparts read).
    pub fn may_score(self) -> bool {
        !matches!(self, Standing::Member(MemberRole::Counterpart))
    }

    /// May do what the lead does: agreed scores, the team, the status.
    pub fn leads(self) -> bool {
        matches!(
            self,
            Standing::Member(MemberRole::Lead) | Standing::Administrator
        )
    }

    /// Scores blind while the assessment is a draft: sees others' scores on an indicator
    /// only once they have scored it themselves (assessors, not the lead).
    pub fn scores_blind(self) -> bool {
        self == Standing::Member(MemberRole::Assessor)
    }
}

stored_codes! {
    /// What a capacity finding records.
    pub enum FindingKind {
        /// Something that works well.
        Strength = "strength",
        /// Something missing or weak.
        Gap = "gap",
    }
}

stored_codes! {
    /// What a learning event records.
    pub enum EventKind {
        /// A person was enrolled in a class (`class_id`) of a course.
        Enrolled = "enrolled",
        /// A lesson was opened (at most once per half hour of reading).
        LessonViewed = "lesson_viewed",
        /// A lesson was marked complete.
        LessonCompleted = "lesson_completed",
        /// A quiz attempt was closed (submitted, or at its time limit); `ref_id` is the
        /// attempt, `score` its percentage.
        AttemptSubmitted = "attempt_submitted",
        /// A document-examination exercise was answered and graded; `ref_id` is the exercise
        /// attempt, `score` its percentage. What was found or missed, per defect kind, is in
        /// `exercise_findings`.
        ExerciseGraded = "exercise_graded",
        /// A certificate was issued; `ref_id` is the certificate.
        CertificateIssued = "certificate_issued",
        /// A traveller was decided at the border desk; `ref_id` is the shift, `score` 100 when
        /// the decision was one the case allows and 0 otherwise.
        DeskDecided = "desk_decided",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back() {
        for s in AssessmentStatus::ALL {
            assert_eq!(AssessmentStatus::from_code(s.code()), Some(*s));
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::from_code(k.code()), Some(*k));
            assert_eq!(
                serde_json::to_string(k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
        assert_eq!(QuizRole::from_code("final_exam"), None);
    }
}
