// Import speed and memory of a platform export: `import_bench [POSTS...]` (default 500 5000 20000).
//
// For each size it writes a Medium export zip of that many posts, generated from the shapes of the
// real export files (testdata/fixtures/exports/medium: long essays with sections and figures,
// short posts, responses, drafts, each given its own id and canonical link), then imports it the
// way `llmtwin import medium-export` does (ValidateExports, then the pipeline's import_exports step
// into a fresh SQLite warehouse) in a child process, and prints posts/s, MB/s of HTML and the
// child's peak resident memory (getrusage of the child). Memory that does not grow with the
// archive's size is the point: the zip is streamed one entry at a time and each document is
// written as it comes. A program that prints numbers; no test depends on them.
#include <archive.h>
#include <archive_entry.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/log.h"
#include "crawl/crawler.h"
#include "fetch/fetcher.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/import_exports.h"
#include "warehouse/warehouse.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Shape {
  std::string name;  // file name suffix
  std::string id;    // the hex id the file carries
  std::string html;
};

std::vector<Shape> RealShapes() {
  std::vector<Shape> shapes;
  const fs::path root = fs::path(LLMTWIN_TESTDATA_DIR) / "fixtures/exports/medium";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".html") continue;
    const std::string name = entry.path().filename().string();
    const auto dash = name.rfind('-'), dot = name.rfind('.');
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    shapes.push_back({name, name.substr(dash + 1, dot - dash - 1), bytes.str()});
  }
  return shapes;
}

void ReplaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
}

// Writes a Medium export of `posts` posts; returns the bytes of HTML in it.
size_t WriteExport(const fs::path& zip, size_t posts, const std::vector<Shape>& shapes) {
  struct WriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
  };
  struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
  };
  std::unique_ptr<archive, WriteFree> a(archive_write_new());
  archive_write_set_format_zip(a.get());
  if (archive_write_open_filename(a.get(), zip.c_str()) != ARCHIVE_OK) {
    std::fprintf(stderr, "cannot write %s\n", zip.c_str());
    std::exit(1);
  }
  size_t html_bytes = 0;
  for (size_t i = 0; i < posts; ++i) {
    const Shape& shape = shapes[i % shapes.size()];
    char id[16];
    std::snprintf(id, sizeof id, "%012llx", 0xb0000000000ULL + static_cast<unsigned long long>(i));
    std::string html = shape.html;
    ReplaceAll(html, shape.id, id);  // the footer's /p/<id>, the canonical link's suffix
    std::string name = "posts/" + shape.name;
    ReplaceAll(name, shape.id, id);
    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(html.size()));
    archive_write_header(a.get(), entry.get());
    archive_write_data(a.get(), html.data(), html.size());
    html_bytes += html.size();
  }
  archive_write_close(a.get());
  return html_bytes;
}

struct Result {
  double validate_s = 0, import_s = 0;
  long items = 0, stored = 0;
};

// The import, as `llmtwin import medium-export ZIP --author NAME --include-drafts` runs it.
Result Import(const fs::path& zip, const fs::path& db) {
  llmtwin::EtlRequest request;
  request.user_full_name = "Bench Author";
  llmtwin::ExportSpec spec{"medium", zip.string(), {}};
  spec.options.include_drafts = true;
  request.exports.push_back(spec);
  Result r;
  auto t0 = Clock::now();
  const size_t items = llmtwin::ValidateExports(request.exports).at(0);
  r.validate_s = std::chrono::duration<double>(Clock::now() - t0).count();
  auto warehouse = llmtwin::warehouse::OpenWarehouse("sqlite:" + db.string());
  llmtwin::Fetcher fetcher(request.crawl);
  const llmtwin::CrawlerDispatcher dispatcher = llmtwin::CrawlerDispatcher::Default();
  llmtwin::EtlPipeline pipeline(*warehouse, dispatcher, fetcher);
  llmtwin::RunOptions options;
  options.validated_export_items = items;
  t0 = Clock::now();
  const llmtwin::RunReport report = pipeline.Run(request, options);
  r.import_s = std::chrono::duration<double>(Clock::now() - t0).count();
  r.items = static_cast<long>(items);
  r.stored = report.imports.per_kind.at("medium-export").stored;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  llmtwin::InitLogging(llmtwin::LogOptions{.level = spdlog::level::warn});
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
  if (sizes.empty()) sizes = {500, 5000, 20000};
  const std::vector<Shape> shapes = RealShapes();
  const fs::path dir = fs::temp_directory_path() / ("llmtwin-import-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::printf("%8s %10s %10s %11s %10s %9s %10s %13s\n", "posts", "zip MB", "HTML MB", "validate s", "import s",
              "posts/s", "HTML MB/s", "peak RSS MB");
  for (size_t posts : sizes) {
    const fs::path zip = dir / ("medium-" + std::to_string(posts) + ".zip");
    const size_t html_bytes = WriteExport(zip, posts, shapes);
    const fs::path db = dir / ("twin-" + std::to_string(posts) + ".sqlite");
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return 1;
    const pid_t child = ::fork();
    if (child == 0) {
      ::close(pipe_fds[0]);
      const Result r = Import(zip, db);
      if (::write(pipe_fds[1], &r, sizeof r) != sizeof r) ::_exit(1);
      ::_exit(0);
    }
    ::close(pipe_fds[1]);
    Result r;
    const bool got = ::read(pipe_fds[0], &r, sizeof r) == sizeof r;
    ::close(pipe_fds[0]);
    int status = 0;
    struct rusage usage {};
    ::wait4(child, &status, 0, &usage);
    if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "the import of %zu posts failed\n", posts);
      return 1;
    }
    const double total_s = r.validate_s + r.import_s;
    std::printf("%8zu %10.1f %10.1f %11.2f %10.2f %9.0f %10.1f %13.1f\n", posts, fs::file_size(zip) / 1e6,
                html_bytes / 1e6, r.validate_s, r.import_s, r.items / total_s, html_bytes / 1e6 / total_s,
                usage.ru_maxrss / 1024.0);
    if (r.stored <= 0) return 1;
  }
  fs::remove_all(dir);
  return 0;
}
