#include "domain/names.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace llmtwin {
namespace {

TEST(SplitFullName, LastTokenIsLastNameRestIsFirstName) {
  EXPECT_EQ(SplitFullName("Paul Iusztin"), (PersonName{"Paul", "Iusztin"}));
  EXPECT_EQ(SplitFullName("Maxime Labonne"), (PersonName{"Maxime", "Labonne"}));
}

TEST(SplitFullName, SeveralFirstNamesStayTogether) {
  EXPECT_EQ(SplitFullName("Jean Claude Van Damme"), (PersonName{"Jean Claude Van", "Damme"}));
}

TEST(SplitFullName, OneTokenIsBothFirstAndLastName) {
  EXPECT_EQ(SplitFullName("Madonna"), (PersonName{"Madonna", "Madonna"}));
  EXPECT_EQ(SplitFullName("Madonna").FullName(), "Madonna");
}

TEST(SplitFullName, ExtraSpacesAreIgnored) {
  EXPECT_EQ(SplitFullName("  Paul   Iusztin \t"), (PersonName{"Paul", "Iusztin"}));
  EXPECT_EQ(SplitFullName("Jean  Claude   Damme"), (PersonName{"Jean Claude", "Damme"}));
}

TEST(SplitFullName, NonAsciiNamesAreKeptByteForByte) {
  EXPECT_EQ(SplitFullName("José María Aznar"), (PersonName{"José María", "Aznar"}));
}

TEST(SplitFullName, EmptyOrBlankNameIsAnError) {
  EXPECT_THROW(SplitFullName(""), Error);
  EXPECT_THROW(SplitFullName("   \t"), Error);
}

TEST(PersonName, FullNameJoinsFirstAndLast) {
  EXPECT_EQ((PersonName{"Jean Claude", "Damme"}).FullName(), "Jean Claude Damme");
}

}  // namespace
}  // namespace llmtwin
