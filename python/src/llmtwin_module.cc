// llmtwin._core: the C++ engine of llmtwin as a Python extension module (pybind11).
//
// Python users of the book orchestrate with ZenML; this module lets them run our engine there
// in-process (no subprocess, no CLI output to parse): the ETL from a config or from
// (user_full_name, links), its two steps on their own (get_or_create_user, crawl_links: what the
// ZenML steps of llmtwin.zenml call), ad-hoc crawls, and warehouse queries. The Python-facing API
// with its docstrings is llmtwin/__init__.py; this file only converts values and errors.
//
// Conventions at the boundary:
//  - Results are plain Python values (dict, list, str, int, float, bool, None) converted from the
//    engine's JSON, so they can become ZenML metadata, be pickled, or be dumped as JSON as they are.
//  - llmtwin::Error becomes llmtwin.errors.<Kind>Error (a subclass of llmtwin.Error) with the
//    engine's category in `.kind` and its message; DuplicateKeyError stays distinguishable.
//  - Anything that may wait (a crawl, a query to a database that may take seconds to answer)
//    runs with the GIL released, so other Python threads keep running; the per-link callback
//    takes the GIL back only for the call.
//  - Ctrl-C during a crawl started from the main thread stops it the way the CLI does (transfers
//    cancelled, the run recorded as interrupted) and then raises llmtwin.InterruptedError: Python's
//    own handler cannot run while the main thread is inside C++, so the engine's guard is
//    installed for the duration of the crawl and the previous handler restored afterwards.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/crawl_options.h"
#include "common/error.h"
#include "common/log.h"
#include "crawl/crawler.h"
#include "domain/documents.h"
#include "domain/hash.h"
#include "domain/names.h"
#include "domain/url.h"
#include "fetch/fetcher.h"
#include "llmtwin/version.h"
#include "pipeline/config.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/import_exports.h"
#include "pipeline/interrupt.h"
#include "pipeline/run_record.h"
#include "pipeline/shard.h"
#include "warehouse/dataset_export.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/export_import.h"
#include "warehouse/warehouse.h"

namespace py = pybind11;

namespace llmtwin::python {
namespace {

using WarehousePtr = std::shared_ptr<warehouse::Warehouse>;

// ---- JSON <-> Python values ----

std::string TypeName(py::handle value) { return Py_TYPE(value.ptr())->tp_name; }

// Text from the engine is UTF-8; a stray invalid byte must not make a whole result unreadable.
py::str Utf8(const std::string& text) {
  PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (!decoded) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(decoded);
}

py::object ToPython(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: return py::none();
    case Json::value_t::boolean: return py::bool_(value.get<bool>());
    case Json::value_t::number_integer: return py::int_(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return py::int_(value.get<std::uint64_t>());
    case Json::value_t::number_float: return py::float_(value.get<double>());
    case Json::value_t::string: return Utf8(value.get_ref<const std::string&>());
    case Json::value_t::binary: {
      const auto& bytes = value.get_binary();
      return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
    case Json::value_t::array: {
      py::list list;
      for (const Json& item : value) list.append(ToPython(item));
      return list;
    }
    case Json::value_t::object: {
      py::dict dict;  // insertion-ordered, so the book's key order survives
      for (const auto& [key, item] : value.items()) dict[Utf8(key)] = ToPython(item);
      return dict;
    }
  }
  return py::none();
}

py::list ToPythonList(const std::vector<Json>& values) {
  py::list list;
  for (const Json& value : values) list.append(ToPython(value));
  return list;
}

Json FromPython(py::handle value) {
  if (value.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();  // before int: bool is an int
  if (py::isinstance<py::int_>(value)) return value.cast<std::int64_t>();
  if (py::isinstance<py::float_>(value)) return value.cast<double>();
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::dict>(value)) {
    Json object = Json::object();
    for (auto [key, item] : value.cast<py::dict>()) object[py::str(key).cast<std::string>()] = FromPython(item);
    return object;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    Json array = Json::array();
    for (py::handle item : value) array.push_back(FromPython(item));
    return array;
  }
  throw py::type_error("cannot convert a " + TypeName(value) +
                       " to JSON (expected dict, list, str, int, float, bool or None)");
}

// ---- Crawl options: the `crawl:` block of a config, as a dict ----

// A Python value as the text SetCrawlOption parses, so Python and YAML share one validator.
std::string OptionText(const std::string& key, py::handle value) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) || py::isinstance<py::str>(value))
    return py::str(value).cast<std::string>();
  throw Error(ErrorKind::kUsage, "crawl." + key + ": expected a string, number or bool, got a " +
                                     TypeName(value));
}

