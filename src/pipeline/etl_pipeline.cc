#include "pipeline/etl_pipeline.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "common/redact.h"
#include "common/stage_cpu.h"
#include "crawl/crawler.h"
#include "domain/hash.h"
#include "domain/link.h"
#include "domain/names.h"
#include "domain/url.h"
#include "fetch/fetcher.h"
#include "pipeline/import_exports.h"
#include "pipeline/interrupt.h"
#include "pipeline/run_record.h"
#include "pipeline/index_duplicates.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
namespace {

using WallClock = std::chrono::steady_clock;

double SecondsSince(WallClock::time_point start) {
  return std::chrono::duration<double>(WallClock::now() - start).count();
}

// A link as it may be stored and shown: credentials given inside it (https://user:pass@host/)
// are used for the request but never stored in a document or a run record.
std::string WithoutCredentials(const std::string& link) {
  auto url = ParseUrl(link);
  if (!url || (url->user.empty() && url->password.empty())) return link;
  return url->ToString(false);
}

void Count(DomainCounts& c, const std::string& outcome) {
  ++c.total;
  if (outcome == "stored" || outcome == "updated") ++c.stored;
  else if (outcome == "unchanged") ++c.unchanged;
  else if (outcome == "skipped-duplicate") ++c.skipped_duplicate;
  else if (outcome == "skipped") ++c.skipped;
  else ++c.failed;  // failed, cancelled
}

Json LinkRecord(const std::string& run_id, size_t index, const LinkOutcome& o) {
  Json j = {{"_id", run_id + ":" + std::to_string(index)},
            {"run_id", run_id},
            {"index", index},
            {"link", o.link},
            {"normalized_link", o.normalized},
            {"domain", o.domain},
            {"outcome", o.outcome},
            {"crawler", o.crawler},
            {"seconds", o.seconds},
            {"document_ids", o.document_ids}};
  if (!o.duplicates.empty()) j["duplicates"] = o.duplicates;
  if (!o.error_category.empty()) j["error_category"] = o.error_category;
  if (!o.message.empty()) j["message"] = o.message;
  return j;
}

// Fills what the pipeline (not the crawler) knows into a crawled document and stores it.
template <class D>
std::string StoreDocument(warehouse::Warehouse& warehouse, warehouse::DuplicateIndex& duplicates, D& doc,
                          const UserDocument& user, const std::string& run_id, const NormalizedLink& link,
                          const CrawlOutcome& outcome, std::string& result, Json& found) {
  doc.author_id = user.id;
  doc.author_full_name = user.FullName();
  doc.meta.run_id = run_id;
  if (doc.meta.crawled_at.empty()) doc.meta.crawled_at = NowIso8601();
  if (doc.meta.etag.empty()) doc.meta.etag = outcome.etag;
  if (doc.meta.last_modified.empty()) doc.meta.last_modified = outcome.last_modified;
  if constexpr (std::is_same_v<D, PostDocument>) {
    if (!doc.link) doc.link = link.link();
    doc.link = WithoutCredentials(*doc.link);
  } else {
    if (doc.link.empty()) doc.link = link.link();
    doc.link = WithoutCredentials(doc.link);
  }
  // The crawled link's forms serve when the document keeps that link and the platform named no
  // other identity; Upsert works them out itself otherwise.
  const warehouse::UpsertResult r = [&] {
    const StageScope stage(Stage::kStorage);
    return warehouse.Upsert(doc, doc.meta.identity_link.empty() ? &link : nullptr);
  }();
  if (r.outcome != warehouse::UpsertOutcome::kUnchanged) {
    const StageScope stage(Stage::kDuplicates);
    IndexDuplicates(duplicates, D::kClass, doc.ToJson(), found);
  }
  // A run that stores several documents reports the strongest change.
  if (r.outcome == warehouse::UpsertOutcome::kInserted) result = "stored";
  else if (r.outcome == warehouse::UpsertOutcome::kUpdated && result != "stored") result = "updated";
  else if (result.empty()) result = "unchanged";
  return r.id;
}

// The stored document for a normalized link in any content collection, as JSON.
std::optional<Json> FindStored(warehouse::Warehouse& warehouse, const NormalizedLink& link) {
  const StageScope stage(Stage::kStorage);
  for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost, DocumentClass::kRepository}) {
    if (auto found = warehouse.FindByLink(cls, link)) return found;
  }
  return std::nullopt;
}

