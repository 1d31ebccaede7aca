//! ISO 8601 dates and intervals as an event's `date_iso` holds them: a year
//! (`1988`), a month (`1988-07`), a day (`1988-07-28`), or an interval of two of
//! them (`1988-07/1988-09`), its start not after its end. Anything else is refused
//! with a reason the entity page shows beside the field.

/// Why `s` is not an ISO 8601 date or interval (`None`: it is one).
pub fn iso_date_problem(s: &str) -> Option<String> {
    let s = s.trim();
    match s.split_once('/') {
        Some((a, b)) => {
            let start = parse(a).map_err(|e| format!("start: {e}"));
            let end = parse(b).map_err(|e| format!("end: {e}"));
            match (start, end) {
                (Err(e), _) | (_, Err(e)) => Some(e),
                // Compare the earliest day each can mean: 1988-07/1988 is backwards
                // only if July 1988 starts after the year 1988 ends, which it does not.
                (Ok(a), Ok(b)) if first_day(a) > last_day(b) => {
                    Some("the interval ends before it starts".into())
                }
                _ => None,
            }
        }
        None => parse(s).err(),
    }
}

/// A year, and optionally a month and a day.
type Date = (u32, Option<u32>, Option<u32>);

fn parse(s: &str) -> Result<Date, String> {
    let mut parts = s.split('-');
    let year = parts.next().unwrap_or_default();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "“{s}” is not an ISO date: write a year (1988), a month (1988-07), a day \
             (1988-07-28) or an interval (1988-07/1988-09)"
        ));
    }
    let year: u32 = year.parse().map_err(|_| format!("bad year in “{s}”"))?;
    let number = |p: Option<&str>, what: &str| -> Result<Option<u32>, String> {
        match p {
            None => Ok(None),
            Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => p
                .parse()
                .map(Some)
                .map_err(|_| format!("bad {what} in “{s}”")),
            Some(_) => Err(format!("the {what} in “{s}” must have two digits")),
        }
    };
    let month = number(parts.next(), "month")?;
    let day = number(parts.next(), "day")?;
    if parts.next().is_some() {
        return Err(format!("“{s}” has too many parts"));
    }
    if let Some(m) = month
        && !(1..=12).contains(&m)
    {
        return Err(format!("there is no month {m}"));
    }
    if let (Some(m), Some(d)) = (month, day)
        && (d == 0 || d > days_in(year, m))
    {
        return Err(format!("{year}-{m:02} has no day {d}"));
    }
    Ok((year, month, day))
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn first_day((y, m, d): Date) -> (u32, u32, u32) {
    (y, m.unwrap_or(1), d.unwrap_or(1))
}

fn last_day((y, m, d): Date) -> (u32, u32, u32) {
    let m2 = m.unwrap_or(12);
    (y, m2, d.unwrap_or_else(|| days_in(y, m2)))
}

#[cfg(test)]
mod tests {
    use super::iso_date_problem;

    #[test]
    fn dates_and_intervals_are_accepted() {
        for ok in [
            "1988",
            "1988-07",
            "1988-07-28",
            "1988-07/1988-09",
            "1988/1989",
            "2000-02-29",
            " 1988-07 ",
            "1988-07/1988",
        ] {
            assert_eq!(iso_date_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        for bad in [
            "summer 1988",
            "88",
            "1988-7",
            "1988-13",
            "1988-02-30",
            "1900-02-29",
            "1988-07-28-01",
            "1988-09/1988-07",
            "1988/",
            "",
        ] {
            assert!(iso_date_problem(bad).is_some(), "{bad}");
        }
    }
}