// `base` with the options of `overrides` (a dict of crawl option names to values) applied; a list
// option given in `overrides` replaces the base list, as a config's list replaces the default.
CrawlOptions ApplyCrawlOverrides(CrawlOptions base, py::handle overrides) {
  if (overrides.is_none()) return base;
  if (!py::isinstance<py::dict>(overrides)) throw py::type_error("crawl options must be a dict, e.g. {'min_delay_ms': 0}");
  for (auto [key_handle, value] : overrides.cast<py::dict>()) {
    const std::string key = py::str(key_handle).cast<std::string>();
    switch (CrawlOptionKindOf(key)) {
      case CrawlOptionKind::kUnknown: throw Error(ErrorKind::kUsage, "unknown crawl option '" + key + "'");
      case CrawlOptionKind::kList: {
        ClearCrawlList(base, key);
        if (value.is_none()) break;
        if (py::isinstance<py::str>(value)) {
          SetCrawlOption(base, key, value.cast<std::string>());
        } else {
          for (py::handle item : value) SetCrawlOption(base, key, OptionText(key, item));
        }
        break;
      }
      case CrawlOptionKind::kScalar:
        if (!value.is_none()) SetCrawlOption(base, key, OptionText(key, value));
        break;
    }
  }
  return base;
}

py::dict CrawlOptionsToPython(const CrawlOptions& o) {
  py::dict d;
  d["user_agent"] = o.user_agent;
  d["concurrency"] = o.concurrency;
  d["per_host_connections"] = o.per_host_connections;
  d["min_delay_ms"] = o.min_delay_ms;
  d["crawl_delay_cap_s"] = o.crawl_delay_cap_s;
  d["respect_robots"] = o.respect_robots;
  d["connect_timeout_s"] = o.connect_timeout_s;
  d["timeout_s"] = o.timeout_s;
  d["low_speed_limit_bytes"] = o.low_speed_limit_bytes;
  d["low_speed_time_s"] = o.low_speed_time_s;
  d["max_body_bytes"] = o.max_body_bytes;
  d["max_redirects"] = o.max_redirects;
  d["retries"] = o.retries;
  d["backoff_base_ms"] = o.backoff_base_ms;
  d["backoff_max_ms"] = o.backoff_max_ms;
  d["connect_to"] = o.connect_to;
  d["cacert"] = o.cacert;
  d["proxy"] = o.proxy;
  d["allow_private_addresses"] = o.allow_private_addresses;
  d["skip_paywalled"] = o.skip_paywalled;
  d["include_forks"] = o.include_forks;
  d["max_repo_file_bytes"] = o.max_repo_file_bytes;
  return d;
}

// An export as the config's `exports:` entries write it.
Json ExportSpecToJson(const ExportSpec& spec) {
  Json j = {{"kind", spec.kind}, {"path", spec.path}};
  if (spec.options.include_drafts) j["include_drafts"] = true;
  if (spec.options.skip_responses) j["skip_responses"] = true;
  if (spec.options.skip_replies) j["skip_replies"] = true;
  if (!spec.options.publication_url.empty()) j["publication_url"] = spec.options.publication_url;
  if (!spec.options.handle.empty()) j["handle"] = spec.options.handle;
  return j;
}

// {kind, path, include_drafts, skip_responses, skip_replies, publication_url, handle} -> ExportSpec;
// Error(kUsage) naming an unknown key or kind.
ExportSpec ExportSpecFromJson(const Json& j) {
  if (!j.is_object()) throw Error(ErrorKind::kUsage, "an export must be a dict {kind, path, ...}, got " + j.dump());
  ExportSpec spec;
  for (const auto& [key, value] : j.items()) {
    auto text = [&] {
      if (!value.is_string()) throw Error(ErrorKind::kUsage, "export option '" + key + "' must be a string");
      return value.get<std::string>();
    };
    auto flag = [&] {
      if (!value.is_boolean()) throw Error(ErrorKind::kUsage, "export option '" + key + "' must be True or False");
      return value.get<bool>();
    };
    if (key == "kind") spec.kind = text();
    else if (key == "path") spec.path = text();
    else if (key == "include_drafts") spec.options.include_drafts = flag();
    else if (key == "skip_responses") spec.options.skip_responses = flag();
    else if (key == "skip_replies") spec.options.skip_replies = flag();
    else if (key == "publication_url") spec.options.publication_url = text();
    else if (key == "handle") spec.options.handle = text();
    else
      throw Error(ErrorKind::kUsage, "unknown export option '" + key +
                                         "' (known: kind, path, include_drafts, skip_responses, skip_replies, "
                                         "publication_url, handle)");
  }
  MakeExportReader(spec.kind);  // names the known kinds when this one is not
  if (spec.path.empty()) throw Error(ErrorKind::kUsage, "an export needs a path (its zip or folder)");
  return spec;
}