bool ProcessAlive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

}  // namespace

Json DomainCountsJson(const DomainCounts& c) {
  return Json{{"total", c.total},         {"successful", c.successful()}, {"stored", c.stored},
              {"unchanged", c.unchanged}, {"skipped_duplicate", c.skipped_duplicate}, {"skipped", c.skipped},
              {"failed", c.failed}};
}

DomainCounts CrawlStepResult::Totals() const {
  DomainCounts total;
  for (const auto& [domain, counts] : per_domain) total += counts;
  return total;
}

std::string CrawlStepResult::Status() const {
  if (interrupted) return "interrupted";
  if (failed > 0) return Totals().successful() > 0 ? "partial" : "failed";
  return "succeeded";
}

std::string LinkDomain(const std::string& link) {
  auto url = ParseHttpUrl(link);
  if (!url) return "invalid";
  return url->port ? url->host + ":" + std::to_string(url->port) : url->host;
}

EtlPipeline::EtlPipeline(warehouse::Warehouse& warehouse, const CrawlerDispatcher& dispatcher, Fetcher& fetcher)
    : warehouse_(warehouse),
      dispatcher_(dispatcher),
      fetcher_(fetcher),
      duplicates_(std::make_unique<warehouse::DuplicateIndex>(warehouse)) {}

EtlPipeline::~EtlPipeline() = default;

UserStepResult EtlPipeline::GetOrCreateUser(const std::string& user_full_name) {
  const PersonName name = SplitFullName(user_full_name);
  UserStepResult result;
  const size_t before = warehouse_.Count<UserDocument>(
      warehouse::Query().Where("first_name", name.first_name).Where("last_name", name.last_name));
  result.user = warehouse_.GetOrCreateUser(name.first_name, name.last_name);
  result.created = before == 0;
  result.metadata = {{"query", {{"user_full_name", user_full_name}}},
                     {"retrieved",
                      {{"user_id", result.user.id},
                       {"first_name", result.user.first_name},
                       {"last_name", result.user.last_name}}}};
  spdlog::info("get_or_create_user: {} user {} ({})", result.created ? "created" : "found", result.user.FullName(),
               result.user.id);
  return result;
}

