//! What stops people doing the work well: barrier answers, and when a gap has a cause other
//! than training.

/// A cause of a performance gap that a barrier item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// Missing or faulty equipment.
    Equipment,
    /// Unclear or missing procedures, instructions or legal basis.
    Procedures,
    /// Too few staff, or too little time.
    Staffing,
    /// Not trained enough: the one cause a course removes.
    Training,
}

impl Cause {
    /// The causes other than training, in the order ties are broken.
    pub const OTHER: [Cause; 3] = [Cause::Equipment, Cause::Procedures, Cause::Staffing];

    /// The barrier option id that names this cause.
    pub fn code(self) -> &'static str {
        match self {
            Cause::Equipment => "equipment",
            Cause::Procedures => "procedures",
            Cause::Staffing => "staffing",
            Cause::Training => "training",
        }
    }
}

/// What the respondents to one barrier item said stops them (each respondent counted once
/// per option they chose).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Barriers {
    /// Respondents who answered the item.
    pub respondents: usize,
    /// Respondents naming each cause, in [`Cause`] order.
    pub named: [usize; 4],
    /// Respondents saying nothing stops them.
    pub nothing: usize,
}

impl Barriers {
    /// Adds one respondent's choices (option ids; unknown ones are ignored, a repeated one
    /// counts once).
    pub fn add<'a>(&mut self, chosen: impl IntoIterator<Item = &'a str>) {
        let mut seen = [false; 5];
        for id in chosen {
            let slot = match id {
                "equipment" => 0,
                "procedures" => 1,
                "staffing" => 2,
                "training" => 3,
                "none" => 4,
                _ => continue,
            };
            seen[slot] = true;
        }
        self.respondents += 1;
        for (i, named) in self.named.iter_mut().enumerate() {
            *named += usize::from(seen[i]);
        }
        self.nothing += usize::from(seen[4]);
    }

    /// Respondents naming `cause`.
    pub fn count(&self, cause: Cause) -> usize {
        self.named[cause as usize]
    }

    /// The cause behind the gap when it is not mainly training: the most named of equipment,
    /// procedures and staffing, when at least half the respondents name it and more name it
    /// than name training. Training cannot close such a gap; it belongs to management.
    pub fn other_cause(&self) -> Option<Cause> {
        let top = Cause::OTHER
            .into_iter()
            .max_by_key(|c| (self.count(*c), std::cmp::Reverse(*c)))?;
        let n = self.count(top);
        (self.respondents > 0 && 2 * n >= self.respondents && n > self.count(Cause::Training))
            .then_some(top)
    }
}