std::vector<ExportSpec> ExportsFromPython(py::handle exports) {
  std::vector<ExportSpec> specs;
  const Json list = FromPython(exports);
  if (!list.is_array()) throw py::type_error("exports must be a list of dicts {kind, path, ...}");
  for (const Json& item : list) specs.push_back(ExportSpecFromJson(item));
  return specs;
}

py::dict ImportStepToPython(const ImportStepResult& imports) {
  py::dict d;
  d["metadata"] = ToPython(imports.metadata);
  d["failed"] = imports.failed;
  return d;
}

py::dict ConfigToPython(const EtlConfig& config) {
  py::dict d;
  d["path"] = config.path;
  d["user_full_name"] = config.user_full_name;
  d["links"] = config.links;
  d["sources"] = config.sources;
  Json exports = Json::array();
  for (const ExportSpec& spec : config.exports) exports.push_back(ExportSpecToJson(spec));
  d["exports"] = ToPython(exports);
  d["crawl"] = CrawlOptionsToPython(config.crawl);
  d["warehouse"] = config.warehouse.empty() ? py::object(py::none()) : py::object(py::str(config.warehouse));
  d["warnings"] = config.warnings;
  d["text"] = Utf8(config.text);  // hashed into run records
  return d;
}

// ---- Warehouses ----

WarehousePtr OpenWarehouseReleasingGil(const std::string& uri) {
  py::gil_scoped_release release;
  return WarehousePtr(warehouse::OpenWarehouse(uri));
}

// A Warehouse object as it is, or a URI (None/"" = the environment's default) opened now.
WarehousePtr ResolveWarehouse(py::handle warehouse) {
  if (warehouse.is_none()) return OpenWarehouseReleasingGil("");
  if (py::isinstance<warehouse::Warehouse>(warehouse)) return warehouse.cast<WarehousePtr>();
  if (py::isinstance<py::str>(warehouse)) return OpenWarehouseReleasingGil(warehouse.cast<std::string>());
  if (py::hasattr(warehouse, "__fspath__")) return OpenWarehouseReleasingGil("sqlite:" + py::str(warehouse).cast<std::string>());
  throw py::type_error("warehouse must be a URI string, a path, an llmtwin.Warehouse or None");
}

DocumentClass ParseClassOrThrow(const std::string& name) {
  auto cls = ParseDocumentClass(name);
  if (!cls)
    throw Error(ErrorKind::kUsage, "unknown document class '" + name +
                                       "' (expected users, articles, posts or repositories, or their class names)");
  return *cls;
}

// The filters every document query of the Python API accepts, as a warehouse Query.
warehouse::Query DocumentQuery(DocumentClass cls, const std::optional<std::string>& author,
                               const std::optional<std::string>& author_id, const std::optional<std::string>& platform,
                               const std::optional<std::string>& link, std::size_t limit, std::size_t skip) {
  warehouse::Query query = link ? warehouse::Warehouse::ByLink(*link) : warehouse::Query();
  if (author) {
    if (cls == DocumentClass::kUser) {
      // Users have no author field: the author *is* the user, found by the book's name split.
      const PersonName name = SplitFullName(*author);
      query.Where("first_name", name.first_name).Where("last_name", name.last_name);
    } else {
      query.Where("author_full_name", *author);
    }
  }
  if (author_id) query.Where(cls == DocumentClass::kUser ? "_id" : "author_id", *author_id);
  if (platform) query.Where("platform", *platform);
  query.Skip(skip).Limit(limit);
  return query;
}

// ---- Pipeline runs ----

UserDocument UserFromPython(py::handle user) {
  Json json;
  if (py::isinstance<py::dict>(user)) {
    json = FromPython(user);
  } else if (py::hasattr(user, "model_dump")) {  // a pydantic model (llmtwin.zenml.UserDocument)
    json = FromPython(user.attr("model_dump")());
  } else {
    throw py::type_error("user must be a dict with _id, first_name and last_name (as get_or_create_user returns)");
  }
  // The engine's form is the book's ("_id"); accept the Python spellings too.
  for (const char* alias : {"id", "user_id"}) {
    if (!json.contains("_id") && json.contains(alias)) json["_id"] = json[alias];
    json.erase(alias);
  }
  return UserDocument::FromJson(json);
}

py::dict UserStepToPython(const UserStepResult& step) {
  py::dict d;
  d["user"] = ToPython(step.user.ToJson());
  d["created"] = step.created;
  d["metadata"] = ToPython(step.metadata);
  return d;
}

// What a crawl needs from Python, gathered while the GIL is held.
struct CrawlCall {
  WarehousePtr warehouse;
  EtlRequest request;
  RunOptions options;
  py::object on_link;                // None or a callable(link_record: dict)
  std::vector<Json> link_records;    // every link's record, for the result
};

