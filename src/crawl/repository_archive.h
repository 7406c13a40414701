// Reads a repository's files from a tarball (GitHub's codeload .tar.gz) into the `content` of a
// RepositoryDocument, deciding file by file what is worth keeping for an LLM Twin.
//
// Why a tarball and not a clone: docs/crawlers.md. The archive is streamed with libarchive from
// memory (archive_read_open_memory; RAII over archive*), so nothing touches the disk and a hostile
// archive cannot write anywhere. Kept files are byte-exact (the book deleted every space).
//
// Skipped, each recorded with a reason: binaries (by content: a NUL byte or invalid UTF-8),
// lock files, vendored and generated folders (node_modules, vendor, dist, build, .git, ...),
// minified files and source maps, files over `max_file_bytes`, symlinks and hard links (a link
// pointing outside the tree is called so), Git LFS pointers, submodules (named by .gitmodules;
// the tarball holds none of their files), unsafe paths (absolute, ".."), and whatever would push
// the document past `max_total_bytes` (the 16 MB BSON document limit, minus room for the other
// fields). A folder skipped as a whole is recorded once, not once per file.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/documents.h"  // SkippedFile

namespace llmtwin {

struct RepositoryArchiveLimits {
  int64_t max_file_bytes = 1 << 20;
  int64_t max_total_bytes = 15LL << 20;  // stop adding files here: MongoDB's limit is 16 MB
};

struct RepositoryFiles {
  bool ok = false;
  std::string error;                         // when !ok: what libarchive said
  std::string root;                          // the archive's top folder ("owner-repo-sha"), stripped
  std::map<std::string, std::string> files;  // path relative to the root -> exact text
  // reason: "binary", "lock-file", "vendored", "generated", "minified", "too-large", "symlink",
  // "symlink-outside-tree", "hard-link", "not-a-file", "lfs-pointer", "submodule", "unsafe-path",
  // "document-size-limit"
  std::vector<SkippedFile> skipped;
  int64_t total_bytes = 0;                   // sum of kept file sizes
  bool truncated = false;                    // the size cap stopped us adding files
};

// Reads a .tar, .tar.gz (or any format/filter libarchive knows) held in memory.
RepositoryFiles ReadRepositoryArchive(std::string_view archive_bytes, const RepositoryArchiveLimits& limits);

// Why a path is skipped by its name alone ("" when it is not): lock files, vendored/generated
// folders, minified files. Exposed for tests and for the docs' table.
std::string SkipReasonForPath(std::string_view path);

// Why a file's bytes are skipped ("binary", "lfs-pointer") or "" when they are text to keep.
std::string SkipReasonForContent(std::string_view bytes);

}  // namespace llmtwin