LinkOutcome EtlPipeline::CrawlOne(const std::string& link, const UserDocument& user, const EtlRequest& request,
                                  const RunOptions& options, const std::string& run_id) {
  const auto start = WallClock::now();
  LinkOutcome o;
  o.link = WithoutCredentials(link);
  // Normalised once: the duplicate check, the lookups and the store all use these forms.
  const NormalizedLink normalized = NormalizedLink::Of(o.link);
  o.normalized = normalized.normalized();
  o.domain = LinkDomain(link);
  o.crawler = dispatcher_.CrawlerNameFor(link);
  try {
    CrawlContext ctx{fetcher_, request.crawl, AuthorRef{user.id, user.FullName()}, run_id, "", ""};
    if (auto stored = FindStored(warehouse_, normalized)) {
      if (!options.refresh) {
        o.outcome = "unchanged";
        o.message = "already stored";
        o.document_ids.push_back(stored->value("_id", ""));
        o.seconds = SecondsSince(start);
        return o;
      }
      ctx.if_none_match = stored->value("etag", "");
      ctx.if_modified_since = stored->value("last_modified", "");
    }
    CrawlOutcome crawled = [&] {
      const StageScope stage(Stage::kCrawlerRules);
      return dispatcher_.Crawl(link, ctx);
    }();
    if (!crawled.crawler.empty()) o.crawler = crawled.crawler;
    o.error_category = crawled.error_category;
    o.message = RedactSecrets(crawled.message);
    switch (crawled.status) {
      case CrawlStatus::kCrawled: {
        std::string result;
        for (auto& doc : crawled.articles) o.document_ids.push_back(StoreDocument(warehouse_, *duplicates_, doc, user, run_id, normalized, crawled, result, o.duplicates));
        for (auto& doc : crawled.posts) o.document_ids.push_back(StoreDocument(warehouse_, *duplicates_, doc, user, run_id, normalized, crawled, result, o.duplicates));
        for (auto& doc : crawled.repositories) o.document_ids.push_back(StoreDocument(warehouse_, *duplicates_, doc, user, run_id, normalized, crawled, result, o.duplicates));
        if (result.empty()) {
          o.outcome = "failed";
          o.error_category = "parse";
          o.message = "the crawler found no document on the page";
        } else {
          o.outcome = result;
        }
        break;
      }
      case CrawlStatus::kUnchanged: o.outcome = "unchanged"; break;
      case CrawlStatus::kSkipped: o.outcome = "skipped"; break;
      case CrawlStatus::kFailed:
        o.outcome = crawled.error_category == "cancelled" ? "cancelled" : "failed";
        break;
    }
  } catch (const Error& e) {
    o.outcome = "failed";
    o.error_category = std::string(ErrorKindName(e.kind()));
    o.message = RedactSecrets(e.what());
  } catch (const std::exception& e) {
    o.outcome = "failed";
    o.error_category = "internal";
    o.message = RedactSecrets(e.what());
  }
  o.seconds = SecondsSince(start);
  return o;
}