// The per-link hook: keeps the record for the result and calls the Python callback, taking the
// GIL only for the call. A failing callback must not abort a crawl half-way through storing
// documents, so its exception is reported like an exception in a __del__ (sys.unraisablehook).
void InstallLinkHook(CrawlCall& call) {
  call.options.on_link = [&call](const Json& record) {
    call.link_records.push_back(record);
    if (call.on_link.is_none()) return;
    py::gil_scoped_acquire acquire;
    try {
      call.on_link(ToPython(record));
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("llmtwin on_link callback");
    }
  };
}

// Runs `body` with the GIL released and, on the main thread, with the engine's Ctrl-C guard.
template <class Body>
void RunCrawl(Body&& body) {
  const bool main_thread =
      py::module_::import("threading").attr("current_thread")().is(py::module_::import("threading").attr("main_thread")());
  py::gil_scoped_release release;
  InterruptGuard::Reset();
  if (main_thread) {
    InterruptGuard guard;
    body();
  } else {
    body();
  }
}

py::list LinkRecordsToPython(const std::vector<Json>& records) { return ToPythonList(records); }

py::dict CrawlStepToPython(const std::string& run_id, const std::string& status, const std::vector<std::string>& links,
                           const CrawlStepResult& crawl, const std::vector<Json>& records) {
  py::dict d;
  d["run_id"] = run_id;
  d["status"] = status;
  d["crawled_links"] = links;
  d["metadata"] = ToPython(crawl.metadata);
  d["llmtwin_metadata"] = ToPython(crawl.llmtwin_metadata);
  d["failed"] = crawl.failed;
  d["interrupted"] = crawl.interrupted;
  d["links"] = LinkRecordsToPython(records);
  return d;
}

[[noreturn]] void ThrowInterrupted(const std::string& run_id, const std::vector<Json>& records) {
  throw Error(ErrorKind::kInterrupted, "run " + run_id + " interrupted after " + std::to_string(records.size()) +
                                           " link(s); it is recorded as interrupted in the warehouse");
}

EtlRequest MakeRequest(const std::string& user_full_name, const std::vector<std::string>& links,
                       const std::vector<std::string>& sources, const CrawlOptions& crawl, const std::string& config_path,
                       const std::string& config_text) {
  EtlRequest request;
  request.user_full_name = user_full_name;
  request.links = links;
  request.sources = sources;
  request.crawl = crawl;
  request.config_path = config_path;
  request.config_text = config_text;
  return request;
}

// The whole pipeline (both steps and the run record), as `llmtwin etl` runs it: from a config
// file (loaded here, so its crawl options reach the engine as they are, whatever fields they
// have) with the given values replacing the config's, or from the values alone.
py::dict RunEtl(py::handle warehouse, const std::string& config_path, std::optional<std::string> user_full_name,
                std::optional<std::vector<std::string>> links, std::optional<std::vector<std::string>> sources,
                py::handle exports, py::handle crawl, bool refresh, py::object on_link, int link_workers,
                bool raise_on_interrupt, const std::string& shard) {
  CrawlCall call;
  CrawlOptions base_options;
  std::string config_warehouse;
  if (!config_path.empty()) {
    EtlConfig config = LoadEtlConfig(config_path);
    for (const auto& warning : config.warnings) spdlog::warn("{}", warning);
    call.request = MakeRequest(config.user_full_name, config.links, config.sources, {}, config.path, config.text);
    call.request.exports = config.exports;
    base_options = config.crawl;
    config_warehouse = config.warehouse;
  }
  if (user_full_name) call.request.user_full_name = *user_full_name;
  if (links) call.request.links = *links;
  if (sources) call.request.sources = *sources;
  if (!exports.is_none()) call.request.exports = ExportsFromPython(exports);
  if (call.request.user_full_name.empty()) throw Error(ErrorKind::kUsage, "run_etl needs a config or a user_full_name");
  SplitFullName(call.request.user_full_name);  // throws InvalidInput for a blank name, before any run starts
  for (const auto& link : call.request.links) {
    std::string why;
    if (!ParseHttpUrl(link, &why)) throw Error(ErrorKind::kUsage, "link '" + link + "' " + why);
  }
  call.request.crawl = ApplyCrawlOverrides(base_options, crawl);
  if (!shard.empty()) call.request.shard = ParseShard(shard);
  // The argument wins over the config's `warehouse:`, which wins over the environment.
  call.warehouse = warehouse.is_none() ? OpenWarehouseReleasingGil(config_warehouse) : ResolveWarehouse(warehouse);
  call.options.refresh = refresh;
  call.options.link_workers = link_workers;
  call.on_link = std::move(on_link);
  InstallLinkHook(call);

  RunReport report;
  RunCrawl([&] {
    Fetcher fetcher(call.request.crawl);
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    EtlPipeline pipeline(*call.warehouse, dispatcher, fetcher);
    report = pipeline.Run(call.request, call.options);
  });
  if (report.status == "interrupted" && raise_on_interrupt) ThrowInterrupted(report.run_id, call.link_records);

  py::dict d;
  d["run_id"] = report.run_id;
  d["status"] = report.status;
  d["warehouse"] = call.warehouse->Describe();
  d["user"] = UserStepToPython(report.user);
  d["imports"] = ImportStepToPython(report.imports);
  d["crawl"] = CrawlStepToPython(report.run_id, report.status, LinksOfShard(call.request.links, call.request.shard),
                                 report.crawl, call.link_records);
  return d;
}

