#include "crawl/repository_archive.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tarball_builder.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string ReasonFor(const RepositoryFiles& files, const std::string& path) {
  for (const auto& skipped : files.skipped)
    if (skipped.path == path) return skipped.reason;
  return "";
}

// A repository tree with what real ones hold: nested code, binaries, a lock file, vendored and
// build folders, a huge file, symlinks inside and outside the tree, an LFS pointer, a submodule.
class RepositoryArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("llmtwin-repo-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    Write(root_ / "README.md", "# Demo\n\n  indented  text\twith tabs \n");
    Write(root_ / "src/app/main.py", "def main():\n    return  42\n");
    Write(root_ / "src/app/deep/nested/util.cc", "int x = 1;  // two spaces\n");
    Write(root_ / "docs/ünïcode.md", "héllo wörld\n");
    Write(root_ / "assets/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    Write(root_ / "data/latin1.txt", "caf\xe9\n");
    Write(root_ / "package-lock.json", "{}\n");
    Write(root_ / "node_modules/left-pad/index.js", "module.exports = 1;\n");
    Write(root_ / "node_modules/left-pad/package.json", "{}\n");
    Write(root_ / "build/out.txt", "generated\n");
    Write(root_ / "static/app.min.js", "var a=1;\n");
    Write(root_ / "big/huge.txt", std::string(2 << 20, 'a'));
    Write(root_ / "models/weights.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n");
    Write(root_ / ".gitmodules", "[submodule \"lib/ext\"]\n\tpath = lib/ext\n\turl = https://github.com/a/ext\n");
    fs::create_directories(root_ / "links");
    fs::create_symlink("../../../../etc/passwd", root_ / "links/escape");
    fs::create_symlink("../README.md", root_ / "links/readme");
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path root_;
};

TEST_F(RepositoryArchiveTest, KeepsTextFilesByteExactAndStripsTheTopFolder) {
  const RepositoryFiles files = ReadRepositoryArchive(testing::BuildTarGz(root_, "octo-demo-abc123"), {});
  ASSERT_TRUE(files.ok) << files.error;
  EXPECT_EQ(files.root, "octo-demo-abc123");
  EXPECT_EQ(files.files.at("README.md"), "# Demo\n\n  indented  text\twith tabs \n");
  EXPECT_EQ(files.files.at("src/app/main.py"), "def main():\n    return  42\n");
  EXPECT_EQ(files.files.at("src/app/deep/nested/util.cc"), "int x = 1;  // two spaces\n");
  EXPECT_EQ(files.files.at("docs/ünïcode.md"), "héllo wörld\n");
  EXPECT_TRUE(files.files.count(".gitmodules"));
  EXPECT_FALSE(files.truncated);
}

TEST_F(RepositoryArchiveTest, RecordsEverySkippedFileWithItsReason) {
  const RepositoryFiles files = ReadRepositoryArchive(testing::BuildTarGz(root_, "octo-demo-abc123"), {});
  ASSERT_TRUE(files.ok) << files.error;
  EXPECT_EQ(ReasonFor(files, "assets/logo.png"), "binary");
  EXPECT_EQ(ReasonFor(files, "data/latin1.txt"), "binary");
  EXPECT_EQ(ReasonFor(files, "package-lock.json"), "lock-file");
  EXPECT_EQ(ReasonFor(files, "node_modules/"), "vendored");
  EXPECT_EQ(ReasonFor(files, "build/"), "generated");
  EXPECT_EQ(ReasonFor(files, "static/app.min.js"), "minified");
  EXPECT_EQ(ReasonFor(files, "big/huge.txt"), "too-large");
  EXPECT_EQ(ReasonFor(files, "models/weights.bin"), "lfs-pointer");
  EXPECT_EQ(ReasonFor(files, "links/escape"), "symlink-outside-tree");
  EXPECT_EQ(ReasonFor(files, "links/readme"), "symlink");
  EXPECT_EQ(ReasonFor(files, "lib/ext"), "submodule");
  // A vendored folder is recorded once, not once per file.
  EXPECT_EQ(std::count_if(files.skipped.begin(), files.skipped.end(),
                          [](const SkippedFile& s) { return s.path.starts_with("node_modules"); }),
            1);
  for (const auto& [path, text] : files.files) EXPECT_TRUE(ReasonFor(files, path).empty()) << path;
}

TEST_F(RepositoryArchiveTest, StopsAddingFilesAtTheDocumentSizeCap) {
  RepositoryArchiveLimits limits;
  limits.max_total_bytes = 40;  // README (36 bytes) fits, the next file does not
  const RepositoryFiles files = ReadRepositoryArchive(testing::BuildTarGz(root_, "top"), limits);
  ASSERT_TRUE(files.ok);
  EXPECT_TRUE(files.truncated);
  EXPECT_LE(files.total_bytes, 40);
  EXPECT_TRUE(std::any_of(files.skipped.begin(), files.skipped.end(),
                          [](const SkippedFile& s) { return s.reason == "document-size-limit"; }));
}

TEST_F(RepositoryArchiveTest, LargerFileLimitKeepsTheHugeFile) {
  RepositoryArchiveLimits limits;
  limits.max_file_bytes = 4 << 20;
  const RepositoryFiles files = ReadRepositoryArchive(testing::BuildTarGz(root_, "top"), limits);
  ASSERT_TRUE(files.ok);
  EXPECT_EQ(files.files.at("big/huge.txt").size(), size_t{2} << 20);
}

TEST(RepositoryArchive, GarbageIsAnErrorValueNotACrash) {
  const RepositoryFiles files = ReadRepositoryArchive("this is not a tarball at all", {});
  EXPECT_FALSE(files.ok);
  EXPECT_FALSE(files.error.empty());
}

TEST(RepositoryArchive, SkipRulesByPathAndContent) {
  EXPECT_EQ(SkipReasonForPath("a/node_modules/b.js"), "vendored");
  EXPECT_EQ(SkipReasonForPath("poetry.lock"), "lock-file");
  EXPECT_EQ(SkipReasonForPath("src/vendors.py"), "");
  EXPECT_EQ(SkipReasonForPath("dist.py"), "");
  EXPECT_EQ(SkipReasonForContent(std::string("a\0b", 3)), "binary");
  EXPECT_EQ(SkipReasonForContent("\xc3\x28"), "binary");
  EXPECT_EQ(SkipReasonForContent("plain ✓ text"), "");
}

}  // namespace
}  // namespace llmtwin