CrawlStepResult EtlPipeline::CrawlLinks(const UserDocument& user, const EtlRequest& request, const RunOptions& options,
                                        const std::string& run_id) {
  CrawlStepResult result;
  // Links from `sources` are discovered first and appended, in order, after the configured links.
  std::vector<std::string> links = request.links;
  for (const auto& source : request.sources) {
    CrawlContext ctx{fetcher_, request.crawl, AuthorRef{user.id, user.FullName()}, run_id, "", ""};
    try {
      auto found = dispatcher_.Discover(source, ctx);
      spdlog::info("discovered {} links from {}", found.size(), source);
      links.insert(links.end(), found.begin(), found.end());
    } catch (const std::exception& e) {
      spdlog::warn("discovery failed for {}: {}", source, e.what());
    }
  }
  if (!request.shard.IsWhole()) {
    ValidateShard(request.shard);
    const size_t all = links.size();
    links = LinksOfShard(links, request.shard);
    spdlog::info("crawl_links: shard {} takes {} of {} link(s) (by host)", request.shard.ToString(), links.size(), all);
  }
  spdlog::info("crawl_links: {} link(s) for {}", links.size(), user.FullName());

  // Duplicates after normalisation (and the same post under two addresses a link itself tells,
  // such as a Medium story's) are decided up front, so the count never depends on timing.
  std::vector<bool> duplicate(links.size(), false);
  {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < links.size(); ++i) duplicate[i] = !seen.insert(NormalizedLink::Of(links[i]).key()).second;
  }

  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::pair<size_t, LinkOutcome>> done;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  const int workers = std::max(1, options.link_workers > 0 ? options.link_workers
                                                         : std::min({request.crawl.concurrency, 32, static_cast<int>(links.size())}));
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (;;) {
        if (stop.load()) return;
        const size_t i = next.fetch_add(1);
        if (i >= links.size()) return;
        LinkOutcome o;
        if (duplicate[i]) {
          o.link = WithoutCredentials(links[i]);
          o.normalized = NormalizeUrl(links[i]).value_or(links[i]);
          o.domain = LinkDomain(links[i]);
          o.crawler = dispatcher_.CrawlerNameFor(links[i]);
          o.outcome = "skipped-duplicate";
          o.message = "the same link (after normalisation) appears earlier in this run";
        } else {
          o = CrawlOne(links[i], user, request, options, run_id);
        }
        std::lock_guard lock(mu);
        done.emplace_back(i, std::move(o));
        cv.notify_one();
      }
    });
  }

  ProgressReporter progress(static_cast<int>(links.size()), options.progress_bar);
  size_t finished = 0;
  // Link records the warehouse refused (it was down for a while): written as soon as a later
  // write succeeds, and once more at the end, so every link's fate reaches the run record.
  std::vector<Json> unrecorded;
  // The records of the links finished since the last wake-up, written together: a new run's
  // records are new, so one insert of them all (one transaction on SQLite; on FerretDB 1.24 an
  // upsert of an absent document scans the collection, a batched insert does not). When that
  // fails (a record exists already, or the warehouse is down), record by record.
  auto record_links = [&](const std::vector<Json>& records) {
    const StageScope stage(Stage::kRunRecords);
    std::vector<Json> pending = std::move(unrecorded);
    unrecorded.clear();
    pending.insert(pending.end(), records.begin(), records.end());
    if (pending.empty()) return;
    try {
      warehouse_.InsertAllJson(kRunLinksCollection, pending);
      return;
    } catch (const std::exception& e) {
      spdlog::debug("link records written one by one: {}", e.what());
    }
    std::string refusal;  // once a record is refused, the next ones wait for the next batch
    for (const Json& record : pending) {
      if (refusal.empty()) {
        try {
          warehouse_.ReplaceJson(kRunLinksCollection, record);
          continue;
        } catch (const std::exception& e) {
          refusal = e.what();
        }
      }
      spdlog::warn("cannot record the outcome of {} yet: {}", record.value("link", ""), refusal);
      unrecorded.push_back(record);
    }
  };
  auto consume = [&](std::deque<std::pair<size_t, LinkOutcome>>& batch) {
    std::vector<Json> records;
    records.reserve(batch.size());
    for (auto& [index, o] : batch) {
      ++finished;
      Count(result.per_domain[o.domain], o.outcome);
      result.duplicates_found += static_cast<int>(o.duplicates.size());
      if (o.outcome == "failed" || o.outcome == "cancelled") {
        ++result.failed;
        spdlog::warn("{}: {} [{}] {}", o.link, o.outcome, o.error_category, o.message);
      } else {
        spdlog::debug("{}: {} ({:.2f}s)", o.link, o.outcome, o.seconds);
      }
      records.push_back([&] {
        const StageScope stage(Stage::kRunRecords);
        return LinkRecord(run_id, options.first_link_index + index, o);
      }());
    }
    record_links(records);
    std::size_t done_before = finished - batch.size();
    for (const Json& record : records) {
      if (options.on_link) options.on_link(record);
      progress.Update(static_cast<int>(++done_before), result.failed, record.value("link", ""));
    }
    batch.clear();
  };
  while (finished < links.size()) {
    std::deque<std::pair<size_t, LinkOutcome>> batch;
    {
      std::unique_lock lock(mu);
      cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return !done.empty(); });
      batch.swap(done);
    }
    consume(batch);
    if (InterruptGuard::Requested()) {
      // Ctrl-C: no new links start, transfers in flight end as cancelled, and links never started
      // are simply not recorded; the run is recorded as interrupted.
      spdlog::warn("interrupted: cancelling transfers, recording the run as interrupted");
      result.interrupted = true;
      stop.store(true);
      fetcher_.CancelAll();
      for (auto& t : pool) t.join();
      std::lock_guard lock(mu);
      consume(done);
      break;
    }
  }
  for (auto& t : pool)
    if (t.joinable()) t.join();
  progress.Finish();
  ReconcileDuplicates(*duplicates_);
  for (const Json& record : unrecorded) {
    try {
      warehouse_.ReplaceJson(kRunLinksCollection, record);
    } catch (const std::exception& e) {
      spdlog::error("cannot record the outcome of {}: {}", record.value("link", ""), e.what());
    }
  }

  result.metadata = Json::object();
  result.llmtwin_metadata = Json::object();
  for (const auto& [domain, counts] : result.per_domain) {
    result.metadata[domain] = {{"successful", counts.successful()}, {"total", counts.total}};
    result.llmtwin_metadata[domain] = DomainCountsJson(counts);
  }
  return result;
}