// `llmtwin import KIND PATH --author NAME`: one export as a run (get_or_create_user,
// import_exports) with its record. The export is read whole before the warehouse is opened.
py::dict ImportExport(py::handle warehouse, const std::string& kind, const std::string& path, const std::string& author,
                      py::handle options, py::object on_link) {
  CrawlCall call;
  Json spec = options.is_none() ? Json::object() : FromPython(options);
  if (!spec.is_object()) throw py::type_error("options must be a dict");
  spec["kind"] = kind;
  spec["path"] = path;
  call.request.user_full_name = author;
  call.request.exports = {ExportSpecFromJson(spec)};
  SplitFullName(author);
  size_t items = 0;
  {
    py::gil_scoped_release release;
    items = ValidateExports(call.request.exports).at(0);
  }
  call.warehouse = ResolveWarehouse(warehouse);
  call.options.validated_export_items = items;
  call.on_link = std::move(on_link);
  InstallLinkHook(call);
  RunReport report;
  RunCrawl([&] {
    Fetcher idle_fetcher{CrawlOptions{}};  // EtlPipeline's; an import fetches nothing
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    EtlPipeline pipeline(*call.warehouse, dispatcher, idle_fetcher);
    report = pipeline.Run(call.request, call.options);
  });
  py::dict d;
  d["run_id"] = report.run_id;
  d["status"] = report.status;
  d["warehouse"] = call.warehouse->Describe();
  d["user"] = UserStepToPython(report.user);
  d["imports"] = ImportStepToPython(report.imports);
  d["items"] = LinkRecordsToPython(call.link_records);
  return d;
}

// The import_exports step on its own (the ZenML pipeline's), recorded under `run_id` like crawl_links.
py::dict ImportExportsStep(py::handle warehouse, py::handle user, py::handle exports, std::string run_id,
                           py::object on_link, bool record_run, py::handle run_extra) {
  CrawlCall call;
  const UserDocument user_doc = UserFromPython(user);
  call.request.user_full_name = user_doc.FullName();
  call.request.exports = ExportsFromPython(exports);
  const Json extra = run_extra.is_none() ? Json::object() : FromPython(run_extra);
  if (!extra.is_object()) throw py::type_error("run_extra must be a dict");
  size_t items = 0;
  {
    py::gil_scoped_release release;
    for (size_t n : ValidateExports(call.request.exports)) items += n;
  }
  call.warehouse = ResolveWarehouse(warehouse);
  call.on_link = std::move(on_link);
  InstallLinkHook(call);
  if (run_id.empty()) run_id = NewDocumentId();
  ImportStepResult result;
  std::string status;
  RunCrawl([&] {
    warehouse::Warehouse& w = *call.warehouse;
    if (!w.Get<UserDocument>(user_doc.id))
      throw Error(ErrorKind::kNotFound, "user " + user_doc.id + " (" + user_doc.FullName() + ") is not in " +
                                            w.Describe() + ": run get_or_create_user on this warehouse first");
    std::optional<RunRecord> run;
    if (record_run) {
      Json fields = extra;
      fields["user_id"] = user_doc.id;
      run.emplace(w, run_id, call.request, /*refresh=*/false, fields, /*continues=*/true);
    }
    const auto started = std::chrono::steady_clock::now();
    const std::string step_started = NowIso8601();
    warehouse::DuplicateIndex duplicates(w);
    result = ImportExports(w, user_doc, call.request.exports, call.options, run_id, items, &duplicates);
    DomainCounts totals;
    for (const auto& [kind, counts] : result.per_kind) totals += counts;
    status = result.failed == 0 ? "succeeded" : totals.successful() > 0 ? "partial" : "failed";
    if (result.interrupted) status = "interrupted";
    if (run) {
      run->SetDuplicatesFound("import_exports", result.duplicates_found);
      run->AddStep("import_exports", step_started,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                   result.interrupted ? "interrupted" : "completed", {{"imported", result.metadata}}, &totals);
      run->Finish(status);
    }
  });
  py::dict d = ImportStepToPython(result);
  d["run_id"] = run_id;
  d["status"] = status;
  d["items"] = LinkRecordsToPython(call.link_records);
  return d;
}

