//! Golden specification of the date-expression stage: what `find_timexes` must find in English news
//! sentences and how it must normalize each expression against the article's date, what it must
//! never mistake for a date (ages, addresses, scores, counts), and the TempEval-3-style floors it
//! must keep on the TimeML training data (skipped when `../shared` is absent).
//!
//! Every sentence here was written for this test.

use jiff::civil::Date;
use newsfacts::temporal::{Anchor, Timex, find_timexes};
use std::path::PathBuf;

/// One expected expression: in `text`, written on `on`, the expression whose text is `find` has
/// this value, kind, modifier (`""` = none) and window (`""` = none, else `earliest..latest`).
struct Case {
    text: &'static str,
    on: &'static str,
    find: &'static str,
    value: &'static str,
    kind: &'static str,
    modifier: &'static str,
    window: &'static str,
}

const fn case(
    text: &'static str,
    on: &'static str,
    find: &'static str,
    value: &'static str,
    kind: &'static str,
    modifier: &'static str,
    window: &'static str,
) -> Case {
    Case {
        text,
        on,
        find,
        value,
        kind,
        modifier,
        window,
    }
}

const D: &str = "date";
const T: &str = "time";
const DUR: &str = "duration";
const SET: &str = "set";

#[rustfmt::skip]
const ABSOLUTE: &[Case] = &[
    case("The company was founded in December 2011 by two engineers.", "2020-10-28", "December 2011", "2011-12", D, "", "2011-12-01..2011-12-31"),
    case("She joined the board in September 2013.", "2020-10-28", "September 2013", "2013-09", D, "", "2013-09-01..2013-09-30"),
    case("The vote took place on Sept. 13, 2013, in Ohio.", "2020-10-28", "Sept. 13, 2013", "2013-09-13", D, "", "2013-09-13..2013-09-13"),
    case("Shipments resumed Nov 30, officials said.", "2015-12-10", "Nov 30", "2015-11-30", D, "", "2015-11-30..2015-11-30"),
    case("Sales fell sharply in 2013.", "2020-10-28", "2013", "2013", D, "", "2013-01-01..2013-12-31"),
    case("Music from the 1990s dominated the playlist.", "2020-10-28", "1990s", "199", D, "", "1990-01-01..1999-12-31"),
    case("The plant is expected to open by mid-2015.", "2014-03-01", "mid-2015", "2015", D, "MID", "2015-01-01..2015-12-31"),
    case("Construction began in early 2016.", "2017-05-01", "early 2016", "2016", D, "START", "2016-01-01..2016-12-31"),
    case("The contract was signed on 1/5/2016 in Denver.", "2017-05-01", "1/5/2016", "2016-01-05", D, "", "2016-01-05..2016-01-05"),
    case("The filing is dated 2019-04-17 and runs to four pages.", "2019-05-01", "2019-04-17", "2019-04-17", D, "", "2019-04-17..2019-04-17"),
    case("They married in the summer of 2014 in Maine.", "2020-10-28", "the summer of 2014", "2014-SU", D, "", "2014-06-01..2014-08-31"),
    case("Revenue rose 4 percent in Q3 2015.", "2016-01-20", "Q3 2015", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("The treaty was signed in 1848 after long talks.", "2020-01-01", "1848", "1848", D, "", "1848-01-01..1848-12-31"),
    case("The colony will be founded in 2045, planners say.", "2020-01-01", "2045", "2045", D, "", "2045-01-01..2045-12-31"),
    case("The mill closed in late 1969.", "2020-01-01", "late 1969", "1969", D, "END", "1969-01-01..1969-12-31"),
    case("The 2013 season was his best.", "2020-01-01", "2013", "2013", D, "", "2013-01-01..2013-12-31"),
    case("Nobody has matched 2013's champion since.", "2020-01-01", "2013", "2013", D, "", "2013-01-01..2013-12-31"),
    case("He has lived there since 1998.", "2020-01-01", "1998", "1998", D, "", "1998-01-01..1998-12-31"),
    case("She was born on March 3, 1962, in Tulsa.", "2020-01-01", "March 3, 1962", "1962-03-03", D, "", "1962-03-03..1962-03-03"),
    case("On 14 July 1789 the crowd stormed the prison.", "2020-01-01", "14 July 1789", "1789-07-14", D, "", "1789-07-14..1789-07-14"),
    case("The report covers the third quarter of 2015.", "2016-01-20", "the third quarter of 2015", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("Profits doubled in the first half of 2012.", "2016-01-20", "the first half of 2012", "2012-H1", D, "", "2012-01-01..2012-06-30"),
    case("In the 19th century, mills lined the river.", "2020-01-01", "the 19th century", "18", D, "", "1800-01-01..1899-12-31"),
    case("In the '80s, the town boomed.", "2020-01-01", "'80s", "198", D, "", "1980-01-01..1989-12-31"),
    case("Prices soared in the 2000s.", "2020-01-01", "2000s", "200", D, "", "2000-01-01..2009-12-31"),
    case("The mayor served from 2010 to 2013.", "2020-01-01", "2010", "2010", D, "", "2010-01-01..2010-12-31"),
    case("The mayor served from 2010 to 2013.", "2020-01-01", "2013", "2013", D, "", "2013-01-01..2013-12-31"),
    case("The firm expects losses in fiscal 2016.", "2015-06-01", "2016", "2016", D, "", "2016-01-01..2016-12-31"),
    case("Bids are due by Feb. 29, 2040 at the latest.", "2039-06-01", "Feb. 29, 2040", "2040-02-29", D, "", "2040-02-29..2040-02-29"),
    case("The log entry reads 2015-11-22T19:34 for the alarm.", "2015-11-23", "2015-11-22T19:34", "2015-11-22T19:34", T, "", "2015-11-22..2015-11-22"),
    case("Snow fell all through the winter of 2009.", "2020-01-01", "the winter of 2009", "2009-WI", D, "", "2009-12-01..2010-02-28"),
    case("The bridge opened in spring 2018.", "2020-01-01", "spring 2018", "2018-SP", D, "", "2018-03-01..2018-05-31"),
    case("The tower should be finished by the end of 2019.", "2018-01-01", "the end of 2019", "2019", D, "END", "2019-01-01..2019-12-31"),
    case("The band formed in the early 1980s.", "2020-01-01", "the early 1980s", "198", D, "START", "1980-01-01..1989-12-31"),
    case("Grunge peaked in the mid-1990s.", "2020-01-01", "the mid-1990s", "199", D, "MID", "1990-01-01..1999-12-31"),
    case("The settlers arrived in 1600 by ship.", "2020-01-01", "1600", "1600", D, "", "1600-01-01..1600-12-31"),
    case("Engineers feared the year 2000 bug.", "1998-01-01", "2000", "2000", D, "", "2000-01-01..2000-12-31"),
    case("Prices rose between 1995 and 1999.", "2020-01-01", "1999", "1999", D, "", "1999-01-01..1999-12-31"),
    case("The textile boom came in the 1850s.", "2020-01-01", "1850s", "185", D, "", "1850-01-01..1859-12-31"),
    case("The probe will reach Jupiter in late 2040.", "2030-01-01", "late 2040", "2040", D, "END", "2040-01-01..2040-12-31"),
    case("Monday, Sept. 13, 2010 was the first day of class.", "2010-09-20", "Sept. 13, 2010", "2010-09-13", D, "", "2010-09-13..2010-09-13"),
    case("Monday, Sept. 13, 2010 was the first day of class.", "2010-09-20", "Monday", "2010-09-13", D, "", "2010-09-13..2010-09-13"),
    case("The results for Q1 2021 were restated.", "2021-08-01", "Q1 2021", "2021-Q1", D, "", "2021-01-01..2021-03-31"),
    case("He flew home on 25 December 1999.", "2000-01-05", "25 December 1999", "1999-12-25", D, "", "1999-12-25..1999-12-25"),
    case("The ship sank in April 1912.", "2012-04-15", "April 1912", "1912-04", D, "", "1912-04-01..1912-04-30"),
    case("The archive dates the letter 12/31/1899.", "2000-01-01", "12/31/1899", "1899-12-31", D, "", "1899-12-31..1899-12-31"),
    // years said in words, as broadcast transcripts spell them
    case("The plant opened in nineteen ninety-six.", "2022-08-09", "nineteen ninety-six", "1996", D, "", "1996-01-01..1996-12-31"),
    case("January nineteen ninety-seven brought a second blast.", "2022-08-09", "January nineteen ninety-seven", "1997-01", D, "", "1997-01-01..1997-01-31"),
    case("Prices were low in the winter of nineteen ninety-four.", "2022-08-09", "the winter of nineteen ninety-four", "1994-WI", D, "", "1994-12-01..1995-02-28"),
    case("The plan targets the year two thousand.", "1998-03-01", "the year two thousand", "2000", D, "", "2000-01-01..2000-12-31"),
    case("The mill was built in eighteen fifty.", "2022-08-09", "eighteen fifty", "1850", D, "", "1850-01-01..1850-12-31"),
    case("Earnings will fall in the last half of 1989.", "1989-10-26", "the last half of 1989", "1989-H2", D, "", "1989-07-01..1989-12-31"),
    case("Attendance fell in the 2012-13 season.", "2020-01-01", "2012", "2012", D, "", "2012-01-01..2012-12-31"),
    case("Attendance fell in the 2012-13 season.", "2020-01-01", "13", "2013", D, "", "2013-01-01..2013-12-31"),
    case("The 1999-2000 budget was cut.", "2020-01-01", "1999", "1999", D, "", "1999-01-01..1999-12-31"),
    case("The 1999-2000 budget was cut.", "2020-01-01", "2000", "2000", D, "", "2000-01-01..2000-12-31"),
    case("Demand stays weak through the first two quarters of 1990.", "1989-10-26", "the first two quarters of 1990", "1990-H1", D, "", "1990-01-01..1990-06-30"),
];

/// Relative expressions, mostly written on Tuesday 2022-08-09.
#[rustfmt::skip]
const RELATIVE: &[Case] = &[
    case("But two years ago the couple shared the news.", "2022-08-09", "two years ago", "2020", D, "", "2020-01-01..2020-12-31"),
    case("The storm hit yesterday.", "2022-08-09", "yesterday", "2022-08-08", D, "", "2022-08-08..2022-08-08"),
    case("The mayor speaks today.", "2022-08-09", "today", "2022-08-09", D, "", "2022-08-09..2022-08-09"),
    case("The band plays tonight.", "2022-08-09", "tonight", "2022-08-09TNI", T, "", "2022-08-09..2022-08-09"),
    case("The court rules tomorrow.", "2022-08-09", "tomorrow", "2022-08-10", D, "", "2022-08-10..2022-08-10"),
    case("The council met Monday to discuss the budget.", "2022-08-09", "Monday", "2022-08-08", D, "", "2022-08-08..2022-08-08"),
    case("The council will meet Monday to discuss the budget.", "2022-08-09", "Monday", "2022-08-15", D, "", "2022-08-15..2022-08-15"),
    case("He resigned last Tuesday.", "2022-08-09", "last Tuesday", "2022-08-02", D, "", "2022-08-02..2022-08-02"),
    case("The store reopens this Friday.", "2022-08-09", "this Friday", "2022-08-12", D, "", "2022-08-12..2022-08-12"),
    case("Prices fell last week.", "2022-08-09", "last week", "2022-W31", D, "", "2022-08-01..2022-08-07"),
    case("Prices fell last month.", "2022-08-09", "last month", "2022-07", D, "", "2022-07-01..2022-07-31"),
    case("Prices fell last year.", "2022-08-09", "last year", "2021", D, "", "2021-01-01..2021-12-31"),
    case("Prices will rise next year.", "2022-08-09", "next year", "2023", D, "", "2023-01-01..2023-12-31"),
    case("Prices will rise next month.", "2022-08-09", "next month", "2022-09", D, "", "2022-09-01..2022-09-30"),
    case("Talks continue this week.", "2022-08-09", "this week", "2022-W32", D, "", "2022-08-08..2022-08-14"),
    case("Sales have grown this year.", "2022-08-09", "this year", "2022", D, "", "2022-01-01..2022-12-31"),
    case("The town flooded a decade ago.", "2022-08-09", "a decade ago", "2012", D, "", "2012-01-01..2012-12-31"),
    case("Rents rose earlier this month.", "2022-08-09", "earlier this month", "2022-08", D, "START", "2022-08-01..2022-08-31"),
    case("Police arrived on March 3, 2021. The previous day, neighbors had called.", "2022-08-09", "The previous day", "2021-03-02", D, "", "2021-03-02..2021-03-02"),
    case("The previous day, neighbors had called.", "2022-08-09", "The previous day", "2022-08-08", D, "", "2022-08-08..2022-08-08"),
    case("Crowds are expected this weekend.", "2022-08-09", "this weekend", "2022-W32-WE", D, "", "2022-08-13..2022-08-14"),
    case("The bill passed in June.", "2022-08-09", "June", "2022-06", D, "", "2022-06-01..2022-06-30"),
    case("The law will take effect in June.", "2022-08-09", "June", "2023-06", D, "", "2023-06-01..2023-06-30"),
    case("The trial begins in October.", "2022-08-09", "October", "2022-10", D, "", "2022-10-01..2022-10-31"),
    case("The dog went missing three days ago.", "2022-08-09", "three days ago", "2022-08-06", D, "", "2022-08-06..2022-08-06"),
    case("The dog went missing two weeks ago.", "2022-08-09", "two weeks ago", "2022-W30", D, "", "2022-07-25..2022-07-31"),
    case("The dog went missing six months ago.", "2022-08-09", "six months ago", "2022-02", D, "", "2022-02-01..2022-02-28"),
    case("The dam will be done three years from now.", "2022-08-09", "three years from now", "2025", D, "", "2025-01-01..2025-12-31"),
    case("The lake dried up last summer.", "2022-08-09", "last summer", "2021-SU", D, "", "2021-06-01..2021-08-31"),
    case("The lake will be refilled next spring.", "2022-08-09", "next spring", "2023-SP", D, "", "2023-03-01..2023-05-31"),
    case("Two cars collided last night.", "2022-08-09", "last night", "2022-08-08TNI", T, "", "2022-08-08..2022-08-08"),
    case("The governor spoke this morning.", "2022-08-09", "this morning", "2022-08-09TMO", T, "", "2022-08-09..2022-08-09"),
    case("The fire started Friday night.", "2022-08-09", "Friday night", "2022-08-05TNI", T, "", "2022-08-05..2022-08-05"),
    case("The ice melted last March.", "2022-08-09", "last March", "2022-03", D, "", "2022-03-01..2022-03-31"),
    case("The bridge will reopen next March.", "2022-08-09", "next March", "2023-03", D, "", "2023-03-01..2023-03-31"),
    case("The rebels regrouped in June last year.", "2022-08-09", "June last year", "2021-06", D, "", "2021-06-01..2021-06-30"),
    case("He left the day before yesterday.", "2022-08-09", "the day before yesterday", "2022-08-07", D, "", "2022-08-07..2022-08-07"),
    case("Sales peaked in May 2019. A year earlier they had slumped.", "2022-08-09", "A year earlier", "2018-05", D, "", "2018-05-01..2018-05-31"),
    case("The suspect was arrested on June 4, 2021. Two days later he was released.", "2022-08-09", "Two days later", "2021-06-06", D, "", "2021-06-06..2021-06-06"),
    case("The museum opened in 2015. The following year it doubled in size.", "2022-08-09", "The following year", "2016", D, "", "2016-01-01..2016-12-31"),
    case("Shares slid early next year.", "2022-08-09", "early next year", "2023", D, "START", "2023-01-01..2023-12-31"),
    case("The vote ended late Tuesday.", "2022-08-10", "late Tuesday", "2022-08-09", D, "END", "2022-08-09..2022-08-09"),
    case("This past weekend, crowds gathered downtown.", "2022-08-09", "This past weekend", "2022-W31-WE", D, "", "2022-08-06..2022-08-07"),
    case("The fleet will be electric by the end of the decade.", "2022-08-09", "the end of the decade", "202", D, "END", "2020-01-01..2029-12-31"),
    case("Crowds gathered over the weekend.", "2022-08-09", "the weekend", "2022-W31-WE", D, "", "2022-08-06..2022-08-07"),
    case("The firm reported higher sales for the third quarter.", "2015-11-02", "the third quarter", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("Margins narrowed in the latest quarter.", "2015-11-02", "the latest quarter", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("Margins narrowed last quarter.", "2015-11-02", "last quarter", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("Cities grew faster this century than ever.", "2022-08-09", "this century", "20", D, "", "2000-01-01..2099-12-31"),
    case("Migration defined the 20th century.", "2022-08-09", "the 20th century", "19", D, "", "1900-01-01..1999-12-31"),
    case("The frost came in mid-November.", "2022-12-01", "mid-November", "2022-11", D, "MID", "2022-11-01..2022-11-30"),
    case("The hearing will be held Oct. 3.", "2022-10-10", "Oct. 3", "2023-10-03", D, "", "2023-10-03..2023-10-03"),
    case("The hearing was held Oct. 3.", "2022-10-10", "Oct. 3", "2022-10-03", D, "", "2022-10-03..2022-10-03"),
    case("Budgets are set at the end of the year.", "2022-08-09", "the end of the year", "2022", D, "END", "2022-01-01..2022-12-31"),
    case("Traffic fell the previous week.", "2022-08-09", "the previous week", "2022-W31", D, "", "2022-08-01..2022-08-07"),
    case("The census was taken five years ago.", "2000-02-29", "five years ago", "1995", D, "", "1995-01-01..1995-12-31"),
    case("The club was founded one year ago.", "2024-02-29", "one year ago", "2023", D, "", "2023-01-01..2023-12-31"),
    case("Voters went to the polls Sunday.", "2022-08-07", "Sunday", "2022-08-07", D, "", "2022-08-07..2022-08-07"),
    case("The family celebrated Christmas at home.", "2022-01-10", "Christmas", "2021-12-25", D, "", "2021-12-25..2021-12-25"),
    case("They met again on Thanksgiving.", "2021-12-01", "Thanksgiving", "2021-11-25", D, "", "2021-11-25..2021-11-25"),
    case("Protesters prayed as Easter week began.", "2000-04-17", "Easter week", "2000-W16", D, "", "2000-04-17..2000-04-23"),
    case("The family met on Easter Sunday 2019.", "2020-01-01", "Easter Sunday 2019", "2019-04-21", D, "", "2019-04-21..2019-04-21"),
    case("He was shot early on last Easter Sunday.", "2016-09-27", "last Easter Sunday", "2016-03-27", D, "", "2016-03-27..2016-03-27"),
    case("She hopes to be home by next Christmas.", "2016-09-27", "next Christmas", "2016-12-25", D, "", "2016-12-25..2016-12-25"),
    case("A man shot on Labor Day is speaking out.", "2016-09-27", "Labor Day", "2016-09-05", D, "", "2016-09-05..2016-09-05"),
    case("They split back in February due to money troubles.", "2016-09-27", "February", "2016-02", D, "", "2016-02-01..2016-02-29"),
    case("Stores will close on Good Friday.", "2000-04-10", "Good Friday", "2000-04-21", D, "", "2000-04-21..2000-04-21"),
    case("Fireworks lit the sky on New Year's Eve.", "2022-01-03", "New Year's Eve", "2021-12-31", D, "", "2021-12-31..2021-12-31"),
    case("The airline will add flights next week.", "2022-08-09", "next week", "2022-W33", D, "", "2022-08-15..2022-08-21"),
    case("The plant shut down in the fall of 2008.", "2022-08-09", "the fall of 2008", "2008-FA", D, "", "2008-09-01..2008-11-30"),
    case("Nearly two weeks ago the pipe burst.", "2022-08-09", "Nearly two weeks ago", "2022-W30", D, "LESS_THAN", "2022-07-25..2022-07-31"),
    case("About three years ago the firm moved.", "2022-08-09", "About three years ago", "2019", D, "APPROX", "2019-01-01..2019-12-31"),
    // a weekday with its date is one expression; the weekday picks the year
    case("The shooting took place Friday, Oct. 23, at dusk.", "2020-11-02", "Friday, Oct. 23", "2020-10-23", D, "", "2020-10-23..2020-10-23"),
    case("The vote came on Tuesday, Dec. 29.", "2021-01-10", "Tuesday, Dec. 29", "2020-12-29", D, "", "2020-12-29..2020-12-29"),
    case("The march is this coming Sunday, March 8.", "2020-03-05", "this coming Sunday, March 8", "2020-03-08", D, "", "2020-03-08..2020-03-08"),
    case("The march is this coming Sunday, March eighth.", "2020-03-05", "this coming Sunday, March eighth", "2020-03-08", D, "", "2020-03-08..2020-03-08"),
    case("Markets closed on Friday, Oct. 27. The index fell 3% from the previous Friday.", "2023-10-30", "the previous Friday", "2023-10-20", D, "", "2023-10-20..2023-10-20"),
    case("The day before last Tuesday's hearing, the lawyers met.", "2022-08-09", "The day before last Tuesday", "2022-08-01", D, "", "2022-08-01..2022-08-01"),
    case("A hearing is set for the week of March 6.", "2023-02-20", "the week of March 6", "2023-W10", D, "", "2023-03-06..2023-03-12"),
    case("He was shot last Oct. 23 at his home.", "2023-04-19", "last Oct. 23", "2022-10-23", D, "", "2022-10-23..2022-10-23"),
    case("The summit will be held on April 24 and 25.", "2023-02-10", "25", "2023-04-25", D, "", "2023-04-25..2023-04-25"),
    // tense: the markers that decide a bare weekday or month
    case("A bomb exploded next to the embassy Friday.", "2022-08-13", "Friday", "2022-08-12", D, "", "2022-08-12..2022-08-12"),
    case("Until Thursday, they had not named a suspect.", "2022-08-12", "Thursday", "2022-08-11", D, "", "2022-08-11..2022-08-11"),
    case("Protesters planned a march on Saturday and were planning to block roads.", "2022-08-12", "Saturday", "2022-08-13", D, "", "2022-08-13..2022-08-13"),
    case("The offer had been due to expire Friday evening.", "2022-08-15", "Friday evening", "2022-08-12TEV", T, "", "2022-08-12..2022-08-12"),
    case("She will succeed the founder Feb. 1.", "2022-10-26", "Feb. 1", "2023-02-01", D, "", "2023-02-01..2023-02-01"),
    case("The ship has been at sea since March and was scheduled to return soon.", "2022-08-13", "March", "2022-03", D, "", "2022-03-01..2022-03-31"),
    case("The bonus will be paid on a still unspecified date in January.", "2022-10-26", "January", "2023-01", D, "", "2023-01-01..2023-01-31"),
    case("On April 8, officers, wondering how he could have escaped, searched the woods.", "2022-05-05", "April 8", "2022-04-08", D, "", "2022-04-08..2022-04-08"),
    case("Traders sold shares ahead of the weekend.", "2022-08-11", "the weekend", "2022-W32-WE", D, "", "2022-08-13..2022-08-14"),
    case("The talks, which are supposed to conclude by May, resumed yesterday.", "2023-03-22", "May", "2023-05", D, "", "2023-05-01..2023-05-31"),
    // the end of the year, parts of days, the day after
    case("The deal should close by year-end.", "2022-08-09", "year-end", "2022", D, "END", "2022-01-01..2022-12-31"),
    case("The index has risen 4% since year-end.", "2022-08-09", "year-end", "2021", D, "END", "2021-01-01..2021-12-31"),
    case("Rules should be in place by year's end.", "2022-08-09", "year's end", "2022", D, "END", "2022-01-01..2022-12-31"),
    case("Sales in the current fiscal year will rise.", "2022-08-09", "the current fiscal year", "2022", D, "", "2022-01-01..2022-12-31"),
    case("The judge ruled on June 3, 2021. The next morning the family left.", "2022-08-09", "The next morning", "2021-06-04TMO", T, "", "2021-06-04..2021-06-04"),
    case("Shares were up 2 pence at mid-afternoon yesterday.", "2022-08-09", "mid-afternoon yesterday", "2022-08-08TAF", T, "MID", "2022-08-08..2022-08-08"),
    case("By mid afternoon, the rain had stopped.", "2022-08-09", "mid afternoon", "2022-08-09TAF", T, "MID", "2022-08-09..2022-08-09"),
    case("The convoy leaves at 4 in the morning.", "2022-08-09", "4 in the morning", "2022-08-09T04:00", T, "", "2022-08-09..2022-08-09"),
    case("He will sail at 4 in the morning (4 a.m. EDT Thursday).", "2022-08-09", "4 in the morning", "2022-08-11T04:00", T, "", "2022-08-11..2022-08-11"),
    // results reported against the quarter just closed
    case("Profit rose 8% in the latest period.", "2015-11-02", "the latest period", "2015-Q3", D, "", "2015-07-01..2015-09-30"),
    case("The firm earned $1 million in the 2014 quarter.", "2015-11-02", "the 2014 quarter", "2014-Q3", D, "", "2014-07-01..2014-09-30"),
    case("It lost $2 million in the 2014 period. The year-ago results included a charge.", "2015-11-02", "year-ago", "2014", D, "", "2014-01-01..2014-12-31"),
    case("Net fell in the third quarter of 2015 from the corresponding period last year.", "2015-11-02", "the corresponding period last year", "2014-Q3", D, "", "2014-07-01..2014-09-30"),
    case("Shootings rose from January to July 2016 over the same period last year.", "2016-08-01", "last year", "2015", D, "", "2015-01-01..2015-12-31"),
    case("For the quarter a year ago, the bank earned $16 million.", "2015-11-02", "the quarter a year ago", "2014-Q3", D, "", "2014-07-01..2014-09-30"),
    case("For the week, the index dropped 3.8%.", "2022-08-09", "the week", "2022-WXX", D, "", "2022-01-01..2022-12-31"),
    case("It was the week's busiest session.", "2022-08-09", "the week", "2022-WXX", D, "", "2022-01-01..2022-12-31"),
    case("Stocks fell on Friday. Dealers sold heavily in the morning.", "2015-11-02", "the morning", "2015-10-30TMO", T, "", "2015-10-30..2015-10-30"),
];

/// The present, past and future as vague references, and durations.
#[rustfmt::skip]
const VAGUE_AND_DURATIONS: &[Case] = &[
    case("Now, the singer has opened up about it.", "2022-08-09", "Now", "PRESENT_REF", D, "", "2022-08-09..2022-08-09"),
    case("The plant is currently idle.", "2022-08-09", "currently", "PRESENT_REF", D, "", "2022-08-09..2022-08-09"),
    case("The couple recently announced the news.", "2022-08-09", "recently", "PAST_REF", D, "", ""),
    case("Such floods happened in the past.", "2022-08-09", "the past", "PAST_REF", D, "", ""),
    case("Such floods may happen in the future.", "2022-08-09", "the future", "FUTURE_REF", D, "", ""),
    case("Nowadays few people write letters.", "2022-08-09", "Nowadays", "PRESENT_REF", D, "", "2022-08-09..2022-08-09"),
    case("The minister is abroad at the moment.", "2022-08-09", "at the moment", "PRESENT_REF", D, "", "2022-08-09..2022-08-09"),
    case("Rents are high these days.", "2022-08-09", "these days", "PRESENT_REF", D, "", "2022-08-09..2022-08-09"),
    case("Crime has fallen in recent years.", "2022-08-09", "recent years", "PXY", DUR, "", ""),
    case("The last few years have been a blur.", "2022-08-09", "The last few years", "PXY", DUR, "", ""),
    case("He served four years in the Senate.", "2022-08-09", "four years", "P4Y", DUR, "", ""),
    case("Now, almost two years since the episode, he spoke.", "2022-08-09", "almost two years", "P2Y", DUR, "LESS_THAN", ""),
    case("The strike lasted nearly three months.", "2022-08-09", "nearly three months", "P3M", DUR, "LESS_THAN", ""),
    case("The feud has lasted more than a decade.", "2022-08-09", "more than a decade", "P10Y", DUR, "MORE_THAN", ""),
    case("Prices climbed over the past few months.", "2022-08-09", "the past few months", "PXM", DUR, "", ""),
    case("The project took 18 months.", "2022-08-09", "18 months", "P18M", DUR, "", ""),
    case("Repairs will take about two weeks.", "2022-08-09", "about two weeks", "P2W", DUR, "APPROX", ""),
    case("The meeting ran around 30 minutes.", "2022-08-09", "around 30 minutes", "PT30M", DUR, "APPROX", ""),
    case("The flight took roughly five hours.", "2022-08-09", "roughly five hours", "PT5H", DUR, "APPROX", ""),
    case("The case dragged on for over a year.", "2022-08-09", "over a year", "P1Y", DUR, "MORE_THAN", ""),
    case("The lease runs at least 20 years.", "2022-08-09", "at least 20 years", "P20Y", DUR, "EQUAL_OR_MORE", ""),
    case("Refunds arrive in up to 10 days.", "2022-08-09", "up to 10 days", "P10D", DUR, "EQUAL_OR_LESS", ""),
    case("The city adopted a five-year plan.", "2022-08-09", "five-year", "P5Y", DUR, "", ""),
    case("The study lasted one and a half years.", "2022-08-09", "one and a half years", "P1.5Y", DUR, "", ""),
    case("Rates rose over the past two months.", "2022-08-09", "the past two months", "P2M", DUR, "", ""),
    case("Rates will rise over the next three years.", "2022-08-09", "the next three years", "P3Y", DUR, "", ""),
    case("The talks took several weeks.", "2022-08-09", "several weeks", "PXW", DUR, "", ""),
    case("The fever lasted a few days.", "2022-08-09", "a few days", "PXD", DUR, "", ""),
    case("The outage lasted 24 hours.", "2022-08-09", "24 hours", "PT24H", DUR, "", ""),
    case("The war lasted two decades.", "2022-08-09", "two decades", "P20Y", DUR, "", ""),
    case("The house stood empty for years.", "2022-08-09", "years", "PXY", DUR, "", ""),
    case("The vote took less than an hour.", "2022-08-09", "less than an hour", "PT1H", DUR, "LESS_THAN", ""),
    case("The repairs took a couple of months.", "2022-08-09", "a couple of months", "P2M", DUR, "", ""),
    case("He worked there twenty-five years.", "2022-08-09", "twenty-five years", "P25Y", DUR, "", ""),
    case("The abbey stood for three centuries.", "2022-08-09", "three centuries", "P300Y", DUR, "", ""),
    case("The siege lasted 90 days.", "2022-08-09", "90 days", "P90D", DUR, "", ""),
    case("The race took two hours and the cleanup longer.", "2022-08-09", "two hours", "PT2H", DUR, "", ""),
    case("The tunnel took six weeks to dig.", "2022-08-09", "six weeks", "P6W", DUR, "", ""),
    case("He spent a week in hospital.", "2022-08-09", "a week", "P1W", DUR, "", ""),
    case("Rates fell over the past year.", "2022-08-09", "the past year", "P1Y", DUR, "", ""),
    case("One month after announcing their pregnancy, the couple moved.", "2022-08-09", "One month", "P1M", DUR, "", ""),
    case("Two days before the election, polls tightened.", "2022-08-09", "Two days", "P2D", DUR, "", ""),
    case("The town will one day be a city.", "2022-08-09", "one day", "FUTURE_REF", D, "", ""),
    case("The rest will be paid at a later date.", "2022-08-09", "a later date", "FUTURE_REF", D, "", ""),
    case("Rates may fall in coming weeks.", "2022-08-09", "coming weeks", "PXW", DUR, "", ""),
    case("Funds must sell bonds in the weeks ahead.", "2022-08-09", "the weeks ahead", "PXW", DUR, "", ""),
    case("Over the years the town shrank.", "2022-08-09", "the years", "PXY", DUR, "", ""),
    case("They left their third day-long meeting.", "2022-08-09", "day-long", "P1D", DUR, "", ""),
    case("The feud is a decades-long struggle.", "2022-08-09", "decades-long", "PXDE", DUR, "", ""),
    case("Over the next couple of years prices will rise.", "2022-08-09", "the next couple of years", "P2Y", DUR, "", ""),
    case("They lived in the camps for 2 1/2 years.", "2022-08-09", "2 1/2 years", "P2.5Y", DUR, "", ""),
    case("Twenty minutes later, officers arrived.", "2022-08-09", "Twenty minutes", "PT20M", DUR, "", ""),
    case("A week or so ago the general chose the day.", "2022-08-09", "A week or so ago", "2022-W31", D, "APPROX", "2022-08-01..2022-08-07"),
];

/// Recurring times (kind set) and clock times (kind time).
#[rustfmt::skip]
const SETS_AND_TIMES: &[Case] = &[
    case("The market opens every Monday.", "2022-08-09", "every Monday", "XXXX-WXX-1", SET, "", ""),
    case("The report is published annually.", "2022-08-09", "annually", "P1Y", SET, "", ""),
    case("The fair is held each year in May.", "2022-08-09", "each year", "P1Y", SET, "", ""),
    case("She runs every day before work.", "2022-08-09", "every day", "P1D", SET, "", ""),
    case("The club meets twice a week.", "2022-08-09", "twice a week", "P1W", SET, "", ""),
    case("Elections are held every two years.", "2022-08-09", "every two years", "P2Y", SET, "", ""),
    case("Trash is collected every other week.", "2022-08-09", "every other week", "P2W", SET, "", ""),
    case("The paper prints a puzzle daily.", "2022-08-09", "daily", "P1D", SET, "", ""),
    case("The shop closes on Sundays.", "2022-08-09", "Sundays", "XXXX-WXX-7", SET, "", ""),
    case("He swims every morning.", "2022-08-09", "every morning", "XXXX-XX-XXTMO", SET, "", ""),
    case("The newsletter goes out weekly.", "2022-08-09", "weekly", "P1W", SET, "", ""),
    case("Bills are paid monthly.", "2022-08-09", "monthly", "P1M", SET, "", ""),
    case("Police were called at 4:20 p.m. to the park.", "2015-11-22", "4:20 p.m.", "2015-11-22T16:20", T, "", "2015-11-22..2015-11-22"),
    case("The shooting happened at 10 a.m. Sunday near the mall.", "2015-11-24", "10 a.m. Sunday", "2015-11-22T10:00", T, "", "2015-11-22..2015-11-22"),
    case("The shooting happened Sunday at 10 a.m. near the mall.", "2015-11-24", "10 a.m.", "2015-11-22T10:00", T, "", "2015-11-22..2015-11-22"),
    case("The shooting happened Sunday at 10 a.m. near the mall.", "2015-11-24", "Sunday", "2015-11-22", D, "", "2015-11-22..2015-11-22"),
    case("Bids close at 5 p.m. EST, Nov. 6.", "2015-11-02", "5 p.m. EST, Nov. 6", "2015-11-06T17:00", T, "", "2015-11-06..2015-11-06"),
    case("The train left at 19:34 from platform two.", "2015-11-22", "19:34", "2015-11-22T19:34", T, "", "2015-11-22..2015-11-22"),
    case("Lunch was served at noon.", "2015-11-22", "noon", "2015-11-22T12:00", T, "", "2015-11-22..2015-11-22"),
    case("The call came around 7:15 p.m. yesterday.", "2015-11-22", "around 7:15 p.m. yesterday", "2015-11-21T19:15", T, "APPROX", "2015-11-21..2015-11-21"),
    case("The polls closed at 9:30 a.m. EST.", "2015-11-22", "9:30 a.m. EST", "2015-11-22T09:30", T, "", "2015-11-22..2015-11-22"),
    case("The curfew starts at midnight.", "2015-11-22", "midnight", "2015-11-22T00:00", T, "", "2015-11-22..2015-11-22"),
    case("The blast occurred at 11:05 a.m. on Sept. 13, 2013.", "2013-09-20", "11:05 a.m.", "2013-09-13T11:05", T, "", "2013-09-13..2013-09-13"),
    case("The plane landed at 6 o'clock.", "2015-11-22", "6 o'clock", "2015-11-22T06:00", T, "", "2015-11-22..2015-11-22"),
    case("They got home at about 3 o'clock in the morning.", "2015-11-22", "about 3 o'clock in the morning", "2015-11-22T03:00", T, "APPROX", "2015-11-22..2015-11-22"),
    case("The call came at 7:30 in the evening.", "2015-11-22", "7:30 in the evening", "2015-11-22T19:30", T, "", "2015-11-22..2015-11-22"),
    case("Flights leave on Tuesday nights from March.", "2022-08-09", "Tuesday nights", "XXXX-WXX-2TNI", SET, "", ""),
    case("Rallies are held almost every day -- rain or shine.", "2022-08-09", "every day", "P1D", SET, "", ""),
];

/// Numbers and phrases that are not temporal expressions: no timex may overlap the marked text.
#[rustfmt::skip]
const NOT_DATES: &[(&str, &str, &str)] = &[
    ("The man, in his 90s, still walks daily to town.", "2020-01-01", "90s"),
    ("The 34-year-old singer cancelled the show.", "2020-01-01", "34-year-old"),
    ("She was aged 16 when she left.", "2020-01-01", "aged 16"),
    ("They adopted a 2-month-old puppy.", "2020-01-01", "2-month-old"),
    ("He is 34 years old and lives alone.", "2020-01-01", "34 years old"),
    ("Police said 50 shots were fired.", "2020-01-01", "50 shots"),
    ("The family lives at 2882 Main St. in town.", "2020-01-01", "2882"),
    ("It happened in the 1600 block of Hudson Street.", "2017-01-19", "1600"),
    ("Shots rang out in the 2000 block of Elm Avenue.", "2017-01-19", "2000"),
    ("The team is ranked No. 1 in the state.", "2020-01-01", "No. 1"),
    ("The visitors won 3-2 in the final.", "2020-01-01", "3-2"),
    ("The filing in case No. 2013-CV-0412 was sealed.", "2020-01-01", "2013-CV-0412"),
    ("Flight 1549 landed safely.", "2020-01-01", "1549"),
    ("Officers found a 9mm pistol.", "2020-01-01", "9mm"),
    ("The duo delivered a 1-2 punch.", "2020-01-01", "1-2"),
    ("Some 1,200 people attended.", "2020-01-01", "1,200"),
    ("Officials counted around 2000 people.", "2020-01-01", "2000"),
    ("The virus was found in 1200 cases.", "2020-01-01", "1200"),
    ("The final score was 21-14.", "2020-01-01", "21-14"),
    ("She may attend the meeting.", "2020-01-01", "may"),
    ("Workers will march to the capitol.", "2020-01-01", "march"),
    ("The court issued a 5-4 decision.", "2020-01-01", "5-4"),
    ("Most buyers are in their twenties.", "2020-01-01", "twenties"),
    ("The camp takes teenagers aged 13 to 17.", "2020-01-01", "13 to 17"),
    ("The 10-year-old boy was found safe.", "2020-01-01", "10-year-old"),
    ("A three-year-old girl was rescued.", "2020-01-01", "three-year-old"),
    ("He retired at 20 years of age.", "2020-01-01", "20 years of age"),
    ("Unemployment rose 3.5 percent.", "2020-01-01", "3.5"),
    ("The pastor quoted John 3:16 at length.", "2020-01-01", "3:16"),
    ("Theresa May said the talks would go on.", "2020-01-01", "May"),
    ("April Ryan asked the first question.", "2020-01-01", "April"),
    ("Historians study the fall of Rome.", "2020-01-01", "fall"),
    ("The team took a 2-1 lead.", "2020-01-01", "2-1"),
    ("Sun Microsystems was bought by Oracle.", "2020-01-01", "Sun"),
    ("Route 66 crosses the state.", "2020-01-01", "66"),
    ("The recipe needs 1500 grams of flour.", "2020-01-01", "1500"),
    ("A 1,500-page report was released.", "2020-01-01", "1,500-page"),
    ("The victim, 34, was taken to hospital.", "2020-01-01", "34"),
    ("A neighbor in his early 50s heard the shots.", "2020-01-01", "early 50s"),
    ("The suspect, in her late 30s, fled on foot.", "2020-01-01", "late 30s"),
    ("The county spends $2 million a year on roads.", "2020-01-01", "a year"),
    ("The airline runs four flights a week to Lima.", "2020-01-01", "a week"),
    ("Funds hold more than a quarter of the market.", "2020-01-01", "a quarter"),
    ("Sales should rise 8.5% annually.", "2020-01-01", "annually"),
    ("The plant makes 10,000 units annually.", "2020-01-01", "annually"),
    ("It was 5% of the average daily volume.", "2020-01-01", "daily"),
    ("The academy has twelve hundred students.", "2020-01-01", "twelve hundred"),
    ("Some two thousand people marched.", "2020-01-01", "two thousand"),
    ("She reads USA Today on the train.", "2020-01-01", "Today"),
    ("The ship reached Easter Island.", "2020-01-01", "Easter"),
    ("Call 555-2013-14 for tickets.", "2020-01-01", "2013-14"),
    ("Nineteen ninety-six people signed the letter.", "2020-01-01", "Nineteen ninety-six"),
    ("Police say the 2 1/2 year-old found the gun.", "2020-01-01", "2 1/2 year-old"),
];

fn date(s: &str) -> Date {
    s.parse()
        .unwrap_or_else(|e| panic!("bad date {s:?} in the test table: {e}"))
}

fn window_string(t: &Timex) -> String {
    t.window
        .map(|w| format!("{}..{}", w.earliest, w.latest))
        .unwrap_or_default()
}

fn describe(t: &Timex) -> String {
    format!(
        "{:?} value={} kind={} mod={} window={}",
        t.text,
        t.value,
        t.kind.as_str(),
        t.modifier.map(|m| m.as_str()).unwrap_or(""),
        window_string(t)
    )
}

/// Checks every case and returns a readable diff of the failures.
fn check(table: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for c in table {
        let found = find_timexes(c.text, date(c.on));
        for t in &found {
            assert_eq!(
                Some(t.text.as_str()),
                c.text.get(t.span.start..t.span.end),
                "span and text disagree"
            );
        }
        let Some(t) = found.iter().find(|t| t.text == c.find) else {
            let got: Vec<String> = found.iter().map(describe).collect();
            failures.push(format!(
                "{:?} (on {})\n    expected {:?}\n    found    [{}]",
                c.text,
                c.on,
                c.find,
                got.join("; ")
            ));
            continue;
        };
        let got = (
            t.value.as_str(),
            t.kind.as_str(),
            t.modifier.map(|m| m.as_str()).unwrap_or(""),
            window_string(t),
        );
        let want = (c.value, c.kind, c.modifier, c.window.to_string());
        if got != want {
            failures.push(format!(
                "{:?} (on {}) → {:?}\n    expected value={} kind={} mod={} window={}\n    got      value={} kind={} mod={} window={}",
                c.text, c.on, c.find, want.0, want.1, want.2, want.3, got.0, got.1, got.2, got.3
            ));
        }
    }
    failures
}

fn assert_table(name: &str, table: &[Case]) {
    let failures = check(table);
    assert!(
        failures.is_empty(),
        "{name}: {} of {} cases differ:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn absolute_dates_are_normalized_to_their_calendar_period() {
    assert_table("absolute", ABSOLUTE);
}

#[test]
fn relative_dates_are_resolved_against_the_article_date_and_tense() {
    assert_table("relative", RELATIVE);
}

#[test]
fn vague_references_and_durations_carry_no_invented_date() {
    assert_table("vague and durations", VAGUE_AND_DURATIONS);
}

#[test]
fn sets_and_clock_times() {
    assert_table("sets and times", SETS_AND_TIMES);
}

#[test]
fn ages_addresses_scores_and_counts_are_not_dates() {
    let mut failures = Vec::new();
    for (text, on, snippet) in NOT_DATES {
        let Some(at) = text.find(snippet) else {
            panic!("{snippet:?} is not in {text:?}");
        };
        let end = at + snippet.len();
        for t in find_timexes(text, date(on)) {
            if t.span.start < end && at < t.span.end {
                failures.push(format!(
                    "{text:?}: {snippet:?} was tagged as {}",
                    describe(&t)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "not dates:\n{}", failures.join("\n"));
}

#[test]
fn the_golden_table_has_at_least_150_expressions() {
    let n = ABSOLUTE.len()
        + RELATIVE.len()
        + VAGUE_AND_DURATIONS.len()
        + SETS_AND_TIMES.len()
        + NOT_DATES.len();
    assert!(n >= 150, "only {n} golden expressions");
}

#[test]
fn a_duration_counted_from_an_event_keeps_its_length_and_invents_no_date() {
    let found = find_timexes(
        "One month after announcing their pregnancy, the couple moved to Ohio.",
        date("2022-08-09"),
    );
    let t = found
        .iter()
        .find(|t| t.value == "P1M")
        .unwrap_or_else(|| panic!("no P1M in {found:?}"));
    assert_eq!(t.anchor, Anchor::Event);
    assert_eq!(t.window, None);
}

#[test]
fn relative_dates_are_anchored_on_the_document_and_absolute_ones_on_nothing() {
    let found = find_timexes(
        "In December 2011 the firm was sold; two years ago it closed.",
        date("2022-08-09"),
    );
    let anchors: Vec<(&str, Anchor)> = found.iter().map(|t| (t.text.as_str(), t.anchor)).collect();
    assert_eq!(
        anchors,
        vec![
            ("December 2011", Anchor::Absolute),
            ("two years ago", Anchor::Document)
        ]
    );
}

#[test]
fn results_are_sorted_non_overlapping_and_independent_of_the_clock() {
    let text = "Yesterday, two years ago, in June and on Monday, Sept. 13, 2013, at 4:20 p.m. now.";
    let a = find_timexes(text, date("2015-11-22"));
    let b = find_timexes(text, date("2015-11-22"));
    assert_eq!(a, b);
    for pair in a.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "{pair:?}");
    }
}

#[test]
fn multibyte_text_keeps_byte_spans_on_character_boundaries() {
    let text = "“Now,” she said — almost two years since the café opened in June 2020…";
    for t in find_timexes(text, date("2022-08-09")) {
        assert_eq!(text.get(t.span.start..t.span.end), Some(t.text.as_str()));
    }
}

// ---- corpora under ../shared (skipped when absent) --------------------------------------------

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("note: {} is absent; skipping", dir.display());
        None
    }
}

/// Reads a seed article: ` date YYYY-MM-DD ` then the body.
fn seed(name: &str) -> Option<(Date, String)> {
    let path = shared()?.join("seeds").join(name);
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("note: {} is absent; skipping", path.display());
        return None;
    };
    let rest = raw.trim_start().strip_prefix("date")?.trim_start();
    let (day, body) = rest.split_at(rest.find(char::is_whitespace)?);
    Some((date(day), body.trim_start().to_string()))
}

#[test]
fn seed_articles_normalize_as_specified() {
    if let Some((on, body)) = seed("004_9763d43b487f5c96.txt") {
        let found = find_timexes(&body, on);
        let dec = found.iter().find(|t| t.text == "December 2011");
        assert_eq!(dec.map(|t| t.value.as_str()), Some("2011-12"), "{found:#?}");
        assert_eq!(
            dec.and_then(|t| t.window).map(|w| (w.earliest, w.latest)),
            Some((date("2011-12-01"), date("2011-12-31")))
        );
        let sep = found.iter().find(|t| t.text == "September 2013");
        assert_eq!(sep.map(|t| t.value.as_str()), Some("2013-09"));
    }
    if let Some((on, body)) = seed("000_5aa083964046aa2f.txt") {
        let found = find_timexes(&body, on);
        let ago = found.iter().find(|t| t.text == "two years ago");
        assert_eq!(
            ago.map(|t| (t.value.as_str(), t.kind.as_str())),
            Some(("2020", "date"))
        );
        let almost = found.iter().find(|t| t.text == "almost two years");
        assert_eq!(
            almost.map(|t| (
                t.value.as_str(),
                t.kind.as_str(),
                t.modifier.map(|m| m.as_str())
            )),
            Some(("P2Y", "duration", Some("LESS_THAN")))
        );
        let now = found.iter().find(|t| t.text == "Now");
        assert_eq!(now.map(|t| t.value.as_str()), Some("PRESENT_REF"));
        assert!(
            !found.iter().any(|t| t.text.contains("36")),
            "the 36-year-old is not a date: {found:#?}"
        );
    }
}

#[test]
fn timeml_training_scores_stay_above_their_floors() {
    let Some(dir) = shared().map(|d| d.join("data/timeml-train")) else {
        return;
    };
    if !dir.is_dir() {
        println!("note: {} is absent; skipping", dir.display());
        return;
    }
    let report = match newsfacts::eval::timeml::evaluate(&dir) {
        Ok(r) => r,
        Err(e) => panic!("scoring {} failed: {e:#}", dir.display()),
    };
    println!("{report}");
    assert!(report.relaxed_f1 >= 0.94, "relaxed span F1 fell: {report}");
    assert!(report.strict_f1 >= 0.87, "strict span F1 fell: {report}");
    assert!(report.value_f1 >= 0.845, "value F1 fell: {report}");
    assert!(
        report.value_f1_exact >= 0.825,
        "exact value F1 fell: {report}"
    );
    assert!(report.kind_accuracy >= 0.94, "type accuracy fell: {report}");
}
