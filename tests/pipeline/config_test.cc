#include "pipeline/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"

namespace llmtwin {
namespace {

// Returns the message of the Error(kConfig) that parsing `yaml` throws, or "" if it does not throw.
std::string ConfigError(const std::string& yaml) {
  try {
    ParseEtlConfig(yaml, "test.yaml");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConfig);
    return e.what();
  }
  return "";
}

TEST(LoadEtlConfig, BookConfigsLoadUnchanged) {
  const std::string dir = std::string(LLMTWIN_SOURCE_DIR) + "/configs/";
  EtlConfig maxime = LoadEtlConfig(dir + "digital_data_etl_maxime_labonne.yaml");
  EXPECT_EQ(maxime.user_full_name, "Maxime Labonne");
  EXPECT_EQ(maxime.links.size(), 26u);
  EtlConfig paul = LoadEtlConfig(dir + "digital_data_etl_paul_iusztin.yaml");
  EXPECT_EQ(paul.user_full_name, "Paul Iusztin");
  EXPECT_EQ(paul.links.size(), 50u);
  // The book's `settings:` block (ZenML's docker/orchestrator settings) is accepted silently.
  EXPECT_TRUE(maxime.warnings.empty());
  EXPECT_TRUE(paul.warnings.empty());
}

TEST(ParseEtlConfig, ReadsUserAndLinksInOrder) {
  EtlConfig c = ParseEtlConfig("parameters:\n  user_full_name: Jane Doe\n  links:\n    - https://b.com/1\n    - http://a.com/2\n",
                               "x.yaml");
  EXPECT_EQ(c.user_full_name, "Jane Doe");
  EXPECT_EQ(c.links, (std::vector<std::string>{"https://b.com/1", "http://a.com/2"}));
}

TEST(ParseEtlConfig, MissingUserNameNamesFileLineAndKey) {
  const std::string e = ConfigError("parameters:\n  links:\n    - https://a.com/\n");
  EXPECT_NE(e.find("test.yaml:2: parameters.user_full_name: missing"), std::string::npos) << e;
}

TEST(ParseEtlConfig, EmptyUserNameIsAnError) {
  const std::string e = ConfigError("parameters:\n  user_full_name: '  '\n  links: [https://a.com/]\n");
  EXPECT_NE(e.find("test.yaml:2: parameters.user_full_name: is empty"), std::string::npos) << e;
  EXPECT_NE(ConfigError("parameters:\n  user_full_name:\n  links: [https://a.com/]\n").find("user_full_name: missing"),
            std::string::npos);
}

TEST(ParseEtlConfig, MissingOrEmptyLinksIsAnError) {
  EXPECT_NE(ConfigError("parameters:\n  user_full_name: A B\n").find("parameters.links: missing"), std::string::npos);
  const std::string e = ConfigError("parameters:\n  user_full_name: A B\n  links: []\n");
  EXPECT_NE(e.find("test.yaml:3: parameters.links: is empty"), std::string::npos) << e;
}

TEST(ParseEtlConfig, NonHttpLinkNamesItsLineAndIndex) {
  const std::string e = ConfigError(
      "parameters:\n  user_full_name: A B\n  links:\n    - https://ok.com/\n    - ftp://x.com/file\n    - javascript:alert(1)\n");
  EXPECT_NE(e.find("test.yaml:5: parameters.links[1]: 'ftp://x.com/file' is not an http(s) URL"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:6: parameters.links[2]"), std::string::npos) << e;
  EXPECT_NE(e.find("2 problems"), std::string::npos) << e;
}

TEST(ParseEtlConfig, WrongTypesAreErrors) {
  EXPECT_NE(ConfigError("parameters: [1, 2]\n").find("parameters: must be a mapping, got a list"), std::string::npos);
  EXPECT_NE(ConfigError("parameters:\n  user_full_name: [A, B]\n  links: [https://a.com/]\n")
                .find("parameters.user_full_name: must be a string, got a list"),
            std::string::npos);
  EXPECT_NE(ConfigError("parameters:\n  user_full_name: A B\n  links: https://a.com/\n")
                .find("parameters.links: must be a list of URLs, got a scalar"),
            std::string::npos);
  EXPECT_NE(ConfigError("parameters:\n  user_full_name: A B\n  links:\n    - {url: https://a.com/}\n")
                .find("test.yaml:4: parameters.links[0]: must be a URL string, got a mapping"),
            std::string::npos);
  EXPECT_NE(ConfigError("- just\n- a list\n").find("must be a YAML mapping"), std::string::npos);
  EXPECT_NE(ConfigError("parameters:\n  user_full_name: A B\n  links: [https://a.com/]\ncrawl:\n  concurrency: many\n")
                .find("test.yaml:5: crawl.concurrency: expected an integer, got 'many'"),
            std::string::npos);
}

TEST(ParseEtlConfig, SyntaxErrorNamesLineAndColumn) {
  const std::string e = ConfigError("parameters:\n  user_full_name: A B\n  links: [https://a.com/\n");
  EXPECT_NE(e.find("test.yaml:"), std::string::npos);
  EXPECT_NE(e.find("YAML syntax error"), std::string::npos) << e;
}

TEST(ParseEtlConfig, DuplicateLinkIsReportedOnceAndDropped) {
  EtlConfig c = ParseEtlConfig(
      "parameters:\n  user_full_name: A B\n  links:\n    - https://a.com/1\n    - https://a.com/1\n    - https://a.com/2\n",
      "d.yaml");
  EXPECT_EQ(c.links, (std::vector<std::string>{"https://a.com/1", "https://a.com/2"}));
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("d.yaml:5: parameters.links[1]: duplicate of line 4, dropped"), std::string::npos)
      << c.warnings[0];
}

TEST(ParseEtlConfig, UnknownKeysAreWarnedAboutNotIgnoredSilently) {
  EtlConfig c = ParseEtlConfig(
      "parameters:\n  user_full_name: A B\n  links: [https://a.com/]\n  limit: 3\nextra: 1\ncrawl:\n  speed: fast\n",
      "u.yaml");
  ASSERT_EQ(c.warnings.size(), 3u);
  EXPECT_NE(c.warnings[0].find("u.yaml:5: extra: unknown key"), std::string::npos) << c.warnings[0];
  EXPECT_NE(c.warnings[1].find("u.yaml:4: parameters.limit: unknown key"), std::string::npos) << c.warnings[1];
  EXPECT_NE(c.warnings[2].find("u.yaml:7: crawl.speed: unknown key"), std::string::npos) << c.warnings[2];
}

TEST(ParseEtlConfig, SettingsBlockIsAcceptedAndIgnored) {
  EtlConfig c = ParseEtlConfig(
      "settings:\n  docker:\n    skip_build: True\nparameters:\n  user_full_name: A B\n  links: [https://a.com/]\n", "s.yaml");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(ParseEtlConfig, ReadsOurCrawlSourcesAndWarehouseKeys) {
  EtlConfig c = ParseEtlConfig(
      "parameters:\n  user_full_name: A B\n  links: [https://a.com/]\n"
      "sources: [https://x.substack.com]\n"
      "warehouse: sqlite:/tmp/w.db\n"
      "crawl:\n  concurrency: 4\n  respect_robots: false\n  timeout_s: 2.5\n  connect_to: a.com:443:127.0.0.1:8443\n",
      "c.yaml");
  EXPECT_EQ(c.sources, std::vector<std::string>{"https://x.substack.com"});
  EXPECT_EQ(c.warehouse, "sqlite:/tmp/w.db");
  EXPECT_EQ(c.crawl.concurrency, 4);
  EXPECT_FALSE(c.crawl.respect_robots);
  EXPECT_DOUBLE_EQ(c.crawl.timeout_s, 2.5);
  EXPECT_EQ(c.crawl.connect_to, std::vector<std::string>{"a.com:443:127.0.0.1:8443"});
}

TEST(ParseEtlConfig, AllProblemsAreReportedTogether) {
  const std::string e = ConfigError("parameters:\n  links:\n    - nope\n");
  EXPECT_NE(e.find("user_full_name: missing"), std::string::npos) << e;
  EXPECT_NE(e.find("links[0]: 'nope' is not a valid URL"), std::string::npos) << e;
}

TEST(ParseEtlConfig, OversizedConfigAndAliasBombAreRefused) {
  EXPECT_NE(ConfigError(std::string(2 << 20, '#')).find("the limit is"), std::string::npos);
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'h'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  EXPECT_NE(ConfigError(bomb).find("alias bomb"), std::string::npos);
}

TEST(ParseEtlConfig, SelfReferencingAliasIsRefusedNotRecursedInto) {
  // Found by the config fuzzer: an anchor used inside its own definition makes a cyclic node graph.
  const std::string e = ConfigError(
      "parameters:\n  user_full_name: &n A B\n  links: &l [https://a.example/x]\nx: &a [*l, *a, *a, *a]\n");
  EXPECT_NE(e.find("alias bomb"), std::string::npos) << e;
}

TEST(LoadEtlConfig, MissingFileIsAConfigError) {
  try {
    LoadEtlConfig("/nonexistent/config.yaml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConfig);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/config.yaml: config file not found"), std::string::npos);
  }
}

TEST(SetCrawlOption, ValidatesKeyAndValue) {
  CrawlOptions o;
  SetCrawlOption(o, "min_delay_ms", "0");
  EXPECT_EQ(o.min_delay_ms, 0);
  EXPECT_THROW(SetCrawlOption(o, "nope", "1"), Error);
  EXPECT_THROW(SetCrawlOption(o, "retries", "-1"), Error);
  EXPECT_THROW(SetCrawlOption(o, "respect_robots", "maybe"), Error);
}

TEST(EffectiveUserAgent, NamesLlmtwinAndAContactUrl) {
  const std::string ua = EffectiveUserAgent(CrawlOptions{});
  EXPECT_EQ(ua.rfind("llmtwin/", 0), 0u);
  EXPECT_NE(ua.find("+https://"), std::string::npos);
}

TEST(ParseEtlConfig, ExportsAreReadWithTheirOptionsAndLinksMayThenBeOmitted) {
  const EtlConfig config = ParseEtlConfig(R"(parameters:
  user_full_name: Ada Lovelace
exports:
  - {kind: medium, path: exports/medium.zip, include_drafts: true, skip_responses: yes}
  - {kind: substack, path: /data/substack, publication_url: https://ada.substack.com}
  - {kind: x, path: twitter.zip, skip_replies: true, handle: ada}
  - {kind: linkedin, path: Shares.csv}
)",
                                          "test.yaml");
  EXPECT_TRUE(config.links.empty());
  ASSERT_EQ(config.exports.size(), 4u);
  EXPECT_EQ(config.exports[0].kind, "medium");
  EXPECT_EQ(config.exports[0].path, "exports/medium.zip");
  EXPECT_TRUE(config.exports[0].options.include_drafts);
  EXPECT_TRUE(config.exports[0].options.skip_responses);
  EXPECT_EQ(config.exports[1].options.publication_url, "https://ada.substack.com");
  EXPECT_TRUE(config.exports[2].options.skip_replies);
  EXPECT_EQ(config.exports[2].options.handle, "ada");
  EXPECT_TRUE(config.warnings.empty());
}

TEST(ParseEtlConfig, BadExportsNameTheirLineAndKey) {
  const std::string message = ConfigError(R"(parameters:
  user_full_name: Ada Lovelace
  links: [https://example.com/a]
exports:
  - {kind: myspace, path: a.zip}
  - {kind: medium}
  - {kind: substack, path: s.zip}
  - {kind: x, path: x.zip, skip_replies: maybe}
)");
  EXPECT_NE(message.find("test.yaml:5: exports[0].kind: unknown export kind 'myspace'"), std::string::npos) << message;
  EXPECT_NE(message.find("test.yaml:6: exports[1].path: missing"), std::string::npos) << message;
  EXPECT_NE(message.find("test.yaml:7: exports[2].publication_url: missing"), std::string::npos) << message;
  EXPECT_NE(message.find("test.yaml:8: exports[3].skip_replies: must be true or false"), std::string::npos) << message;
}

TEST(LoadEtlConfig, RelativeExportPathsAreReadFromTheConfigsFolder) {
  const auto dir = std::filesystem::temp_directory_path() / ("llmtwin-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "etl.yaml");
    out << "parameters: {user_full_name: Ada Lovelace}\nexports:\n  - {kind: x, path: exports/twitter.zip}\n  - {kind: x, path: /abs/x.zip}\n";
  }
  const EtlConfig config = LoadEtlConfig(dir / "etl.yaml");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(config.exports.size(), 2u);
  EXPECT_EQ(config.exports[0].path, (dir / "exports/twitter.zip").string());
  EXPECT_EQ(config.exports[1].path, "/abs/x.zip");
}

}  // namespace
}  // namespace llmtwin