// The get_or_create_user step on its own (the book's, with its output metadata).
py::dict GetOrCreateUserStep(py::handle warehouse, const std::string& user_full_name) {
  WarehousePtr w = ResolveWarehouse(warehouse);
  UserStepResult result;
  {
    py::gil_scoped_release release;
    // EtlPipeline is built from a warehouse, a dispatcher and a fetcher; this step only uses the
    // warehouse (the fetcher's event-loop thread idles for the call).
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    Fetcher idle_fetcher{CrawlOptions{}};
    EtlPipeline pipeline(*w, dispatcher, idle_fetcher);
    result = pipeline.GetOrCreateUser(user_full_name);
  }
  return UserStepToPython(result);
}

// The crawl_links step on its own. With `record_run`, it also keeps a run record (pipeline_runs,
// _id = run_id) as `llmtwin etl` does, so `llmtwin runs show` reads runs orchestrated elsewhere
// (ZenML) too; `run_extra` (a dict) is stored in that record (e.g. the orchestrator's run name).
py::dict CrawlLinksStep(py::handle warehouse, py::handle user, const std::vector<std::string>& links,
                        const std::vector<std::string>& sources, py::handle crawl, bool refresh, std::string run_id,
                        py::object on_link, int link_workers, bool record_run, py::handle run_extra,
                        const std::string& config_path, const std::string& config_text, bool raise_on_interrupt,
                        const std::string& shard) {
  CrawlCall call;
  call.warehouse = ResolveWarehouse(warehouse);
  const UserDocument user_doc = UserFromPython(user);
  call.request = MakeRequest(user_doc.FullName(), links, sources, ApplyCrawlOverrides(CrawlOptions{}, crawl),
                             config_path, config_text);
  if (!shard.empty()) call.request.shard = ParseShard(shard);
  call.options.refresh = refresh;
  call.options.link_workers = link_workers;
  call.on_link = std::move(on_link);
  InstallLinkHook(call);
  if (run_id.empty()) run_id = NewDocumentId();
  const Json extra = run_extra.is_none() ? Json::object() : FromPython(run_extra);
  if (!extra.is_object()) throw py::type_error("run_extra must be a dict");

  CrawlStepResult result;
  RunCrawl([&] {
    warehouse::Warehouse& w = *call.warehouse;
    // Documents must point at a user of this warehouse: a user from another warehouse (or a
    // cached step of a wiped one) would leave author_id dangling.
    if (!w.Get<UserDocument>(user_doc.id))
      throw Error(ErrorKind::kNotFound, "user " + user_doc.id + " (" + user_doc.FullName() + ") is not in " +
                                            w.Describe() + ": run get_or_create_user on this warehouse first");
    const auto started = std::chrono::steady_clock::now();
    const std::string started_at = NowIso8601();
    std::optional<RunRecord> run;
    if (record_run) {
      Json fields = extra;
      fields["user_id"] = user_doc.id;  // known from the start here (the step is given the user)
      run.emplace(w, run_id, call.request, refresh, fields, /*continues=*/true);
    }
    Fetcher fetcher(call.request.crawl);
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    EtlPipeline pipeline(w, dispatcher, fetcher);
    result = pipeline.CrawlLinks(user_doc, call.request, call.options, run_id);
    if (run) {
      run->AddCrawlStep(result, started_at,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      run->Finish(result.Status());
    }
  });
  if (result.interrupted && raise_on_interrupt) ThrowInterrupted(run_id, call.link_records);
  return CrawlStepToPython(run_id, result.Status(), LinksOfShard(call.request.links, call.request.shard), result,
                           call.link_records);
}

// ---- Errors ----

// llmtwin::Error -> the Python class for its kind, defined in llmtwin/errors.py (so the classes
// have docstrings and can be imported without the extension).
void TranslateEngineErrors(std::exception_ptr thrown) {
  try {
    if (thrown) std::rethrow_exception(thrown);
  } catch (const Error& e) {
    const char* detail = dynamic_cast<const warehouse::DuplicateKeyError*>(&e) ? "duplicate-key" : "";
    try {
      py::object cls = py::module_::import("llmtwin.errors").attr("error_class")(std::string(ErrorKindName(e.kind())), detail);
      py::object instance = cls(Utf8(e.what()), std::string(ErrorKindName(e.kind())));
      PyErr_SetObject(cls.ptr(), instance.ptr());
    } catch (py::error_already_set& import_failed) {
      import_failed.restore();  // llmtwin.errors itself failed: report that, it is the real bug
    }
  }
}

}  // namespace
}  // namespace llmtwin::python

using namespace llmtwin;          // NOLINT: the module definition names many engine types
using namespace llmtwin::python;  // NOLINT

