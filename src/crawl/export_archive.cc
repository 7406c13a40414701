#include "crawl/export_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>
#include <vector>

#include "common/error.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchiveHandle = std::unique_ptr<archive, ArchiveFree>;

constexpr size_t kBlockSize = 64 << 10;

// libarchive converts entry names through the calling thread's locale: in the "C" locale a UTF-8
// name ("posts/Ética.html", flagged UTF-8 in the zip) cannot be converted and comes back empty.
// Reading runs under a UTF-8 LC_CTYPE for this thread only (uselocale), the process's untouched.
class ThreadUtf8Locale {
 public:
  ThreadUtf8Locale() : locale_(::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr))) {
    if (locale_) previous_ = ::uselocale(locale_);
  }
  ~ThreadUtf8Locale() {
    if (!locale_) return;
    ::uselocale(previous_);
    ::freelocale(locale_);
  }
  ThreadUtf8Locale(const ThreadUtf8Locale&) = delete;
  ThreadUtf8Locale& operator=(const ThreadUtf8Locale&) = delete;

 private:
  locale_t locale_;
  locale_t previous_ = LC_GLOBAL_LOCALE;
};

// "./posts/a.html" -> "posts/a.html"; "" for names that are folders or climb out ("..").
std::string CleanName(std::string_view name) {
  while (name.starts_with("./") || name.starts_with("/")) name.remove_prefix(name.front() == '/' ? 1 : 2);
  if (name.empty() || name.ends_with('/')) return {};
  for (size_t start = 0;;) {
    const size_t slash = name.find('/', start);
    if (name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start) == "..") return {};
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return std::string(name);
}

std::string EntryName(archive_entry* entry) {
  if (const char* utf8 = archive_entry_pathname_utf8(entry)) return utf8;
  if (const char* raw = archive_entry_pathname(entry)) return raw;
  return {};
}

std::string ReadWholeFile(const fs::path& path, const std::string& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kInvalidInput, where + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> FolderNames(const fs::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) names.push_back(it->path().lexically_relative(root).generic_string());
  }
  if (ec) throw Error(ErrorKind::kInvalidInput, root.string() + ": cannot list the folder: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::string_view BaseName(std::string_view name) {
  const auto slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::string_view DirName(std::string_view name) {
  const auto slash = name.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : name.substr(0, slash);
}

ExportArchive::ExportArchive(fs::path path) : path_(std::move(path)) {
  std::error_code ec;
  const auto status = fs::status(path_, ec);
  if (ec || !fs::exists(status)) throw Error(ErrorKind::kInvalidInput, path_.string() + ": no such file or folder");
  folder_ = fs::is_directory(status);
  if (!folder_ && !fs::is_regular_file(status))
    throw Error(ErrorKind::kInvalidInput, path_.string() + ": not a zip archive nor a folder");
}

std::string ExportArchive::Where(std::string_view entry) const {
  return entry.empty() ? Name() : Name() + ": " + std::string(entry);
}

void ExportArchive::ForEach(const std::function<bool(std::string_view)>& want,
                            const std::function<void(std::string_view, std::string_view)>& visit) const {
  if (folder_) {
    for (const std::string& name : FolderNames(path_)) {
      if (!want(name)) continue;
      const std::string bytes = ReadWholeFile(path_ / fs::path(name), Where(name));
      visit(name, bytes);
    }
    return;
  }
  const ThreadUtf8Locale utf8_names;
  ArchiveHandle a(archive_read_new());
  if (!a) throw Error(ErrorKind::kInternal, "archive_read_new failed");
  archive_read_support_format_zip(a.get());
  archive_read_support_filter_none(a.get());
  if (archive_read_open_filename(a.get(), path_.c_str(), kBlockSize) != ARCHIVE_OK)
    throw Error(ErrorKind::kInvalidInput, Where("") + ": not a zip archive (" + archive_error_string(a.get()) + ")");
  std::string bytes, last = "(the first entry)";
  for (;;) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      const std::string why = archive_error_string(a.get()) ? archive_error_string(a.get()) : "unreadable";
      throw Error(ErrorKind::kInvalidInput,
                  Where("") + (last == "(the first entry)" ? ": not a zip archive (" + why + ")"
                                                          : ": after " + last + ": " + why + " (truncated or corrupt zip)"));
    }
    const std::string name = CleanName(EntryName(entry));
    if (name.empty() || archive_entry_filetype(entry) != AE_IFREG || !want(name)) {
      if (!name.empty()) last = name;
      if (archive_read_data_skip(a.get()) < ARCHIVE_WARN)
        throw Error(ErrorKind::kInvalidInput, Where(name) + ": " + archive_error_string(a.get()) + " (truncated or corrupt zip)");
      continue;
    }
    last = name;
    bytes.clear();
    if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > 0)
      bytes.reserve(static_cast<size_t>(std::min<la_int64_t>(archive_entry_size(entry), 256 << 20)));
    char block[kBlockSize];
    for (;;) {
      const la_ssize_t n = archive_read_data(a.get(), block, sizeof block);
      if (n == 0) break;
      if (n < 0) {
        const char* why = archive_error_string(a.get());
        throw Error(ErrorKind::kInvalidInput,
                    Where(name) + ": " + (why ? why : "unreadable data") + " (truncated or corrupt zip)");
      }
      bytes.append(block, static_cast<size_t>(n));
    }
    visit(name, bytes);
  }
}

void ExportArchive::ForEachName(const std::function<void(std::string_view)>& visit) const {
  if (folder_) {
    for (const std::string& name : FolderNames(path_)) visit(name);
    return;
  }
  ForEach(
      [&](std::string_view name) {
        visit(name);
        return false;
      },
      [](std::string_view, std::string_view) {});
}

}  // namespace llmtwin