int EtlPipeline::MarkAbandonedRuns() {
  int marked = 0;
  const std::string host = HostName();
  for (Json run : warehouse_.FindJson(kRunsCollection, warehouse::Query().Where("status", "running"))) {
    if (run.value("host", "") != host || ProcessAlive(run.value("pid", 0L))) continue;
    run["status"] = "killed";
    run["ended_at"] = run.value("updated_at", run.value("started_at", ""));
    warehouse_.ReplaceJson(kRunsCollection, run);
    ++marked;
  }
  if (marked) spdlog::info("marked {} run(s) left running by a killed process as killed", marked);
  return marked;
}

std::map<std::string, DomainCounts> RunReport::PerDomainAndKind() const {
  std::map<std::string, DomainCounts> all = crawl.per_domain;
  for (const auto& [kind, counts] : imports.per_kind) all[kind] += counts;
  return all;
}

RunReport EtlPipeline::Run(const EtlRequest& request, const RunOptions& options_in) {
  ValidateShard(request.shard);
  RunOptions options = options_in;
  // Exports are read whole before anything is written: a bad one leaves the warehouse as it was.
  // A sharded run imports them in shard 0 only: K workers started together import them once.
  const bool imports = !request.exports.empty() && request.shard.index == 0;
  size_t export_items = options.validated_export_items.value_or(0);
  if (imports && !options.validated_export_items) {
    for (size_t n : ValidateExports(request.exports)) export_items += n;
  }
  RunReport report;
  report.run_id = NewDocumentId();
  MarkAbandonedRuns();
  RunRecord run(warehouse_, report.run_id, request, options.refresh);
  spdlog::info("run {} started ({}{})", report.run_id, warehouse_.Describe(),
               request.shard.IsWhole() ? "" : ", shard " + request.shard.ToString());

  // Step 1: get_or_create_user. A failure here ends the run (nothing can be attributed).
  std::string started = NowIso8601();
  auto t0 = WallClock::now();
  try {
    report.user = GetOrCreateUser(request.user_full_name);
  } catch (const std::exception& e) {
    run.AddStep("get_or_create_user", started, SecondsSince(t0), "failed", {{"error", e.what()}});
    run.Finish("failed");
    throw;
  }
  run.AddStep("get_or_create_user", started, SecondsSince(t0), "completed", {{"user", report.user.metadata}});

  // Step 2: import_exports (only when the request names exports).
  if (imports) {
    started = NowIso8601();
    t0 = WallClock::now();
    report.imports =
        ImportExports(warehouse_, report.user.user, request.exports, options, report.run_id, export_items, duplicates_.get());
    DomainCounts imported;
    for (const auto& [kind, counts] : report.imports.per_kind) imported += counts;
    run.SetDuplicatesFound("import_exports", report.imports.duplicates_found);
    run.AddStep("import_exports", started, SecondsSince(t0), report.imports.interrupted ? "interrupted" : "completed",
                {{"imported", report.imports.metadata}}, &imported);
    options.first_link_index = export_items;
  }

  // Step 3: crawl_links (skipped by an import that names no links).
  const bool crawl =
      !report.imports.interrupted && (!request.links.empty() || !request.sources.empty() || request.exports.empty());
  if (crawl) {
    started = NowIso8601();
    t0 = WallClock::now();
    report.crawl = CrawlLinks(report.user.user, request, options, report.run_id);
    run.AddCrawlStep(report.crawl, started, SecondsSince(t0));
  }
  DomainCounts totals = report.crawl.Totals();
  for (const auto& [kind, counts] : report.imports.per_kind) totals += counts;
  report.status = report.crawl.Status();
  if (report.status == "succeeded" && report.imports.failed > 0)
    report.status = totals.successful() > 0 ? "partial" : "failed";
  if (report.imports.interrupted) report.status = "interrupted";
  run.SetUser(report.user.user.id);
  run.Finish(report.status);
  spdlog::info("run {} {}", report.run_id, report.status);
  return report;
}

}  // namespace llmtwin