PYBIND11_MODULE(_core, m) {
  m.doc() = "The llmtwin C++ engine, in-process. Use the llmtwin package, not this module.";
  m.attr("__version__") = LLMTWIN_VERSION;
  py::register_exception_translator(&TranslateEngineErrors);

  // Secrets are redacted from every log line, as in the CLI; stderr stays the sink.
  InitLogging(LogOptions{});

  m.def(
      "configure_logging",
      [](const std::string& level, const std::string& format) {
        LogOptions options;
        options.level = spdlog::level::from_str(level);
        if (options.level == spdlog::level::off && level != "off")
          throw Error(ErrorKind::kUsage, "unknown log level '" + level + "' (trace, debug, info, warning, error, off)");
        options.format = ParseLogFormat(format);
        InitLogging(options);
      },
      py::arg("level") = "info", py::arg("format") = "text");

  py::class_<warehouse::Warehouse, WarehousePtr>(m, "Warehouse")
      .def(py::init([](const std::string& uri) { return OpenWarehouseReleasingGil(uri); }), py::arg("uri") = "")
      .def("describe", &warehouse::Warehouse::Describe)
      .def("__repr__", [](warehouse::Warehouse& w) { return "<llmtwin.Warehouse " + w.Describe() + ">"; })
      .def(
          "find_documents",
          [](warehouse::Warehouse& w, const std::string& document_class, std::optional<std::string> author,
             std::optional<std::string> author_id, std::optional<std::string> platform, std::optional<std::string> link,
             std::size_t limit, std::size_t skip, bool include_duplicates) {
            const DocumentClass cls = ParseClassOrThrow(document_class);
            const bool filter = !include_duplicates && (cls == DocumentClass::kArticle || cls == DocumentClass::kPost);
            // Without duplicates, skip and limit apply to what is left.
            const warehouse::Query query =
                DocumentQuery(cls, author, author_id, platform, link, filter ? 0 : limit, filter ? 0 : skip);
            std::vector<Json> documents;
            {
              py::gil_scoped_release release;
              documents = w.FindDocuments(cls, query);
              if (filter) {
                documents = warehouse::WithoutDuplicates(w, std::move(documents));
                documents.erase(documents.begin(), documents.begin() + static_cast<std::ptrdiff_t>(std::min(skip, documents.size())));
                if (limit && documents.size() > limit) documents.resize(limit);
              }
            }
            return ToPythonList(documents);
          },
          py::arg("document_class"), py::kw_only(), py::arg("author") = py::none(), py::arg("author_id") = py::none(),
          py::arg("platform") = py::none(), py::arg("link") = py::none(), py::arg("limit") = 0, py::arg("skip") = 0,
          py::arg("include_duplicates") = true)
      .def(
          "import_export",
          [](warehouse::Warehouse& w, const std::string& dir) {
            py::gil_scoped_release release;
            std::size_t read = 0;
            for (const auto& [cls, result] : warehouse::ImportWarehouse(w, dir)) read += result.read;
            warehouse::DuplicateIndex(w).Recompute();  // imported documents are stored documents
            return read;
          },
          py::arg("dir"))
      .def(
          "duplicates",
          [](warehouse::Warehouse& w, std::optional<std::string> author, bool recompute) {
            Json out = Json::array();
            {
              py::gil_scoped_release release;
              warehouse::DuplicateIndex index(w);
              const std::string author_id = warehouse::AuthorIdFor(w, author.value_or(""));
              if (recompute) index.Recompute(author_id);
              for (const auto& cluster : index.Clusters(author_id)) {
                Json members = Json::array();
                for (const auto& member : cluster.members)
                  members.push_back({{"id", member.id}, {"collection", member.collection},
                                     {"platform", member.platform}, {"title", member.title}, {"link", member.link},
                                     {"canonical", member.canonical}, {"similarity", member.similarity}});
                out.push_back({{"author_id", cluster.author_id}, {"members", members}});
              }
            }
            return ToPython(out);
          },
          py::kw_only(), py::arg("author") = py::none(), py::arg("recompute") = false)
      .def(
          "export_dataset",
          [](warehouse::Warehouse& w, const std::string& dir, std::optional<std::string> author, bool include_duplicates,
             std::size_t min_words) {
            Json out;
            {
              py::gil_scoped_release release;
              warehouse::DatasetOptions options;
              options.author_id = warehouse::AuthorIdFor(w, author.value_or(""));
              options.include_duplicates = include_duplicates;
              options.min_words = min_words;
              options.command = "llmtwin.Warehouse.export_dataset(" + dir + ")";
              const auto summary = warehouse::ExportDataset(w, dir, options);
              out = {{"rows", summary.Totals().rows},
                     {"words", summary.Totals().words},
                     {"duplicates_removed", summary.duplicates_removed},
                     {"short_removed", summary.short_removed},
                     {"files", summary.rows_per_file}};
            }
            return ToPython(out);
          },
          py::arg("dir"), py::kw_only(), py::arg("author") = py::none(), py::arg("include_duplicates") = true,
          py::arg("min_words") = 0)
      .def(
          "count_documents",
          [](warehouse::Warehouse& w, const std::string& document_class, std::optional<std::string> author,
             std::optional<std::string> author_id, std::optional<std::string> platform, std::optional<std::string> link) {
            const DocumentClass cls = ParseClassOrThrow(document_class);
            const warehouse::Query query = DocumentQuery(cls, author, author_id, platform, link, 0, 0);
            py::gil_scoped_release release;
            return w.CountJson(CollectionName(cls), query);
          },
          py::arg("document_class"), py::kw_only(), py::arg("author") = py::none(), py::arg("author_id") = py::none(),
          py::arg("platform") = py::none(), py::arg("link") = py::none())
      .def(
          "list_runs",
          [](warehouse::Warehouse& w, std::size_t limit) {
            std::vector<Json> runs;
            {
              py::gil_scoped_release release;
              runs = w.FindJson(kRunsCollection, warehouse::Query().SortBy("started_at", false).Limit(limit));
            }
            return ToPythonList(runs);
          },
          py::arg("limit") = 20)
      .def(
          "get_run",
          [](warehouse::Warehouse& w, const std::string& run_id) -> py::object {
            std::optional<Json> run;
            std::vector<Json> links;
            {
              py::gil_scoped_release release;
              run = w.FindJsonById(kRunsCollection, run_id);
              links = w.FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", run_id).SortBy("index"));
            }
            if (!run && links.empty()) return py::none();
            Json out = run ? *run : Json{{"_id", run_id}};
            out["links"] = links;
            return ToPython(out);
          },
          py::arg("run_id"));

  m.def("default_warehouse_uri", &warehouse::DefaultWarehouseUri);
  m.def("load_config", [](const std::string& path) { return ConfigToPython(LoadEtlConfig(path)); }, py::arg("path"));
  m.def(
      "parse_config",
      [](const std::string& text, const std::string& name) { return ConfigToPython(ParseEtlConfig(text, name)); },
      py::arg("text"), py::arg("name") = "<string>");
  m.def(
      "crawl_options",
      [](py::handle overrides) { return CrawlOptionsToPython(ApplyCrawlOverrides(CrawlOptions{}, overrides)); },
      py::arg("overrides") = py::none());
  m.def("normalize_url", [](const std::string& link) { return NormalizeUrl(link); }, py::arg("link"));
  m.def(
      "split_full_name",
      [](const std::string& full_name) {
        const PersonName name = SplitFullName(full_name);
        return py::make_tuple(name.first_name, name.last_name);
      },
      py::arg("full_name"));

  m.def("run_etl", &RunEtl, py::kw_only(), py::arg("warehouse"), py::arg("config_path"), py::arg("user_full_name"),
        py::arg("links"), py::arg("sources"), py::arg("exports"), py::arg("crawl"), py::arg("refresh"), py::arg("on_link"),
        py::arg("link_workers"), py::arg("raise_on_interrupt"), py::arg("shard"));
  m.def(
      "validate_exports",
      [](py::handle exports) {
        const std::vector<ExportSpec> specs = ExportsFromPython(exports);
        py::gil_scoped_release release;
        return ValidateExports(specs);
      },
      py::kw_only(), py::arg("exports"));
  m.def("import_export", &ImportExport, py::kw_only(), py::arg("warehouse"), py::arg("kind"), py::arg("path"),
        py::arg("author"), py::arg("options"), py::arg("on_link"));
  m.def("import_exports", &ImportExportsStep, py::kw_only(), py::arg("warehouse"), py::arg("user"), py::arg("exports"),
        py::arg("run_id"), py::arg("on_link"), py::arg("record_run"), py::arg("run_extra"));
  m.def("get_or_create_user", &GetOrCreateUserStep, py::kw_only(), py::arg("warehouse"), py::arg("user_full_name"));
  m.def("crawl_links", &CrawlLinksStep, py::kw_only(), py::arg("warehouse"), py::arg("user"), py::arg("links"),
        py::arg("sources"), py::arg("crawl"), py::arg("refresh"), py::arg("run_id"), py::arg("on_link"),
        py::arg("link_workers"), py::arg("record_run"), py::arg("run_extra"), py::arg("config_path"),
        py::arg("config_text"), py::arg("raise_on_interrupt"), py::arg("shard"));
  m.def(
      "shard_of",
      [](const std::string& link, int shards) {
        ValidateShard(Shard{0, shards});
        return ShardOfLink(link, shards);
      },
      py::arg("link"), py::arg("shards"));
}
