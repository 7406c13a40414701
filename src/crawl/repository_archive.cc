#include "crawl/repository_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <sstream>

namespace llmtwin {
namespace {

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveFree>;

constexpr std::array kSkippedFolders = {
    std::pair{"node_modules", "vendored"}, std::pair{"vendor", "vendored"}, std::pair{"bower_components", "vendored"},
    std::pair{"third_party", "vendored"}, std::pair{".venv", "vendored"}, std::pair{"venv", "vendored"},
    std::pair{"site-packages", "vendored"}, std::pair{".git", "generated"}, std::pair{"dist", "generated"},
    std::pair{"build", "generated"}, std::pair{"__pycache__", "generated"}, std::pair{".next", "generated"},
    std::pair{".tox", "generated"}, std::pair{".mypy_cache", "generated"}, std::pair{".pytest_cache", "generated"},
    std::pair{".gradle", "generated"}, std::pair{".ipynb_checkpoints", "generated"}};

constexpr std::array<std::string_view, 14> kLockFiles = {
    "package-lock.json", "yarn.lock",    "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "Cargo.lock", "composer.lock",
    "Gemfile.lock",      "go.sum",       "uv.lock",        "pdm.lock",    "bun.lockb",    "flake.lock", "npm-shrinkwrap.json"};

constexpr std::string_view kLfsPointer = "version https://git-lfs.github.com/spec/v1";

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int extra;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string_view::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

// Whether a symlink at `path` with `target` resolves inside the tree.
bool LinkStaysInside(std::string_view path, std::string_view target) {
  if (target.empty() || target.front() == '/') return false;
  auto parts = Segments(path);
  if (!parts.empty()) parts.pop_back();  // the link's folder
  int depth = static_cast<int>(parts.size());
  for (auto part : Segments(target)) {
    if (part == ".") continue;
    depth += part == ".." ? -1 : 1;
    if (depth < 0) return false;
  }
  return true;
}

// Paths named by `path = ...` lines of a .gitmodules file.
std::vector<std::string> SubmodulePaths(const std::string& gitmodules) {
  std::vector<std::string> out;
  std::istringstream lines(gitmodules);
  std::string line;
  while (std::getline(lines, line)) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 4, "path") != 0) continue;
    const auto eq = line.find('=', first);
    if (eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r") + 1);
    if (!value.empty()) out.push_back(value);
  }
  return out;
}

class Reader {
 public:
  Reader(const RepositoryArchiveLimits& limits, RepositoryFiles& out) : limits_(limits), out_(out) {}

  void Skip(const std::string& path, const std::string& reason) { out_.skipped.push_back({path, reason}); }

  // Records a whole skipped folder once; returns true when `path` lies in a skipped folder.
  bool SkipByFolder(const std::string& path) {
    const auto parts = Segments(path);
    std::string prefix;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      prefix += std::string(parts[i]) + "/";
      for (const auto& [name, reason] : kSkippedFolders) {
        if (parts[i] != name) continue;
        if (skipped_folders_.insert(prefix).second) Skip(prefix, reason);
        return true;
      }
    }
    return false;
  }

  void Add(const std::string& path, std::string bytes) {
    if (out_.total_bytes + static_cast<int64_t>(bytes.size()) > limits_.max_total_bytes) {
      out_.truncated = true;
      Skip(path, "document-size-limit");
      return;
    }
    out_.total_bytes += static_cast<int64_t>(bytes.size());
    out_.files.emplace(path, std::move(bytes));
  }

 private:
  const RepositoryArchiveLimits& limits_;
  RepositoryFiles& out_;
  std::set<std::string> skipped_folders_;
};

}  // namespace

std::string SkipReasonForPath(std::string_view path) {
  const auto parts = Segments(path);
  if (parts.empty()) return "unsafe-path";
  for (size_t i = 0; i + 1 < parts.size(); ++i)
    for (const auto& [name, reason] : kSkippedFolders)
      if (parts[i] == name) return reason;
  const std::string_view file = parts.back();
  if (std::find(kLockFiles.begin(), kLockFiles.end(), file) != kLockFiles.end() || file.ends_with(".lock"))
    return "lock-file";
  if (file.ends_with(".min.js") || file.ends_with(".min.css") || file.ends_with(".map")) return "minified";
  return {};
}

