#include "crawl/github_crawler.h"

#include <filesystem>
#include <fstream>
#include <memory>

#include "crawl/github_api.h"
#include "crawl_env.h"
#include "support/fixture_server.h"
#include "tarball_builder.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;
using testing::Describe;

class GitHubTest : public testing::CrawlTest {};

TEST_F(GitHubTest, UserPageListsPublicRepositoriesAcrossPagesWithoutForks) {
  const auto repos = CrawlerDispatcher::Default().Discover("https://github.com/pauliusztin", Context());
  EXPECT_EQ(repos, (std::vector<std::string>{"https://github.com/pauliusztin/llm-twin-course",
                                              "https://github.com/pauliusztin/energy-forecasting",
                                              "https://github.com/pauliusztin/hands-on-llms"}));
}

TEST_F(GitHubTest, ForksAreListedWhenAsked) {
  options().include_forks = true;
  const auto repos = GitHubCrawler().Discover("https://github.com/pauliusztin", Context());
  EXPECT_EQ(repos.size(), 5u);
}

TEST_F(GitHubTest, UserUrlIsNotARepository) {
  const CrawlOutcome outcome = GitHubCrawler().Crawl("https://github.com/pauliusztin", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "unsupported");
  EXPECT_TRUE(testing::Contains(outcome.message, "discover"));
}

// A repository served as GitHub serves it: a tarball built now from a folder tree, on a second
// server instance (codeload for one repository, only the API tarball URL for another).
class GitHubRepositoryTest : public testing::CrawlTest {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("llmtwin-github-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    const fs::path tree = dir_ / "tree";
    auto write = [&](const std::string& path, const std::string& bytes) {
      fs::create_directories((tree / path).parent_path());
      std::ofstream(tree / path, std::ios::binary) << bytes;
    };
    write("README.md", "# LLM Twin\n\n    code block  with  spaces\n");
    write("src/llm_twin/crawlers/medium.py", "class MediumCrawler:\n\tpass\n");
    write("src/llm_twin/deep/er/still/module.py", "x = 1\n");
    write("images/diagram.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\0", 12));
    write("data/huge.csv", std::string((1 << 20) + 10, 'x'));
    write("poetry.lock", "[[package]]\n");
    fs::create_symlink("../../../../../../etc/shadow", tree / "src/escape");
    const std::string tarball = testing::BuildTarGz(tree, "pauliusztin-llm-twin-course-0a1b2c3");
    std::ofstream(dir_ / "repo.tar.gz", std::ios::binary) << tarball;
    std::ofstream(dir_ / "MANIFEST.json")
        << R"({"pages":[
{"file":"repo.tar.gz","url":"https://codeload.github.com/pauliusztin/llm-twin-course/tar.gz/HEAD","type":"application/x-gzip"},
{"file":"repo.tar.gz","url":"https://api.github.com/repos/pauliusztin/api-only/tarball","type":"application/x-gzip"},
{"body":"User-agent: *\nDisallow: /\n","url":"https://api.github.com/robots.txt","type":"text/plain"}]})";
    server_ = std::make_unique<test::FixtureServer>(std::vector<std::string>{(dir_ / "MANIFEST.json").string()});
    options_ = server_->Options({"codeload.github.com", "api.github.com", "github.com"});
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<test::FixtureServer> server_;  // serves only this test's MANIFEST.json
};

TEST_F(GitHubRepositoryTest, TarballGivesExactFilesAndRecordsWhatWasSkipped) {
  const std::string link = "https://github.com/pauliusztin/llm-twin-course";
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "github");
  ASSERT_EQ(outcome.repositories.size(), 1u);
  const RepositoryDocument& repo = outcome.repositories[0];
  EXPECT_EQ(repo.name, "llm-twin-course");
  EXPECT_EQ(repo.link, link);
  EXPECT_EQ(repo.platform, "github");
  EXPECT_EQ(repo.content.at("README.md"), "# LLM Twin\n\n    code block  with  spaces\n");
  EXPECT_EQ(repo.content.at("src/llm_twin/crawlers/medium.py"), "class MediumCrawler:\n\tpass\n");
  EXPECT_EQ(repo.content.at("src/llm_twin/deep/er/still/module.py"), "x = 1\n");
  EXPECT_EQ(repo.content.size(), 3u);
  auto reason = [&](const std::string& path) {
    for (const auto& s : repo.skipped_files)
      if (s.path == path) return s.reason;
    return std::string();
  };
  EXPECT_EQ(reason("images/diagram.png"), "binary");
  EXPECT_EQ(reason("data/huge.csv"), "too-large");
  EXPECT_EQ(reason("poetry.lock"), "lock-file");
  EXPECT_EQ(reason("src/escape"), "symlink-outside-tree");
  EXPECT_EQ(repo.extra.value("commit", ""), "0a1b2c3");
  EXPECT_FALSE(repo.meta.content_hash.empty());
}

// api.github.com's robots.txt disallows everything (as the real one does): the REST API is still used.
TEST_F(GitHubRepositoryTest, ApiTarballIsTheFallbackOfCodeload) {
  const CrawlOutcome outcome = GitHubCrawler().Crawl("https://github.com/pauliusztin/api-only", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.repositories.at(0).name, "api-only");
}

TEST_F(GitHubRepositoryTest, MissingRepositoryIsNotFound) {
  const CrawlOutcome outcome = GitHubCrawler().Crawl("https://github.com/pauliusztin/does-not-exist", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "not-found");
}

TEST(GitHubUrls, RepositoryUserAndReservedPages) {
  const auto repo = ParseGitHubRepoUrl("https://github.com/decodingml/llm-twin-course/tree/main/src");
  ASSERT_TRUE(repo);
  EXPECT_EQ(repo->owner, "decodingml");
  EXPECT_EQ(repo->repo, "llm-twin-course");
  EXPECT_EQ(repo->ref, "main");
  EXPECT_FALSE(ParseGitHubRepoUrl("https://github.com/pauliusztin"));
  EXPECT_FALSE(ParseGitHubRepoUrl("https://github.com/topics/llm"));
  EXPECT_FALSE(ParseGitHubRepoUrl("https://github.com.evil.example/a/b"));
  EXPECT_EQ(ParseGitHubUserUrl("https://github.com/pauliusztin/"), "pauliusztin");
  EXPECT_EQ(ParseGitHubUserUrl("https://github.com/settings"), "");
}

TEST(GitHubUrls, NextPageComesFromTheLinkHeader) {
  EXPECT_EQ(NextPageLink(R"(<https://api.github.com/user/1/repos?page=2>; rel="next", <https://api.github.com/user/1/repos?page=5>; rel="last")"),
            "https://api.github.com/user/1/repos?page=2");
  EXPECT_EQ(NextPageLink(R"(<https://api.github.com/user/1/repos?page=1>; rel="prev")"), "");
  EXPECT_EQ(NextPageLink(""), "");
}

TEST(GitHubUrls, TokenIsSentOnlyAsABearerHeader) {
  ::setenv("GITHUB_TOKEN", "ghp_synthetic_secret", 1);
  const auto headers = GitHubApiHeaders();
  ::unsetenv("GITHUB_TOKEN");
  EXPECT_NE(std::find(headers.begin(), headers.end(), std::pair<std::string, std::string>{"Authorization", "Bearer ghp_synthetic_secret"}),
            headers.end());
  const auto without = GitHubApiHeaders();
  EXPECT_TRUE(std::none_of(without.begin(), without.end(), [](const auto& h) { return h.first == "Authorization"; }));
}

}  // namespace
}  // namespace llmtwin
