#include "domain/json_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace llmtwin {
namespace {

TEST(JsonText, WritesWhatNlohmannDumpWritesForEveryKindOfValue) {
  Json document = Json::object();
  document["_id"] = "2f1c6a52-0b8e-4a57-9a1e-8d6b3c2e4f10";
  document["content"] = {{"Title", "Straße — naïve “quotes” 🫵 日本語"},
                         {"Content", "line\nbreak\ttab \"quoted\" back\\slash \x01\x1f\x7f end\r\b\f"},
                         {"Subtitle", nullptr}};
  document["numbers"] = {0, -12, 18446744073709551615ull, 1.5, 2.0, 1e300, -0.0};
  document["flags"] = {true, false};
  document["empty"] = {{"object", Json::object()}, {"array", Json::array()}, {"string", ""}};
  document["z first"] = 1;  // insertion order, not sorted
  document["a last"] = 2;
  EXPECT_EQ(JsonText(document), document.dump());
}

TEST(JsonText, MatchesNlohmannOnRandomBytesThatAreValidUtf8) {
  std::mt19937 random(11);
  const std::string pieces[] = {"a", " ", "\"", "\\", "\n", "\x02", "\x7f", "é", "€", "😀", "\xc2\x80", "\xef\xbf\xbf"};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 40);
    for (int i = 0; i < length; ++i) text += pieces[random() % std::size(pieces)];
    const Json value = {{text, text}};
    ASSERT_EQ(JsonText(value), value.dump()) << text;
  }
}

TEST(JsonText, RefusesInvalidUtf8AsNlohmannDoes) {
  for (const std::string bad : {"\xff", "a\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf"}) {
    const Json value = bad;
    EXPECT_THROW(value.dump(), Json::type_error) << "nlohmann accepts it";
    EXPECT_THROW(JsonText(value), Json::type_error);
  }
}

}  // namespace
}  // namespace llmtwin
