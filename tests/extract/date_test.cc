// NormalizeDate: the date formats pages and feeds use, normalised to ISO 8601 UTC.
#include <gtest/gtest.h>

#include "extract/extractor.h"

namespace llmtwin {
namespace {

TEST(NormalizeDate, Rfc822FromRssPubDateConvertsToUtc) {
  EXPECT_EQ(NormalizeDate("Mon, 29 Jul 2024 10:00:00 GMT"), "2024-07-29T10:00:00Z");
  EXPECT_EQ(NormalizeDate("Mon, 29 Jul 2024 10:00:00 +0200"), "2024-07-29T08:00:00Z");
  EXPECT_EQ(NormalizeDate("Sun, 28 Jul 2024 22:30:00 PDT"), "2024-07-29T05:30:00Z");
  EXPECT_EQ(NormalizeDate("29 Jul 2024 10:00 -0500"), "2024-07-29T15:00:00Z");
}

TEST(NormalizeDate, KeepingOffsetWritesTheLocalTimeAndItsOffset) {
  EXPECT_EQ(NormalizeDateKeepingOffset("2024-07-29T10:11:12+02:00"), "2024-07-29T10:11:12+02:00");
  EXPECT_EQ(NormalizeDateKeepingOffset("Sun, 28 Jul 2024 22:30:00 -0730"), "2024-07-28T22:30:00-07:30");
  EXPECT_EQ(NormalizeDateKeepingOffset("2024-07-29T10:11:12Z"), "2024-07-29T10:11:12Z");
  EXPECT_EQ(NormalizeDateKeepingOffset("July 29, 2024"), "2024-07-29T00:00:00Z");
  // Normalising the kept form again gives UTC: the same instant.
  EXPECT_EQ(NormalizeDate(NormalizeDateKeepingOffset("2024-07-29T01:00:00+0200")), "2024-07-28T23:00:00Z");
}

TEST(NormalizeDate, IsoVariantsKeepTheirOffset) {
  EXPECT_EQ(NormalizeDate("2024-07-29"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("2024-07-29T10:11:12Z"), "2024-07-29T10:11:12Z");
  EXPECT_EQ(NormalizeDate("2024-07-29T10:11:12.345Z"), "2024-07-29T10:11:12Z");
  EXPECT_EQ(NormalizeDate("2024-07-29T10:11:12+02:00"), "2024-07-29T08:11:12Z");
  EXPECT_EQ(NormalizeDate("2024-07-29T01:00:00+0200"), "2024-07-28T23:00:00Z");
  EXPECT_EQ(NormalizeDate("2024-07-29 10:11"), "2024-07-29T10:11:00Z");
  EXPECT_EQ(NormalizeDate("2018-04-05T06:00"), "2018-04-05T06:00:00Z");
  EXPECT_EQ(NormalizeDate("  2015-03-17T16:27:40.294Z\n"), "2015-03-17T16:27:40Z");
}

TEST(NormalizeDate, HumanDatesInEnglish) {
  EXPECT_EQ(NormalizeDate("July 29, 2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Jul 29 2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("29 July 2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Published on Sept. 3rd, 2023"), "2023-09-03T00:00:00Z");
  EXPECT_EQ(NormalizeDate("December 1, 2023 at 3:45 pm"), "2023-12-01T15:45:00Z");
  EXPECT_EQ(NormalizeDate("Updated: March 2022"), "2022-03-01T00:00:00Z");
}

TEST(NormalizeDate, TheDayBesideTheMonthIsReadNotTheFirstNumber) {
  // A label's colon before the day is no time ("Published: 03 Dec 2025" was read as Dec 1).
  EXPECT_EQ(NormalizeDate("Published: 03 Dec 2025"), "2025-12-03T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Published On: 15 August 2025"), "2025-08-15T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Dec. 19, 2025 · Niko Matsakis"), "2025-12-19T00:00:00Z");
  EXPECT_EQ(NormalizeDate("the 5th of May, 2024"), "2024-05-05T00:00:00Z");
  EXPECT_EQ(NormalizeDate("2025 December 19"), "2025-12-19T00:00:00Z");
  // Inline elements run two dates together; the first whole one is the date, not a mix of both.
  EXPECT_EQ(NormalizeDate("Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026"), "2022-12-22T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Tue, 29 Jul 2024 10:00:00 GMT"), "2024-07-29T10:00:00Z");
}

TEST(NormalizeDate, MonthNamesInOtherEuropeanLanguages) {
  EXPECT_EQ(NormalizeDate("15. März 2024"), "2024-03-15T00:00:00Z");
  EXPECT_EQ(NormalizeDate("Veröffentlicht am 3. Dezember 2023"), "2023-12-03T00:00:00Z");
  EXPECT_EQ(NormalizeDate("1er février 2025"), "2025-02-01T00:00:00Z");
  EXPECT_EQ(NormalizeDate("12 déc. 2024"), "2024-12-12T00:00:00Z");
  EXPECT_EQ(NormalizeDate("15 de marzo de 2024"), "2024-03-15T00:00:00Z");
  EXPECT_EQ(NormalizeDate("7 agosto 2023"), "2023-08-07T00:00:00Z");
  EXPECT_EQ(NormalizeDate("3 de março de 2022"), "2022-03-03T00:00:00Z");
  EXPECT_EQ(NormalizeDate("21 mei 2021"), "2021-05-21T00:00:00Z");
  // A no-break space still separates; "ago" is English, not agosto.
  EXPECT_EQ(NormalizeDate("December\xC2\xA0" "19,\xC2\xA0" "2025"), "2025-12-19T00:00:00Z");
  EXPECT_EQ(NormalizeDate("posted 3 days ago 2024"), "");
}

TEST(NormalizeDate, ADayDateNeedsItsDay) {
  EXPECT_EQ(NormalizeDayKeepingOffset(" on the 21st of June 2017 and updated"), "2017-06-21T00:00:00Z");
  EXPECT_EQ(NormalizeDayKeepingOffset("on 26 Sep 2019 at 4:12pm"), "2019-09-26T16:12:00Z");
  EXPECT_EQ(NormalizeDayKeepingOffset("25.06.2019"), "2019-06-25T00:00:00Z");
  EXPECT_EQ(NormalizeDayKeepingOffset("in April 2020 and was updated in April 2024"), "");
  EXPECT_EQ(NormalizeDateKeepingOffset("in April 2020"), "2020-04-01T00:00:00Z");  // the month, where a month will do
}

TEST(NormalizeDate, SlashesAreReadDayFirstWhenTheCallerSaysSo) {
  EXPECT_EQ(NormalizeDate("03/10/2023"), "2023-03-10T00:00:00Z");
  EXPECT_EQ(NormalizeDate("03/10/2023", /*keep_offset=*/false, /*day_first=*/true), "2023-10-03T00:00:00Z");
  // A first number above 12 is a day, and a second above 12 a day, whatever the order asked.
  EXPECT_EQ(NormalizeDate("25/06/2019", false, false), "2019-06-25T00:00:00Z");
  EXPECT_EQ(NormalizeDate("06/25/2019", false, true), "2019-06-25T00:00:00Z");
}

TEST(NormalizeDate, AGuessedNumericOrderIsKnown) {
  EXPECT_TRUE(MonthAndDayOrderGuessed("11.03.17 in Gadgetry"));
  EXPECT_TRUE(MonthAndDayOrderGuessed("03/10/2023"));
  EXPECT_FALSE(MonthAndDayOrderGuessed("25.06.2019"));  // 25 is no month
  EXPECT_FALSE(MonthAndDayOrderGuessed("March 9, 2026"));
  EXPECT_FALSE(MonthAndDayOrderGuessed("2026-03-09"));
}

TEST(NormalizeDate, NumericDates) {
  EXPECT_EQ(NormalizeDate("2024/07/29"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("29.07.2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("07/29/2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("29/07/2024"), "2024-07-29T00:00:00Z");
  EXPECT_EQ(NormalizeDate("20240729"), "2024-07-29T00:00:00Z");
}

TEST(NormalizeDate, UnixSecondsAndMilliseconds) {
  EXPECT_EQ(NormalizeDate("1722247200"), "2024-07-29T10:00:00Z");
  EXPECT_EQ(NormalizeDate("1722247200000"), "2024-07-29T10:00:00Z");
}

TEST(NormalizeDate, RejectsTextWithoutAPlausibleDate) {
  EXPECT_EQ(NormalizeDate(""), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate("5 min read"), "");
  EXPECT_EQ(NormalizeDate("2024-02-30"), "");
  EXPECT_EQ(NormalizeDate("1066-10-14"), "");
  EXPECT_EQ(NormalizeDate("March 45, 20245"), "");
  EXPECT_EQ(NormalizeDate(std::string(10000, '9')), "");
}

}  // namespace
}  // namespace llmtwin