std::string SkipReasonForContent(std::string_view bytes) {
  if (bytes.starts_with(kLfsPointer)) return "lfs-pointer";
  if (bytes.find('\0') != std::string_view::npos || !ValidUtf8(bytes)) return "binary";
  return {};
}

RepositoryFiles ReadRepositoryArchive(std::string_view archive_bytes, const RepositoryArchiveLimits& limits) {
  RepositoryFiles out;
  ArchiveHandle a(archive_read_new());
  if (!a) {
    out.error = "libarchive: out of memory";
    return out;
  }
  archive_read_support_filter_all(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_gnutar(a.get());
  if (archive_read_open_memory(a.get(), archive_bytes.data(), archive_bytes.size()) != ARCHIVE_OK) {
    out.error = std::string("not a readable archive: ") + archive_error_string(a.get());
    return out;
  }
  Reader reader(limits, out);
  std::vector<std::string> submodules;
  archive_entry* entry = nullptr;
  int status;
  while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK || status == ARCHIVE_WARN) {
    const char* raw_path = archive_entry_pathname_utf8(entry);
    if (!raw_path) raw_path = archive_entry_pathname(entry);
    std::string path = raw_path ? raw_path : "";
    // GitHub tarballs hold everything under one folder "owner-repo-sha/": strip it.
    const auto slash = path.find('/');
    const std::string top = slash == std::string::npos ? path : path.substr(0, slash);
    if (out.root.empty() && !top.empty()) out.root = top;
    if (top != out.root || slash == std::string::npos) {
      if (archive_entry_filetype(entry) != AE_IFDIR) reader.Skip(path, "unsafe-path");
      continue;
    }
    path = path.substr(slash + 1);
    if (path.empty() || archive_entry_filetype(entry) == AE_IFDIR) continue;
    const auto parts = Segments(path);
    if (path.front() == '/' || std::any_of(parts.begin(), parts.end(), [](auto p) { return p == ".." || p == "."; })) {
      reader.Skip(path, "unsafe-path");
      continue;
    }
    if (reader.SkipByFolder(path)) continue;
    if (archive_entry_hardlink(entry)) {
      reader.Skip(path, "hard-link");
      continue;
    }
    if (archive_entry_filetype(entry) == AE_IFLNK) {
      const char* target = archive_entry_symlink(entry);
      reader.Skip(path, LinkStaysInside(path, target ? target : "") ? "symlink" : "symlink-outside-tree");
      continue;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) {
      reader.Skip(path, "not-a-file");
      continue;
    }
    if (std::string reason = SkipReasonForPath(path); !reason.empty()) {
      reader.Skip(path, reason);
      continue;
    }
    const int64_t size = archive_entry_size(entry);
    if (size > limits.max_file_bytes) {
      reader.Skip(path, "too-large");
      continue;
    }
    std::string bytes(static_cast<size_t>(std::max<int64_t>(size, 0)), '\0');
    const la_ssize_t got = size > 0 ? archive_read_data(a.get(), bytes.data(), bytes.size()) : 0;
    if (got < 0) {
      out.error = std::string("corrupt archive at ") + path + ": " + archive_error_string(a.get());
      return out;
    }
    bytes.resize(static_cast<size_t>(got));
    if (path == ".gitmodules") submodules = SubmodulePaths(bytes);
    if (std::string reason = SkipReasonForContent(bytes); !reason.empty()) {
      reader.Skip(path, reason);
      continue;
    }
    reader.Add(path, std::move(bytes));
  }
  if (status != ARCHIVE_EOF) {
    out.error = std::string("corrupt archive: ") + (archive_error_string(a.get()) ? archive_error_string(a.get()) : "read error");
    return out;
  }
  for (const auto& submodule : submodules) reader.Skip(submodule, "submodule");
  out.ok = true;
  return out;
}

}  // namespace llmtwin
