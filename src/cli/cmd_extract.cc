// `llmtwin extract FILE [--url URL] [--format markdown|text|json]`: metadata and main content of
// one saved page; `llmtwin extract --batch INDIR OUTDIR [--format text|markdown]`: the same for
// every INDIR/<name>.html and <name>.html.gz, writing OUTDIR/<name>.txt (or .md) and
// OUTDIR/<name>.json, on a small pool of worker threads (one per core).
//
// Batch pages have no URL unless `--urls FILE` gives one per page ("<name><TAB><url>" lines, or
// a JSON object {name: url}); a page that cannot be read is reported and counted, and the exit
// code is then 1 (partial failure), like a run with failed links.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/error.h"
#include "extract/extractor.h"
#include "extract/page_file.h"

namespace llmtwin::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractArgs {
  std::string file;
  std::string url;
  std::string format = "markdown";
  std::vector<std::string> batch;  // INDIR OUTDIR
  std::string urls_file;
  int jobs = 0;
  bool links = false;
  bool images = false;
};

void WriteFile(const fs::path& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) throw Error(ErrorKind::kIo, path.string() + ": cannot write");
}

nlohmann::json PageJson(const ExtractedPage& page, const std::string& url) {
  nlohmann::json json = page.metadata.ToJson();
  if (!url.empty()) json["url"] = url;
  return json;
}

int RunSingle(const ExtractArgs& args, const ExtractOptions& options) {
  const std::string html = ReadPageFile(args.file);
  const ExtractedPage page = ExtractPage(html, args.url, options);
  if (args.format == "text") {
    std::fwrite(page.text.data(), 1, page.text.size(), stdout);
  } else if (args.format == "json") {
    nlohmann::json json = PageJson(page, args.url);
    json["markdown"] = page.markdown;
    json["text"] = page.text;
    const std::string dump = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(dump.data(), 1, dump.size(), stdout);
  } else {
    std::string out;
    if (!page.metadata.title.empty()) out = "# " + page.metadata.title + "\n\n";
    out += page.markdown;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return kExitSuccess;
}

// "<name>\t<url>" lines or a JSON object {name: url}.
std::map<std::string, std::string> LoadUrlMap(const std::string& path) {
  std::map<std::string, std::string> urls;
  if (path.empty()) return urls;
  const std::string data = ReadPageFile(path);
  const auto json = nlohmann::json::parse(data, nullptr, false);
  if (json.is_object()) {
    for (const auto& [name, url] : json.items()) {
      if (url.is_string()) urls[name] = url.get<std::string>();
    }
    return urls;
  }
  size_t start = 0;
  int line_number = 0;
  while (start < data.size()) {
    size_t end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    const std::string line = data.substr(start, end - start);
    ++line_number;
    start = end + 1;
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      throw Error(ErrorKind::kUsage, path + ":" + std::to_string(line_number) + ": expected '<name>\\t<url>'");
    }
    urls[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return urls;
}

int RunBatch(const ExtractArgs& args, const ExtractOptions& options) {
  const fs::path in_dir = args.batch[0];
  const fs::path out_dir = args.batch[1];
  if (!fs::is_directory(in_dir)) throw Error(ErrorKind::kUsage, in_dir.string() + ": not a directory");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) throw Error(ErrorKind::kIo, out_dir.string() + ": cannot create: " + ec.message());
  const auto urls = LoadUrlMap(args.urls_file);

  struct Job {
    fs::path path;
    std::string name;
  };
  std::vector<Job> jobs;
  for (const auto& entry : fs::directory_iterator(in_dir)) {
    const std::string file = entry.path().filename().string();
    for (const char* suffix : {".html.gz", ".htm.gz", ".html", ".htm"}) {
      const size_t n = std::strlen(suffix);
      if (file.size() > n && file.compare(file.size() - n, n, suffix) == 0) {
        jobs.push_back({entry.path(), file.substr(0, file.size() - n)});
        break;
      }
    }
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.name < b.name; });
  const std::string extension = args.format == "markdown" ? ".md" : ".txt";

  std::atomic<size_t> next{0};
  std::atomic<size_t> failed{0};
  std::atomic<size_t> bytes{0};
  std::mutex log_mutex;
  auto worker = [&] {
    while (true) {
      const size_t index = next.fetch_add(1);
      if (index >= jobs.size()) return;
      const Job& job = jobs[index];
      try {
        const std::string html = ReadPageFile(job.path.string());
        bytes += html.size();
        const auto url = urls.find(job.name);
        const std::string page_url = url == urls.end() ? std::string() : url->second;
        const ExtractedPage page = ExtractPage(html, page_url, options);
        WriteFile(out_dir / (job.name + extension), args.format == "markdown" ? page.markdown : page.text);
        WriteFile(out_dir / (job.name + ".json"),
                  PageJson(page, page_url).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      } catch (const std::exception& e) {
        ++failed;
        const std::lock_guard<std::mutex> lock(log_mutex);
        spdlog::error("{}: {}", job.path.string(), e.what());
      }
    }
  };
  const auto started = std::chrono::steady_clock::now();
  unsigned threads = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, jobs.size())));
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (auto& thread : pool) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("extracted {} of {} pages ({:.1f} MB) in {:.2f} s on {} threads", jobs.size() - failed, jobs.size(),
               static_cast<double>(bytes) / 1e6, seconds, threads);
  return failed > 0 ? kExitPartialFailure : kExitSuccess;
}

int RunExtract(const ExtractArgs& args) {
  ExtractOptions options;
  options.links = args.links;
  options.images = args.images;
  if (!args.batch.empty()) {
    if (!args.file.empty()) throw Error(ErrorKind::kUsage, "give either FILE or --batch INDIR OUTDIR, not both");
    if (args.format == "json") throw Error(ErrorKind::kUsage, "--batch writes .json metadata already; use --format text|markdown");
    return RunBatch(args, options);
  }
  if (args.file.empty()) throw Error(ErrorKind::kUsage, "extract: give a FILE or --batch INDIR OUTDIR");
  return RunSingle(args, options);
}

void AddExtractCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* extract = root.add_subcommand("extract", "Extract metadata and main content (Markdown/text) from saved HTML pages");
  extract->add_option("file", args->file, "A saved page (.html or .html.gz)")->check(CLI::ExistingFile);
  extract->add_option("--url", args->url, "The page's URL (resolves links, canonical URL fallback)");
  CLI::Option* format =
      extract->add_option("--format", args->format, "Output: markdown (default), text or json; batch: text (default) or markdown")
          ->check(CLI::IsMember({"markdown", "text", "json"}));
  extract->add_option("--batch", args->batch, "INDIR OUTDIR: every INDIR/<name>.html[.gz] to OUTDIR/<name>.txt|.md + .json")
      ->expected(2);
  extract->add_option("--urls", args->urls_file, "Batch: page URLs, '<name>\\t<url>' lines or a JSON object");
  extract->add_option("-j,--jobs", args->jobs, "Batch: worker threads (default: one per core)")->check(CLI::Range(1, 256));
  extract->add_flag("--links", args->links, "Keep links in the Markdown");
  extract->add_flag("--images", args->images, "Keep images in the Markdown");
  extract->callback([args, format, &context] {
    if (!args->batch.empty() && format->count() == 0) args->format = "text";  // the batch default
    context.run = [args] { return RunExtract(*args); };
  });
}

const CommandRegistrar kRegisterExtract(40, AddExtractCommand);

}  // namespace

}  // namespace llmtwin::cli
